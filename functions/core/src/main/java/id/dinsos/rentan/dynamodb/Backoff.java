package id.dinsos.rentan.dynamodb;

import java.util.concurrent.ThreadLocalRandom;

/** Jittered exponential backoff between retries of DynamoDB calls (transaction conflicts, unprocessed batch items). */
final class Backoff {
    private Backoff() {
    }

    /** Sleeps a random time up to {@code stepMillis * 2^attempt} (attempt capped at 6), never above {@code capMillis}. */
    static void sleep(int attempt, long stepMillis, long capMillis) {
        long ceiling = Math.min(capMillis, stepMillis << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off before a retry", e);
        }
    }
}
