package id.dinsos.rentan.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import id.dinsos.rentan.domain.Refusal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a JSON request body field by field and collects every problem with its field path, so a
 * client learns all that is wrong in one 400 answer. Call {@link #finish()} after reading.
 *
 * <p>A body is one JSON object, within the limits below, with nothing after it and every field
 * name once per object; anything else is 400 {@code MALFORMED_JSON}.
 * Dates and months are plain and within their years ({@link PlainDates}).
 * Text fields refuse what cannot be stored ({@link StorableText}).
 */
public final class JsonInput {
    /** Limits of a body's JSON (README, "Errors"); the deepest body of the contract nests 3 levels. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Characters of one number: a whole rupiah amount has at most 19 digits. */
    public static final int MAX_NUMBER_LENGTH = 50;
    /** Characters of one string value; every text field of the contract is far shorter. */
    public static final int MAX_STRING_LENGTH = 65_536;
    /** Characters of one field name. */
    public static final int MAX_NAME_LENGTH = 256;
    private static final String LIMITS = "at most " + MAX_NESTING_DEPTH + " levels of nesting, numbers of at most "
            + MAX_NUMBER_LENGTH + " characters, strings of at most " + MAX_STRING_LENGTH
            + " characters and field names of at most " + MAX_NAME_LENGTH;

    private final JsonNode node;
    private final String prefix;
    private final List<Refusal.FieldError> errors;

    private JsonInput(JsonNode node, String prefix, List<Refusal.FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Parses the body, which must be a JSON object; an empty body reads as {} when {@code emptyAllowed}. */
    public static JsonInput parse(String body, boolean emptyAllowed) {
        if (body == null || body.isBlank()) {
            if (emptyAllowed) {
                return new JsonInput(Json.MAPPER.createObjectNode(), "", new ArrayList<>());
            }
            throw malformed("The request needs a JSON body.");
        }
        JsonNode node;
        try {
            node = Json.STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(why(e));
        }
        if (node == null || !node.isObject()) {
            throw malformed("The body must be a JSON object.");
        }
        return new JsonInput(node, "", new ArrayList<>());
    }

    /** What is wrong, in words that name no class of ours and echo nothing the caller sent. */
    private static String why(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            return "The body goes beyond the JSON limits: " + LIMITS + ".";
        }
        String where = where(e.getLocation());
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Duplicate field")) {
            return "The body is not valid JSON" + where + ": a field appears twice in one object.";
        }
        if (e instanceof MismatchedInputException && message.startsWith("Trailing token")) {
            return "The body is not valid JSON" + where + ": there is more after the JSON document.";
        }
        return "The body is not valid JSON" + where + ".";
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static Refusal.Invalid malformed(String detail) {
        return new Refusal.Invalid("MALFORMED_JSON", detail, List.of());
    }

    public void error(String field, String code, String message) {
        errors.add(new Refusal.FieldError(prefix + field, code, message));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Whether {@code field} (at this level) already has an error, so a rule on it is not reported twice. */
    public boolean hasErrorOn(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(prefix + field));
    }

    /** Reports every field of this object but {@code allowed} as {@code UNKNOWN_FIELD}: for a body the contract closes. */
    public void onlyFields(String... allowed) {
        Set<String> known = Set.of(allowed);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                error(StorableText.printable(name), "UNKNOWN_FIELD",
                        known.isEmpty() ? "This request takes no fields." : "Not a field of this request; allowed: " + known + ".");
            }
        }
    }

    /** Throws the collected field errors as one 400 refusal, if there are any. */
    public void finish() {
        if (!errors.isEmpty()) {
            throw new Refusal.Invalid(errors);
        }
    }

    private JsonNode value(String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                error(field, "REQUIRED", "This field is required.");
            }
            return null;
        }
        return v;
    }

    public String text(String field, boolean required, int maxLength) {
        JsonNode v = value(field, required);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            error(field, "INVALID_TYPE", "Must be a string.");
            return null;
        }
        if (!StorableText.isStorable(v.asText())) {
            error(field, StorableText.CODE, StorableText.MESSAGE);
            return null;
        }
        String text = v.asText().strip();
        if (text.isEmpty()) {
            if (required) {
                error(field, "REQUIRED", "This field must not be empty.");
            }
            return null;
        }
        if (text.length() > maxLength) {
            error(field, "TOO_LONG", "At most " + maxLength + " characters.");
            return null;
        }
        return text;
    }

    public Integer integer(String field, boolean required, long min, long max) {
        Long v = number(field, required, min, max);
        return v == null ? null : v.intValue();
    }

    public Long number(String field, boolean required, long min, long max) {
        JsonNode v = value(field, required);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            error(field, "INVALID_TYPE", "Must be a whole number.");
            return null;
        }
        long n = v.canConvertToLong() ? v.asLong() : v.bigIntegerValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        if (n < min || n > max) {
            error(field, "OUT_OF_RANGE", "Must be between " + min + " and " + max + ".");
            return null;
        }
        return n;
    }

    public Boolean bool(String field, boolean required) {
        JsonNode v = value(field, required);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            error(field, "INVALID_TYPE", "Must be true or false.");
            return null;
        }
        return v.asBoolean();
    }

    /** A plain YYYY-MM-DD date in the years {@link PlainDates#MIN_YEAR} to {@link PlainDates#MAX_YEAR}. */
    public LocalDate date(String field, boolean required) {
        return date(field, required, PlainDates.MIN_YEAR, PlainDates.MAX_YEAR);
    }

    /** A plain YYYY-MM-DD date in the years {@code minYear} to {@code maxYear}, such as a birth date. */
    public LocalDate date(String field, boolean required, int minYear, int maxYear) {
        String text = text(field, required, 32);
        return text == null ? null : PlainDates.date(prefix + field, text, minYear, maxYear, errors);
    }

    /** A plain YYYY-MM month in the years {@link PlainDates#MIN_YEAR} to {@link PlainDates#MAX_YEAR}. */
    public YearMonth month(String field, boolean required) {
        String text = text(field, required, 32);
        return text == null ? null : PlainDates.month(prefix + field, text, PlainDates.MIN_YEAR, PlainDates.MAX_YEAR, errors);
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
        String text = text(field, required, 64);
        return text == null ? null : enumOf(field, type, text);
    }

    private <E extends Enum<E>> E enumOf(String field, Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            error(field, "INVALID_VALUE", "Must be one of " + Arrays.toString(type.getEnumConstants()) + ".");
            return null;
        }
    }

    /** A nested object; its problems are reported as {@code field.child}. Empty when absent or not an object. */
    public Optional<JsonInput> object(String field, boolean required) {
        JsonNode v = value(field, required);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            error(field, "INVALID_TYPE", "Must be an object.");
            return Optional.empty();
        }
        return Optional.of(new JsonInput(v, prefix + field + ".", errors));
    }

    /** A non-empty array whose elements are read by {@code element} (given each as an input and its path). */
    public <T> List<T> array(String field, boolean required, Function<JsonInput, T> element) {
        JsonNode v = value(field, required);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            error(field, "INVALID_TYPE", "Must be an array.");
            return null;
        }
        if (required && v.isEmpty()) {
            error(field, "REQUIRED", "Must not be empty.");
            return null;
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            com.fasterxml.jackson.databind.node.ObjectNode wrapper = Json.MAPPER.createObjectNode();
            wrapper.set("value", item);
            JsonInput input = new JsonInput(item.isObject() ? item : wrapper, prefix + field + "[" + i + "].", errors);
            values.add(element.apply(input));
        }
        return values;
    }

    /** For arrays of scalars: read the element itself (it appears as field "value"). */
    public String elementText(int maxLength) {
        JsonNode v = node.get("value");
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            errors.add(new Refusal.FieldError(prefix.substring(0, prefix.length() - 1), "INVALID_TYPE", "Must be a non-empty string."));
            return null;
        }
        if (!StorableText.isStorable(v.asText())) {
            errors.add(new Refusal.FieldError(prefix.substring(0, prefix.length() - 1), StorableText.CODE, StorableText.MESSAGE));
            return null;
        }
        String text = v.asText().strip();
        if (text.length() > maxLength) {
            errors.add(new Refusal.FieldError(prefix.substring(0, prefix.length() - 1), "TOO_LONG", "At most " + maxLength + " characters."));
            return null;
        }
        return text;
    }

    /**
     * For arrays of dates: the element as a plain YYYY-MM-DD date (a four-digit year), or null with an
     * error on the element. The caller checks the years it allows.
     */
    public LocalDate elementDate() {
        String text = elementText(32);
        return text == null ? null : PlainDates.date(prefix.substring(0, prefix.length() - 1), text, 0, 9999, errors);
    }

    public <E extends Enum<E>> E elementEnum(Class<E> type) {
        String text = elementText(64);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            errors.add(new Refusal.FieldError(prefix.substring(0, prefix.length() - 1), "INVALID_VALUE",
                    "Must be one of " + Arrays.toString(type.getEnumConstants()) + "."));
            return null;
        }
    }
}
