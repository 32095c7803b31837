package org.openhall.kiosk.commands;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The {@code id} of a command from the first bytes of its payload (the rest was never read): the top-level
 * field {@code id} if it is a string and comes before the bytes run out, else null.
 */
final class LeadingId {
    private static final JsonFactory JSON = new JsonFactory();

    private LeadingId() {}

    static String find(byte[] head) {
        try (JsonParser p = JSON.createParser(head)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("id".equals(field)) {
                    return value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException truncatedOrNotJson) {
            return null;
        }
    }
}
