package id.dinsos.rentan.http;

import id.dinsos.rentan.domain.Refusal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Dates and months as callers send them: only the plain forms {@code YYYY-MM-DD} and {@code YYYY-MM},
 * with a year in a sane range. {@link LocalDate#parse} alone also takes {@code +999999999-12-31},
 * which parses and then overflows the arithmetic of the rules (issue 8). Shared by the JSON bodies,
 * path parameters and the CSV imports, so all of them refuse the same things with the same codes:
 * {@code INVALID_FORMAT} (not the plain form, or no such day) and {@code OUT_OF_RANGE} (the year).
 */
public final class PlainDates {
    /** The years a programme date or month may fall in (a run, a payment, an event, a decree...). */
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2100;
    /** The earliest year of a birth date. */
    public static final int MIN_BIRTH_YEAR = 1900;

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");

    private PlainDates() {
    }

    /** The date, or null with one error on {@code field} in {@code errors}. */
    public static LocalDate date(String field, String text, int minYear, int maxYear, List<Refusal.FieldError> errors) {
        if (text == null || !DATE.matcher(text).matches()) {
            errors.add(new Refusal.FieldError(field, "INVALID_FORMAT", "A date as YYYY-MM-DD."));
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeException e) {
            errors.add(new Refusal.FieldError(field, "INVALID_FORMAT", "A date as YYYY-MM-DD; there is no such day."));
            return null;
        }
        if (date.getYear() < minYear || date.getYear() > maxYear) {
            errors.add(outOfRange(field, minYear, maxYear));
            return null;
        }
        return date;
    }

    /** The month, or null with one error on {@code field} in {@code errors}. */
    public static YearMonth month(String field, String text, int minYear, int maxYear, List<Refusal.FieldError> errors) {
        if (text == null || !MONTH.matcher(text).matches()) {
            errors.add(new Refusal.FieldError(field, "INVALID_FORMAT", "A month as YYYY-MM."));
            return null;
        }
        YearMonth month;
        try {
            month = YearMonth.parse(text);
        } catch (DateTimeException e) {
            errors.add(new Refusal.FieldError(field, "INVALID_FORMAT", "A month as YYYY-MM, with a month from 01 to 12."));
            return null;
        }
        if (month.getYear() < minYear || month.getYear() > maxYear) {
            errors.add(outOfRange(field, minYear, maxYear));
            return null;
        }
        return month;
    }

    /** A year as four digits ({@code YYYY}), or null with one error on {@code field} in {@code errors}. */
    public static Integer year(String field, String text, int minYear, int maxYear, List<Refusal.FieldError> errors) {
        if (text == null || !YEAR.matcher(text).matches()) {
            errors.add(new Refusal.FieldError(field, "INVALID_FORMAT", "A year as YYYY."));
            return null;
        }
        int year = Integer.parseInt(text);
        if (year < minYear || year > maxYear) {
            errors.add(outOfRange(field, minYear, maxYear));
            return null;
        }
        return year;
    }

    /** A month in a path, such as {@code /runs/{month}}: the month, or a 400 {@code VALIDATION_FAILED} on {@code field}. */
    public static YearMonth pathMonth(String field, String text) {
        List<Refusal.FieldError> errors = new ArrayList<>(1);
        YearMonth month = month(field, text, MIN_YEAR, MAX_YEAR, errors);
        if (month == null) {
            throw new Refusal.Invalid(errors);
        }
        return month;
    }

    private static Refusal.FieldError outOfRange(String field, int minYear, int maxYear) {
        return new Refusal.FieldError(field, "OUT_OF_RANGE", "The year must be from " + minYear + " to " + maxYear + ".");
    }
}
