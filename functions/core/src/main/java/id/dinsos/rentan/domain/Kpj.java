package id.dinsos.rentan.domain;

import java.util.Optional;

/**
 * The KPJ number (Kartu Peserta Jamsostek) BPJS Ketenagakerjaan assigns to a participant after
 * enrolment; the city's bill to BPJS names each participant by it. Secondary sources
 * (guides to the BPJS card and its self-service channels) describe it as 11 digits; no regulation
 * among the rulebook's sources fixes the format, so the length is one constant here, easy to
 * change if BPJS's own files show otherwise.
 */
public final class Kpj {
    /** Digits in a KPJ number. */
    public static final int DIGITS = 11;

    private Kpj() {
    }

    /** Why a text is not a KPJ number, or empty when it is one. */
    public static Optional<String> problemWith(String text) {
        if (text == null || text.length() != DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("must be exactly " + DIGITS + " digits");
        }
        return Optional.empty();
    }
}
