package org.openhall.kiosk.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Trees as Jackson's ObjectMapper reads and writes them, which the kiosk used before and the centre still uses. */
class JsonTest {
    private final Json json = new Json();
    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "0", "-7", "2147483647", "2147483648", "-9223372036854775808", "9223372036854775808",
        "123456789012345678901234567890", "2.5", "-0.0", "1e300", "1.5E-7", "true", "false", "null", "\"\"",
        "\"a\\u00e9\\n\\\"\\\\ 综合 \\ud83d\\ude00\"",
        "{\"a\":1,\"b\":[true,\"x\",null,{}],\"c\":{\"d\":2.5,\"e\":[[],[1,[2]]]}}",
        "{\"k\":1,\"k\":2}", "{\"a\":1} trailing", "  [1]  "
    })
    void readsTheTreesTheMapperReads(String text) throws IOException {
        JsonNode ours = json.readTree(text);
        JsonNode theirs = mapper.readTree(text);

        assertThat(ours).isEqualTo(theirs);
        assertThat(json.readTree(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(theirs);
        assertThat(ours.getClass()).isEqualTo(theirs.getClass());
        assertThat(json.write(ours)).isEqualTo(mapper.writeValueAsString(theirs));
    }

    @Test
    void emptyInputIsAMissingNodeAsForTheMapper() throws IOException {
        assertThat(json.readTree("  ").isMissingNode()).isTrue();
        assertThat(json.readTree(new byte[0]).isMissingNode()).isTrue();
        assertThat(mapper.readTree("  ").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[1,", "{\"a\"}", "nul", "{\"a\":1]", "'x'", "\"\\x\""})
    void refusesWhatTheMapperRefuses(String text) {
        assertThatThrownBy(() -> mapper.readTree(text)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> json.readTree(text)).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"k\":1,\"k\":2}", "{\"a\":1} {}", "{\"a\":1} x", "", " "})
    void strictReadingRefusesATwiceKeyTrailingContentAndNothing(String text) {
        assertThatThrownBy(() -> json.readStrict(text.getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
    }

    @Test
    void strictReadingTakesOneValueWithSpaceAround() throws IOException {
        assertThat(json.readStrict(" {\"a\":[1,2]}\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(mapper.readTree("{\"a\":[1,2]}"));
    }

    @Test
    void deepNestingIsRefusedByTheParserNotByTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> json.readTree(deep)).isInstanceOf(IOException.class).hasMessageContaining("depth");
    }

    @Test
    void writesRandomTreesAsTheMapperDoes() throws IOException {
        Random random = new Random(20261204);
        for (int i = 0; i < 2_000; i++) {
            JsonNode tree = randomValue(random, 0);
            assertThat(json.write(tree)).isEqualTo(mapper.writeValueAsString(tree));
            assertThat(json.writeValueAsBytes(tree)).isEqualTo(mapper.writeValueAsBytes(tree));
            assertThat(json.readTree(json.writeValueAsBytes(tree))).isEqualTo(mapper.readTree(mapper.writeValueAsBytes(tree)));
        }
    }

    @Test
    void aTreeWithAJavaObjectInItIsRefused() {
        ObjectNode tree = json.createObjectNode();
        tree.putPOJO("p", new Object());
        assertThatThrownBy(() -> json.write(tree)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTomlAsTheTomlMapperDoes() throws IOException {
        String toml = """
                top = "x"
                n = 42
                big = 9223372036854775807
                f = 1.5
                on = true
                list = [1, "two", 3.0]
                [kiosk]
                id = "k-01"
                when = 2026-12-04T09:00:00+08:00
                [[queue.categories]]
                code = "A"
                [[queue.categories]]
                code = "B"
                buttons = { a = 5, b = 6 }
                """;
        JsonNode ours;
        try (JsonParser p = new TomlFactory().createParser(toml)) {
            ours = json.readTree(p);
        }
        assertThat(ours).isEqualTo(new TomlMapper().readTree(toml));
    }

    private JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 8 : 10);
        return switch (kind) {
            case 0 -> json.createObjectNode().textNode(randomText(random));
            case 1 -> json.createObjectNode().numberNode(random.nextInt());
            case 2 -> json.createObjectNode().numberNode(random.nextLong());
            case 3 -> json.createObjectNode().numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 4 -> json.createObjectNode().numberNode(new BigInteger(100, random));
            case 5 -> json.createObjectNode().numberNode(new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(10)));
            case 6 -> json.createObjectNode().booleanNode(random.nextBoolean());
            case 7 -> json.createObjectNode().nullNode();
            case 8 -> {
                ObjectNode object = json.createObjectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(randomText(random), randomValue(random, depth + 1));
                }
                yield object;
            }
            default -> {
                ArrayNode array = json.createArrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
        };
    }

    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            s.append(switch (random.nextInt(5)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> "\"\\/";
                case 2 -> "号综合受理";
                case 3 -> "\ud83d\ude00";
                default -> (char) ('a' + random.nextInt(26));
            });
        }
        return s.toString();
    }
}
