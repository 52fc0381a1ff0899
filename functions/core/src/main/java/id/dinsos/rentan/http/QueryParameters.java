package id.dinsos.rentan.http;

import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.port.Page;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query string of a read route, checked the same way on every route: a parameter the route does not
 * take is refused ({@code UNKNOWN_PARAMETER}), {@code limit} is a whole number from 1 to 500 (default
 * 50), and a {@code cursor} longer than any cursor a list writes is refused before it is decoded. Each
 * problem is added to {@code errors}, so a route reports every problem at once.
 */
public final class QueryParameters {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private QueryParameters() {
    }

    /** One {@code UNKNOWN_PARAMETER} error for each parameter that is not {@code allowed}. */
    public static void onlyKnown(ApiRequest request, Set<String> allowed, List<Refusal.FieldError> errors) {
        String names = new TreeSet<>(allowed).toString();
        request.queryParameters().keySet().stream().filter(k -> !allowed.contains(k)).sorted().forEach(k ->
                errors.add(new Refusal.FieldError(StorableText.printable(k), "UNKNOWN_PARAMETER", "Allowed: " + names + ".")));
    }

    /** The page size: {@link #DEFAULT_LIMIT} when absent. */
    public static int limit(ApiRequest request, List<Refusal.FieldError> errors) {
        return limit(request.query("limit").orElse(null), errors);
    }

    /** A page size given as text (a query parameter): {@link #DEFAULT_LIMIT} when null. */
    public static int limit(String text, List<Refusal.FieldError> errors) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.add(new Refusal.FieldError("limit", "OUT_OF_RANGE", "Must be between 1 and " + MAX_LIMIT + "."));
            }
            return limit;
        } catch (NumberFormatException e) {
            errors.add(new Refusal.FieldError("limit", "INVALID_TYPE", "Must be a whole number."));
            return DEFAULT_LIMIT;
        }
    }

    /** The cursor as given (checked further by the list that decodes it), or null. */
    public static String cursor(ApiRequest request, List<Refusal.FieldError> errors) {
        return cursor(request.query("cursor").orElse(null), errors);
    }

    public static String cursor(String cursor, List<Refusal.FieldError> errors) {
        if (cursor != null && cursor.length() > Page.MAX_CURSOR_LENGTH) {
            errors.add(invalidCursor());
        }
        return cursor;
    }

    public static Refusal.FieldError invalidCursor() {
        return new Refusal.FieldError("cursor", "INVALID_CURSOR", "The cursor is not one this list returned; start again without it.");
    }

    /** Throws every collected error as one 400 {@code VALIDATION_FAILED}. */
    public static void finish(List<Refusal.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new Refusal.Invalid(errors);
        }
    }
}
