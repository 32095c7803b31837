package org.openhall.kiosk.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import org.openhall.kiosk.json.Json;

/**
 * A request body as section 6 accepts it: exactly one JSON object, nothing after it, no key twice, and only
 * the fields the route declared. An empty body is an empty object (routes that take their arguments from the
 * query string, such as {@code /api/sim/press}).
 */
final class JsonBody {
    /** Any fields: for routes registered without a declaration. */
    static final Set<String> ANY_FIELDS = null;

    private static final Json JSON = new Json();

    /** Thrown for any body the rules refuse; the server answers 400 {@code invalid_argument}. */
    static final class Invalid extends Exception {
        Invalid(String why) {
            super(why, null, false, false);
        }
    }

    private JsonBody() {}

    /** @param fields the names the route takes, or {@link #ANY_FIELDS} */
    static ObjectNode parse(byte[] body, Set<String> fields) throws Invalid {
        if (isBlank(body)) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode tree;
        try {
            tree = JSON.readStrict(body);
        } catch (IOException e) {
            throw new Invalid("not one JSON value");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new Invalid("not a JSON object");
        }
        if (fields != ANY_FIELDS) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.contains(name)) {
                    throw new Invalid("unknown field");
                }
            }
        }
        return object;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
