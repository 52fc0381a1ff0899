package id.dinsos.rentan.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The programme's clock runs on Jakarta time (WIB): a month begins at midnight in Asia/Jakarta. */
public final class ProgrammeTime {
    public static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");

    private ProgrammeTime() {
    }

    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.now(clock.withZone(ZONE));
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }
}
