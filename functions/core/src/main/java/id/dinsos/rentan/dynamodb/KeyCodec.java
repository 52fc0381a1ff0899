package id.dinsos.rentan.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a DynamoDB key of string attributes (a LastEvaluatedKey) as text and reads it back, for
 * opaque cursors. Every key attribute of this table is a string.
 */
final class KeyCodec {
    private KeyCodec() {
    }

    static String encode(Map<String, AttributeValue> key) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(key).forEach((name, value) -> text.append(text.length() == 0 ? "" : "|").append(name).append('=')
                .append(URLEncoder.encode(value.s(), StandardCharsets.UTF_8)));
        return text.toString();
    }

    /** @throws IllegalArgumentException when the text is not one {@link #encode} wrote */
    static Map<String, AttributeValue> decode(String text) {
        Map<String, AttributeValue> key = new TreeMap<>();
        if (text.isEmpty()) {
            return key;
        }
        for (String part : text.split("\\|")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a key");
            }
            key.put(part.substring(0, eq), AttributeValue.fromS(URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8)));
        }
        return key;
    }
}
