package id.dinsos.rentan.domain;

import java.time.LocalDate;

/**
 * One registration's enrolment period: from the first day of coverage to its last, or open
 * while the registration is active. A person's periods never overlap.
 *
 * @param end       the last day covered, or null while open
 * @param endReason why it ended, or null while open
 */
public record CoveragePeriod(String registrationId, LocalDate start, LocalDate end, EndReason endReason) {

    public boolean covers(LocalDate date) {
        return !date.isBefore(start) && (end == null || !date.isAfter(end));
    }

    public static CoveragePeriod of(Registration registration) {
        return registration.coverageStart() == null ? null
                : new CoveragePeriod(registration.id(), registration.coverageStart(), registration.coverageEnd(), registration.endReason());
    }
}
