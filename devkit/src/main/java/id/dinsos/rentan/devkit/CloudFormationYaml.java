package id.dinsos.rentan.devkit;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a CloudFormation / SAM template into a Jackson tree with every short-form intrinsic
 * ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub ...}) turned into its long form
 * ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["A", "B"]}}, {@code {"Fn::Sub": ...}}).
 *
 * <p>Why not {@code ObjectMapper.readTree}: the plain YAML mapper silently drops the tags, so
 * {@code !Ref Table} would read as the string {@code "Table"} and a test could not tell a
 * reference from a literal.
 */
public final class CloudFormationYaml {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudFormationYaml() {
    }

    public static JsonNode read(Path file) {
        try {
            return read(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static JsonNode read(String yaml) {
        try (YAMLParser parser = FACTORY.createParser(yaml)) {
            if (parser.nextToken() == null) {
                return NODES.objectNode();
            }
            return readValue(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("invalid YAML", e);
        }
    }

    private static JsonNode readValue(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonToken token = parser.currentToken();
        JsonNode value;
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, readValue(parser));
                }
                value = object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                value = array;
            }
            case VALUE_STRING -> value = NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> value = NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> value = NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> value = NODES.booleanNode(true);
            case VALUE_FALSE -> value = NODES.booleanNode(false);
            case VALUE_NULL -> value = NODES.nullNode();
            default -> throw new IOException("unexpected YAML token " + token);
        }
        return tag == null ? value : intrinsic(tag, value);
    }

    private static JsonNode intrinsic(String rawTag, JsonNode value) {
        String tag = rawTag.startsWith("!") ? rawTag.substring(1) : rawTag;
        if (tag.startsWith("tag:yaml.org") || tag.startsWith("!")) {
            return value; // a standard YAML tag such as !!str: not an intrinsic
        }
        ObjectNode longForm = NODES.objectNode();
        if (tag.equals("Ref") || tag.equals("Condition")) {
            longForm.set(tag, value);
        } else if (tag.equals("GetAtt") && value.isTextual()) {
            String text = value.asText();
            int dot = text.indexOf('.');
            ArrayNode parts = NODES.arrayNode();
            parts.add(dot < 0 ? text : text.substring(0, dot));
            parts.add(dot < 0 ? "" : text.substring(dot + 1));
            longForm.set("Fn::GetAtt", parts);
        } else {
            longForm.set("Fn::" + tag, value);
        }
        return longForm;
    }
}
