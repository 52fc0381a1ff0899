package id.dinsos.rentan.port;

import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.StatusBreakdown;
import id.dinsos.rentan.domain.StatusCounts;

import java.util.Optional;

/** Programme settings and the counters that keep the quota honest. */
public interface ProgrammeStore {

    /** The programme's settings and its live counts, read consistently. */
    Optional<Snapshot> find(String programmeId);

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
     * @param lapsed registrations whose membership lapsed for arrears and that await re-enrolment
     */
    record Snapshot(Programme programme, StatusCounts counts, long lapsed) {
        public Snapshot(Programme programme, StatusCounts counts) {
            this(programme, counts, 0);
        }
    }

    enum SaveResult { SAVED, QUOTA_BELOW_ACTIVE }
}
