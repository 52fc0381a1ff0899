package id.dinsos.rentan.port;

import id.dinsos.rentan.domain.Participant;

import java.time.Instant;
import java.time.YearMonth;

/**
 * The participants enrolled in a month, read in parallel shards so that neither a
 * province-sized programme nor one invocation has to walk them in one sequential page chain.
 */
public interface ParticipantSource {

    /** How many shards the participants are spread over; fixed, because it is part of the stored keys. */
    int shards();

    /**
     * How many registrations are enrolled in {@code month}, exact as of now, without reading
     * them: what the regular part of the month's run charges, and the figure its budget guard checks
     * . Kept as coverage is granted, dated back or ended.
     */
    long enrolled(String programmeId, YearMonth month);

    /**
     * How many participants of {@code shard} a part of {@code month}'s run planned at {@code plannedAt}
     * charges: enrolled in the month, coverage granted by then and after {@code grantedAfter} (null:
     * any time before) ({@link Participant#chargeableIn}).
     */
    long countChargeable(String programmeId, YearMonth month, Instant grantedAfter, Instant plannedAt, int shard);

    /** A page of those participants of {@code shard}, from {@code cursor} (null: the start). */
    Page<Participant> chargeable(String programmeId, YearMonth month, Instant grantedAfter, Instant plannedAt, int shard,
                                 String cursor, int limit);
}
