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
     * Charged by a run of {@code month} planned at {@code plannedAt}: enrolled in the month, with
     * coverage granted before the run was planned. Coverage granted while a run is under way (a
     * decree dated back) is not in the run's budget reservation, so that run does not charge it
     * it never overspends what the guard approved.
     */
    public boolean chargeableIn(YearMonth month, Instant plannedAt) {
        return enrolledIn(month) && (coverageGrantedAt == null || !coverageGrantedAt.isAfter(plannedAt));
    }

    @Override
    public String toString() {
        return "Participant[" + registrationId + ", nik=" + nik.masked() + "]";
    }
}
