package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benefit rules of JKM and JKK as a table of versions, each in force from a date (R-30..R-35).
 * A regulation change is a new row here, not a new code path: a check applies the row in force on
 * the event date. Amounts are whole rupiah; multipliers apply to the programme's declared income.
 *
 * @param jkmWaitingMonths          consecutive paid months needed before the month of death for the
 *                                  full JKM benefit
 * @param scholarshipMinMonths      months of contributions before JKM scholarships; none for a
 *                                  death from a work accident
 * @param incapacityFullPayMonths   calendar months after the accident of temporary incapacity paid at
 *                                  100%, then {@code incapacityReducedPercent}
 * @param accidentReportDays        a report later than this after the accident is a warning (R-35, soft)
 */
public record ClaimRules(String version, LocalDate inForceFrom,
                         long jkmLumpSum, long jkmPeriodic, long jkmFuneral, long jkmEarlyDeath, int jkmWaitingMonths,
                         int scholarshipMinMonths, int scholarshipMaxChildren, List<ScholarshipLevel> scholarshipLevels,
                         int jkkDeathIncomeMultiple, long jkkDeathFuneral, long jkkDeathPeriodic,
                         int permanentDisabilityIncomeMultiple, int incapacityFullPayMonths, int incapacityReducedPercent,
                         Map<Transport, Long> transportCeilings, int jkkClaimYears, int accidentReportDays) {

    /** A school level's scholarship per child per year, for at most {@code maxYears} years. */
    public record ScholarshipLevel(String level, long perYear, int maxYears) {
    }

    private static final List<ScholarshipLevel> SCHOLARSHIPS = List.of(
            new ScholarshipLevel("TK", 1_500_000, 2),
            new ScholarshipLevel("SD", 1_500_000, 6),
            new ScholarshipLevel("SMP", 2_000_000, 3),
            new ScholarshipLevel("SMA", 3_000_000, 3),
            new ScholarshipLevel("UNIVERSITY_OR_TRAINING", 12_000_000, 5));

    /**
     * The versions in force, oldest first. PP 82/2019 set the amounts; Permenaker 1/2025 restated
     * the JKM waiting period (at least 3 months) and the accident notification.
     */
    public static final List<ClaimRules> TABLE = List.of(
            new ClaimRules("PP-82-2019", LocalDate.of(2019, 12, 2),
                    20_000_000, 12_000_000, 10_000_000, 10_000_000, 3,
                    36, 2, SCHOLARSHIPS,
                    48, 10_000_000, 12_000_000,
                    56, 12, 50,
                    Map.of(Transport.LAND, 5_000_000L, Transport.SEA, 2_000_000L, Transport.AIR, 10_000_000L), 5, 2),
            new ClaimRules("PERMENAKER-1-2025", LocalDate.of(2025, 1, 1),
                    20_000_000, 12_000_000, 10_000_000, 10_000_000, 3,
                    36, 2, SCHOLARSHIPS,
                    48, 10_000_000, 12_000_000,
                    56, 12, 50,
                    Map.of(Transport.LAND, 5_000_000L, Transport.SEA, 2_000_000L, Transport.AIR, 10_000_000L), 5, 2));

    public ClaimRules {
        scholarshipLevels = List.copyOf(scholarshipLevels);
        transportCeilings = Map.copyOf(transportCeilings);
    }

    /** The version in force on {@code date} in {@code table}: the latest one starting on or before it. */
    public static Optional<ClaimRules> inForceOn(LocalDate date, List<ClaimRules> table) {
        return table.stream().filter(r -> !r.inForceFrom().isAfter(date)).max(Comparator.comparing(ClaimRules::inForceFrom));
    }

    public long jkmFull() {
        return jkmLumpSum + jkmPeriodic + jkmFuneral;
    }
}
