package id.dinsos.rentan.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

/** Small conversions between attribute values and Java values, so the mappers read plainly. */
final class Attr {
    private Attr() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, Object value) {
        if (value != null) {
            item.put(name, s(value.toString()));
        }
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? null : v.s();
    }

    static long number(Map<String, AttributeValue> item, String name, long fallback) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? fallback : Long.parseLong(v.n());
    }

    static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    static LocalDate date(Map<String, AttributeValue> item, String name) {
        String s = string(item, name);
        return s == null ? null : LocalDate.parse(s);
    }

    static OffsetDateTime time(Map<String, AttributeValue> item, String name) {
        String s = string(item, name);
        return s == null ? null : OffsetDateTime.parse(s);
    }
}
