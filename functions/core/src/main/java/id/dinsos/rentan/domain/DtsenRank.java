package id.dinsos.rentan.domain;

import java.time.LocalDate;

/** A household's DTSEN welfare decile (1 poorest .. 10) with the DTSEN version date it came from. */
public record DtsenRank(int decile, LocalDate version) {
    public DtsenRank {
        if (decile < 1 || decile > 10) {
            throw new IllegalArgumentException("DTSEN decile runs from 1 to 10");
        }
    }
}
