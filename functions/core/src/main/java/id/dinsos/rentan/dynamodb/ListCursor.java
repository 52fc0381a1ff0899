package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.Refusal;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The opaque {@code cursor} of a list: which status partition the walk is in and DynamoDB's last
 * evaluated key there. Only string key attributes occur in this table's keys.
 */
record ListCursor(int statusIndex, Map<String, AttributeValue> startKey) {

    String encode() {
        StringBuilder text = new StringBuilder("v1|").append(statusIndex);
        if (startKey != null) {
            new TreeMap<>(startKey).forEach((name, value) -> text.append('|').append(name).append('=')
                    .append(URLEncoder.encode(value.s(), StandardCharsets.UTF_8)));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static ListCursor decode(String cursor, int statusCount) {
        if (cursor == null || cursor.isBlank()) {
            return new ListCursor(0, null);
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|");
            if (parts.length < 2 || !parts[0].equals("v1")) {
                throw invalid();
            }
            int statusIndex = Integer.parseInt(parts[1]);
            if (statusIndex < 0 || statusIndex >= statusCount) {
                throw invalid();
            }
            Map<String, AttributeValue> key = new TreeMap<>();
            for (int i = 2; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq <= 0) {
                    throw invalid();
                }
                key.put(parts[i].substring(0, eq), AttributeValue.fromS(URLDecoder.decode(parts[i].substring(eq + 1), StandardCharsets.UTF_8)));
            }
            return new ListCursor(statusIndex, key.isEmpty() ? null : key);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    static Refusal.Invalid invalid() {
        return new Refusal.Invalid(List.of(new Refusal.FieldError("cursor", "INVALID_CURSOR",
                "The cursor is not one this list returned; start again without it.")));
    }
}
