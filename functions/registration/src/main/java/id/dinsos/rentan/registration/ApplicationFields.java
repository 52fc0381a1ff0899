package id.dinsos.rentan.registration;

import id.dinsos.rentan.domain.Nik;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/** Field checks shared by the JSON application and the decree CSV, so both refuse the same things the same way. */
final class ApplicationFields {
    static final int NAME_MAX = 100;
    static final int ADDRESS_MAX = 200;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{8,15}");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M} .,'`-]+");

    private ApplicationFields() {
    }

    /** Why the NIK text is not a NIK, or empty. */
    static Optional<String> nikProblem(String text) {
        return Nik.problemWith(text);
    }

    /** Phone numbers are kept without spaces or dashes; empty when absent. */
    static Optional<String> normalisedPhone(String text) {
        return text == null ? Optional.empty() : Optional.of(text.replaceAll("[\\s-]", ""));
    }

    static boolean phoneValid(String normalised) {
        return PHONE.matcher(normalised).matches();
    }

    static boolean nameValid(String name) {
        return NAME.matcher(name).matches();
    }

    static Optional<String> birthDateProblem(LocalDate birthDate, LocalDate today) {
        if (birthDate.isAfter(today)) {
            return Optional.of("The birth date is in the future.");
        }
        if (birthDate.isBefore(today.minusYears(130))) {
            return Optional.of("The birth date is more than 130 years ago.");
        }
        return Optional.empty();
    }
}
