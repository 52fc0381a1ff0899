package id.dinsos.rentan.port;

import id.dinsos.rentan.domain.ClaimCheck;

import java.util.Optional;

/** Every claim check is kept, so staff can read later what was asked and answered. */
public interface ClaimCheckStore {

    /** Records a new check; a check is never overwritten. */
    default void save(ClaimCheck check) {
        save(check, null);
    }

    /**
     * Records a new check and, in the same write, {@code receipt}: the answer to the request that asked
     * for it (null for none). Returns false, recording nothing, when the receipt cannot be recorded with
     * the check (its claim is gone, or the answer is too large for one item): save it again without.
     */
    boolean save(ClaimCheck check, IdempotencyStore.Receipt receipt);

    Optional<ClaimCheck> find(String id);

    /** A page of the programme's checks, newest first (by when they were asked). */
    Page<ClaimCheck> list(String programmeId, int limit, String cursor);
}
