package id.dinsos.rentan.port;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the response to a request sent with an {@code Idempotency-Key}, so a retried request
 * gets the first answer instead of doing the work twice.
 */
public interface IdempotencyStore {

    /**
     * Claims {@code key} for a request whose content hashes to {@code requestHash}. Returns empty
     * when this call claimed it (go ahead); otherwise the record of whoever claimed it first.
     */
    Optional<Record> claim(String key, String requestHash, Instant expiresAt);

    /** Stores the response of the request that claimed {@code key}. */
    void complete(String key, StoredResponse response, Instant expiresAt);

    /** Gives the key up (the request failed for a reason a retry may not meet). */
    void release(String key);

    /** A claim: {@code response} is null while the first request is still being handled. */
    record Record(String requestHash, StoredResponse response) {
    }

    /**
     * The answer to a request whose key was claimed ({@code key}, {@code requestHash} as claimed), for a
     * use case whose work is one write to record in that same write: the work and its answer are then
     * stored together, one call instead of the work's and {@link #complete}'s. See
     * {@link RegistrationStore#write(java.util.List, RegistrationStore.QuotaGuard, long, Receipt)}.
     */
    record Receipt(String key, String requestHash, StoredResponse response, Instant expiresAt) {
    }

    record StoredResponse(int status, Map<String, String> headers, String body) {
        public StoredResponse {
            headers = Map.copyOf(headers);
        }
    }
}
