package org.openhall.kiosk.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON trees read and written with Jackson's streaming API and its tree nodes, without an {@code ObjectMapper}.
 * The kiosk builds every payload as a tree and never binds JSON to classes, so the mapper's serializer,
 * deserializer and introspection machinery (some 300 classes and the JDK reflection they pull in) would only
 * cost memory: with the ahead-of-time cache they are loaded at start-up whether used or not, and they made up
 * several MB of the daemon's idle resident set (docs/benchmarks.md, "Budget"). Trees come out as
 * {@code ObjectMapper.readTree} makes them: the same node types for each number, the last of duplicate keys.
 *
 * <p>Never write a tree with {@code JsonNode.toString()}: that builds Jackson's internal mapper after all
 * (ArchitectureTest holds the line); use {@link #write(JsonNode)}.
 */
public final class Json {
    private final JsonFactory factory = new JsonFactory();
    private final JsonFactory strict = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    public ObjectNode createObjectNode() {
        return nodes.objectNode();
    }

    public ArrayNode createArrayNode() {
        return nodes.arrayNode();
    }

    /** One JSON value; anything after it is ignored. Empty input is a {@link MissingNode}. */
    public JsonNode readTree(byte[] content) throws IOException {
        try (JsonParser p = factory.createParser(content)) {
            return readTree(p);
        }
    }

    public JsonNode readTree(String content) throws IOException {
        try (JsonParser p = factory.createParser(content)) {
            return readTree(p);
        }
    }

    /** Exactly one JSON value: a key twice or anything after the value is refused. */
    public JsonNode readStrict(byte[] content) throws IOException {
        try (JsonParser p = strict.createParser(content)) {
            if (p.nextToken() == null) {
                throw new JsonParseException(p, "no content");
            }
            JsonNode value = tree(p);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "trailing content after the value");
            }
            return value;
        }
    }

    /**
     * The rest of the document a parser stands on (at a value or before its first token) as a tree: for
     * parsers of other formats too, such as TOML's.
     */
    public JsonNode readTree(JsonParser p) throws IOException {
        if (!p.hasCurrentToken() && p.nextToken() == null) {
            return MissingNode.getInstance();
        }
        return tree(p);
    }

    public byte[] writeValueAsBytes(JsonNode value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = factory.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON tree could not be written", e);
        }
        return out.toByteArray();
    }

    public String write(JsonNode value) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = factory.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON tree could not be written", e);
        }
        return out.toString();
    }

    private JsonNode tree(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> nodes.textNode(p.getText());
            case VALUE_NUMBER_INT -> integer(p);
            case VALUE_NUMBER_FLOAT -> switch (p.getNumberType()) {
                case BIG_DECIMAL -> nodes.numberNode(p.getDecimalValue());
                case FLOAT -> nodes.numberNode(p.getFloatValue());
                default -> nodes.numberNode(p.getDoubleValue());
            };
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            case VALUE_EMBEDDED_OBJECT -> embedded(p.getEmbeddedObject());
            default -> throw new JsonParseException(p, "unexpected " + p.currentToken());
        };
    }

    private ObjectNode object(JsonParser p) throws IOException {
        ObjectNode object = nodes.objectNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            object.set(name, tree(p));
        }
        return object;
    }

    private ArrayNode array(JsonParser p) throws IOException {
        ArrayNode array = nodes.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            array.add(tree(p));
        }
        return array;
    }

    private JsonNode integer(JsonParser p) throws IOException {
        return switch (p.getNumberType()) {
            case INT -> nodes.numberNode(p.getIntValue());
            case LONG -> nodes.numberNode(p.getLongValue());
            default -> nodes.numberNode(p.getBigIntegerValue());
        };
    }

    private JsonNode embedded(Object value) {
        if (value instanceof byte[] bytes) {
            return nodes.binaryNode(bytes);
        }
        return value == null ? nodes.nullNode() : nodes.pojoNode(value);
    }

    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> field : n.properties()) {
                    if (!field.getValue().isMissingNode()) {
                        g.writeFieldName(field.getKey());
                        write(g, field.getValue());
                    }
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : n) {
                    write(g, element);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case NUMBER -> number(g, n);
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case BINARY -> g.writeBinary(n.binaryValue());
            case NULL, MISSING -> g.writeNull();
            case POJO -> throw new IllegalArgumentException("a tree with a Java object in it: " + n.getClass().getSimpleName());
        }
    }

    private static void number(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.numberType()) {
            case INT -> g.writeNumber(n.intValue());
            case LONG -> g.writeNumber(n.longValue());
            case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
            case FLOAT -> g.writeNumber(n.floatValue());
            case DOUBLE -> g.writeNumber(n.doubleValue());
            case BIG_DECIMAL -> g.writeNumber(n.decimalValue());
        }
    }
}
