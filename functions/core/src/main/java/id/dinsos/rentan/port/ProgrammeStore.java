package id.dinsos.rentan.port;

import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.StatusBreakdown;
import id.dinsos.rentan.domain.StatusCounts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Programme settings and the counters that keep the quota honest. */
public interface ProgrammeStore {

    /** The programme's settings and its live counts, read consistently. */
    Optional<Snapshot> find(String programmeId);

    /**
     * Everything the programme's status page shows, in one consistent read: the settings and counts,
     * each budget year's use, every bill part (for arrears, R-05 and R-06) and the breakdown by
     * kecamatan and occupation. Empty when the programme is not set up.
     */
    Optional<Overview> overview(String programmeId);

    /**
     * The programme's registrations counted by status and kecamatan, and by status and occupation,
     * kept exact by the same transactions that keep the status counters; empty when the
     * programme is not set up.
     */
    StatusBreakdown breakdown(String programmeId);

    /**
     * Saves the settings, keeping the counters. Refuses (returns {@link SaveResult#QUOTA_BELOW_ACTIVE})
     * when the new quota is below the places already taken at the moment of the write.
     */
    SaveResult save(Programme programme);

    /**
     * @param lapsed          registrations whose membership lapsed for arrears and that await re-enrolment
     * @param settingsVersion how many times the settings were saved: a write decided on these settings can be
     *                        made on condition that they are still in force ({@link RegistrationStore#write(List,
     *                        RegistrationStore.QuotaGuard, long)})
     */
    record Snapshot(Programme programme, StatusCounts counts, long lapsed, long settingsVersion) {
        public Snapshot(Programme programme, StatusCounts counts, long lapsed) {
            this(programme, counts, lapsed, 0);
        }

        public Snapshot(Programme programme, StatusCounts counts) {
            this(programme, counts, 0, 0);
        }
    }

    /**
     * @param budgetUse what the runs charged and what was paid, by budget year
     * @param runs      every bill part of every month, oldest first
     * @param breakdown the counts by kecamatan and occupation; null while they have no baseline, which
     *                  {@link #breakdown} then takes
     */
    record Overview(Snapshot snapshot, Map<Integer, LedgerStore.BudgetUse> budgetUse, List<MonthlyRun> runs,
                    StatusBreakdown breakdown) {
    }

    enum SaveResult { SAVED, QUOTA_BELOW_ACTIVE }
}
