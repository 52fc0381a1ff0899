package id.dinsos.rentan.registration;

import id.dinsos.rentan.application.DecreeRow;
import id.dinsos.rentan.domain.Address;
import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.DtsenRank;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Sex;
import id.dinsos.rentan.http.PlainDates;
import id.dinsos.rentan.http.StorableText;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the decree list CSV of {@code POST /registrations/import} ({@link CsvFile}'s conventions).
 * A bad header refuses the whole file; a bad line is reported on its own and the rest still import.
 */
final class DecreeCsv {
    static final List<String> COLUMNS = List.of("nik", "fullName", "birthDate", "sex", "phone", "street", "kelurahan",
            "kecamatan", "occupation", "dtsenDecile", "dtsenVersion", "disability", "coverageStart");
    static final Set<String> OPTIONAL_COLUMNS = Set.of("phone", "dtsenDecile", "dtsenVersion", "disability", "coverageStart");
    /**
     * The most lines {@code POST /registrations/import} takes in one request: about 7 s at the slowest
     * rate measured for the reference decree (22 s for 5,952 lines), well inside the API's 30 s.
     * Larger lists go through {@code POST /imports} (DecreeImports), which has no such limit.
     */
    static final int SYNC_MAX_ROWS = 2_000;

    private DecreeCsv() {
    }

    static List<DecreeRow> read(String body, LocalDate today) {
        return read(body, today, SYNC_MAX_ROWS);
    }

    static List<DecreeRow> read(String body, LocalDate today, int maxRows) {
        List<String> required = COLUMNS.stream().filter(c -> !OPTIONAL_COLUMNS.contains(c)).toList();
        List<DecreeRow> rows = new ArrayList<>();
        for (CsvFile.Line line : CsvFile.read(body, "decree list", required, COLUMNS, maxRows)) {
            rows.add(row(line.number(), line.values(), today));
        }
        return rows;
    }

    private static DecreeRow row(int line, Map<String, String> values, LocalDate today) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        // Text that cannot be stored (NUL, control characters, half a surrogate pair) refuses its column;
        // the other columns are still checked, as if that one were empty, without a second error on it.
        Map<String, String> r = new HashMap<>(values);
        Set<String> unstorable = new HashSet<>();
        for (String column : COLUMNS) {
            if (!StorableText.isStorable(r.get(column))) {
                errors.add(new Refusal.FieldError(column, StorableText.CODE, StorableText.MESSAGE));
                unstorable.add(column);
                r.remove(column);
            }
        }
        String nikText = value(r, "nik");
        if (nikText == null) {
            errors.add(new Refusal.FieldError("nik", "REQUIRED", "Required."));
        } else {
            ApplicationFields.nikProblem(nikText).ifPresent(p -> errors.add(new Refusal.FieldError("nik", "INVALID_FORMAT", "NIK " + p + ".")));
        }
        String fullName = required(r, "fullName", ApplicationFields.NAME_MAX, errors);
        if (fullName != null && !ApplicationFields.nameValid(fullName)) {
            errors.add(new Refusal.FieldError("fullName", "INVALID_FORMAT", "Letters, spaces and . , ' - only."));
        }
        LocalDate birthDate = date(r, "birthDate", true, PlainDates.MIN_BIRTH_YEAR, errors);
        if (birthDate != null) {
            ApplicationFields.birthDateProblem(birthDate, today).ifPresent(p -> errors.add(new Refusal.FieldError("birthDate", "OUT_OF_RANGE", p)));
        }
        Sex sex = enumValue(r, "sex", Sex.class, errors);
        String phone = ApplicationFields.normalisedPhone(value(r, "phone")).orElse(null);
        if (phone != null && !ApplicationFields.phoneValid(phone)) {
            errors.add(new Refusal.FieldError("phone", "INVALID_FORMAT", "8 to 15 digits, optionally starting with +."));
        }
        String street = required(r, "street", ApplicationFields.ADDRESS_MAX, errors);
        String kelurahan = required(r, "kelurahan", ApplicationFields.ADDRESS_MAX, errors);
        String kecamatan = required(r, "kecamatan", ApplicationFields.ADDRESS_MAX, errors);
        Occupation occupation = enumValue(r, "occupation", Occupation.class, errors);
        DtsenRank dtsen = null;
        String decileText = value(r, "dtsenDecile");
        if (decileText != null) {
            LocalDate version = date(r, "dtsenVersion", true, PlainDates.MIN_YEAR, errors);
            try {
                int decile = Integer.parseInt(decileText);
                if (decile < 1 || decile > 10) {
                    errors.add(new Refusal.FieldError("dtsenDecile", "OUT_OF_RANGE", "Must be between 1 and 10."));
                } else if (version != null) {
                    dtsen = new DtsenRank(decile, version);
                }
            } catch (NumberFormatException e) {
                errors.add(new Refusal.FieldError("dtsenDecile", "INVALID_TYPE", "Must be a whole number."));
            }
        }
        boolean disability = false;
        String disabilityText = value(r, "disability");
        if (disabilityText != null) {
            switch (disabilityText.toLowerCase(Locale.ROOT)) {
                case "true", "ya", "1", "yes" -> disability = true;
                case "false", "tidak", "0", "no" -> disability = false;
                default -> errors.add(new Refusal.FieldError("disability", "INVALID_VALUE", "true or false."));
            }
        }
        LocalDate coverageStart = date(r, "coverageStart", false, PlainDates.MIN_YEAR, errors);
        if (coverageStart != null && coverageStart.getDayOfMonth() != 1) {
            errors.add(new Refusal.FieldError("coverageStart", "NOT_FIRST_OF_MONTH", "Coverage starts on the first day of a month (R-20)."));
            coverageStart = null;
        }
        errors.removeIf(e -> unstorable.contains(e.field()) && !e.code().equals(StorableText.CODE));
        if (!errors.isEmpty()) {
            return new DecreeRow(line, nikText, null, null, errors);
        }
        Application application = new Application(Nik.of(nikText), fullName, birthDate, sex, phone,
                new Address(street, kelurahan, kecamatan), occupation, dtsen, disability);
        return new DecreeRow(line, nikText, application, coverageStart, List.of());
    }

    private static String value(Map<String, String> r, String column) {
        String v = r.get(column);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String required(Map<String, String> r, String column, int max, List<Refusal.FieldError> errors) {
        String v = value(r, column);
        if (v == null) {
            errors.add(new Refusal.FieldError(column, "REQUIRED", "Required."));
            return null;
        }
        if (v.length() > max) {
            errors.add(new Refusal.FieldError(column, "TOO_LONG", "At most " + max + " characters."));
            return null;
        }
        return v;
    }

    /** A plain YYYY-MM-DD date from {@code minYear} to {@link PlainDates#MAX_YEAR}, as in the JSON bodies. */
    private static LocalDate date(Map<String, String> r, String column, boolean required, int minYear, List<Refusal.FieldError> errors) {
        String v = value(r, column);
        if (v == null) {
            if (required) {
                errors.add(new Refusal.FieldError(column, "REQUIRED", "Required."));
            }
            return null;
        }
        return PlainDates.date(column, v, minYear, PlainDates.MAX_YEAR, errors);
    }

    private static <E extends Enum<E>> E enumValue(Map<String, String> r, String column, Class<E> type, List<Refusal.FieldError> errors) {
        String v = value(r, column);
        if (v == null) {
            errors.add(new Refusal.FieldError(column, "REQUIRED", "Required."));
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new Refusal.FieldError(column, "INVALID_VALUE", "Must be one of " + Arrays.toString(type.getEnumConstants()) + "."));
            return null;
        }
    }
}
