package id.dinsos.rentan.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/** What the monthly run needs of an enrolled registration: who, and the months it covers. */
public record Participant(String registrationId, Nik nik, String fullName, String kpj, LocalDate coverageStart,
                          LocalDate coverageEnd, Instant coverageGrantedAt) {

    /**
     * Enrolled in {@code month}: coverage started in or before it and did not end before it (R-20,
     * Such a participant gets that month's contribution line.
     */
    public boolean enrolledIn(YearMonth month) {
        return coverageStart != null
                && !YearMonth.from(coverageStart).isAfter(month)
                && (coverageEnd == null || !YearMonth.from(coverageEnd).isBefore(month));
    }

    /**
     * Charged by a part of {@code month}'s run planned at {@code plannedAt}: enrolled in the month,
     * with coverage granted before the part was planned and, for a supplementary part, after the
     * previous part was planned ({@code grantedAfter}, null for the regular run). Coverage granted
     * while a part is under way is not in its budget reservation, so that part does not charge it
     * the next part does.
     */
    public boolean chargeableIn(YearMonth month, Instant grantedAfter, Instant plannedAt) {
        if (!enrolledIn(month)) {
            return false;
        }
        if (coverageGrantedAt == null) {
            return grantedAfter == null;
        }
        return !coverageGrantedAt.isAfter(plannedAt) && (grantedAfter == null || coverageGrantedAt.isAfter(grantedAfter));
    }

    @Override
    public String toString() {
        return "Participant[" + registrationId + ", nik=" + nik.masked() + "]";
    }
}
