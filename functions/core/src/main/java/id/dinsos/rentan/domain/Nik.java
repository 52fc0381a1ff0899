package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Nomor Induk Kependudukan, the 16-digit national identity number: province (2),
 * regency/city (2), district (2), birth date DDMMYY with 40 added to DD for women, and a
 * 4-digit sequence from 0001.
 *
 * <p>The prefix records where the number was first issued and never changes when a person moves,
 * so it says nothing about residence. {@link #toString()} is masked so a NIK never reaches
 * a log in full by accident.
 */
public record Nik(String value) {

    public Nik {
        Optional<String> problem = problemWith(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /** Why a text is not a structurally valid NIK, or empty when it is one. */
    public static Optional<String> problemWith(String text) {
        if (text == null || text.length() != 16 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("must be exactly 16 digits");
        }
        if (text.startsWith("00") || text.startsWith("00", 2) || text.startsWith("00", 4)) {
            return Optional.of("province, regency and district codes must not be 00");
        }
        int day = Integer.parseInt(text.substring(6, 8));
        int month = Integer.parseInt(text.substring(8, 10));
        boolean dayValid = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
        if (!dayValid || month < 1 || month > 12) {
            return Optional.of("digits 7-12 must be a birth date DDMMYY (DD + 40 for women)");
        }
        if (text.endsWith("0000")) {
            return Optional.of("the sequence number (last 4 digits) starts at 0001");
        }
        return Optional.empty();
    }

    public static Nik of(String text) {
        return new Nik(text);
    }

    /** Women's NIKs carry the birth day plus 40. */
    public Sex sex() {
        return encodedDay() > 40 ? Sex.F : Sex.M;
    }

    public int birthDay() {
        int day = encodedDay();
        return day > 40 ? day - 40 : day;
    }

    public int birthMonth() {
        return Integer.parseInt(value.substring(8, 10));
    }

    public int birthYearOfCentury() {
        return Integer.parseInt(value.substring(10, 12));
    }

    /** True when day, month and two-digit year of {@code birthDate} are the ones encoded. */
    public boolean agreesWithBirthDate(LocalDate birthDate) {
        return birthDate.getDayOfMonth() == birthDay()
                && birthDate.getMonthValue() == birthMonth()
                && birthDate.getYear() % 100 == birthYearOfCentury();
    }

    /** The form portal responses show: region code and sequence only, e.g. 3671********0001. */
    public String masked() {
        return value.substring(0, 4) + "********" + value.substring(12);
    }

    private int encodedDay() {
        return Integer.parseInt(value.substring(6, 8));
    }

    @Override
    public String toString() {
        return masked();
    }
}
