package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.port.Page;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The opaque {@code cursor} of a list: which status partition the walk is in and DynamoDB's last
 * evaluated key there. Only string key attributes occur in this table's keys.
 */
record ListCursor(int statusIndex, Map<String, AttributeValue> startKey) {

    String encode() {
        String text = "v1|" + statusIndex + (startKey == null ? "" : "|" + KeyCodec.encode(startKey));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static ListCursor decode(String cursor, int statusCount) {
        if (cursor == null || cursor.isBlank()) {
            return new ListCursor(0, null);
        }
        if (cursor.length() > Page.MAX_CURSOR_LENGTH) {
            throw invalid();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length < 2 || !parts[0].equals("v1")) {
                throw invalid();
            }
            int statusIndex = Integer.parseInt(parts[1]);
            if (statusIndex < 0 || statusIndex >= statusCount) {
                throw invalid();
            }
            Map<String, AttributeValue> key = parts.length == 3 ? KeyCodec.decode(parts[2]) : Map.of();
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
