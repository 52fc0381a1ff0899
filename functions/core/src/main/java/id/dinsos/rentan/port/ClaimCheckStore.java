package id.dinsos.rentan.port;

import id.dinsos.rentan.domain.ClaimCheck;

import java.util.Optional;

/** Every claim check is kept, so staff can read later what was asked and answered. */
public interface ClaimCheckStore {

    /** Records a new check; a check is never overwritten. */
    void save(ClaimCheck check);

    Optional<ClaimCheck> find(String id);

    /** A page of the programme's checks, newest first (by when they were asked). */
    Page<ClaimCheck> list(String programmeId, int limit, String cursor);
}
