package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.config.SnapStart;

import java.security.SecureRandom;
import java.util.Random;

/** Jittered exponential backoff between retries of DynamoDB calls (transaction conflicts, unprocessed batch items). */
final class Backoff {
    /**
     * Not ThreadLocalRandom, whose per-thread seed cannot be replaced: with SnapStart every environment
     * restored from one snapshot would draw the same "random" delays, and retries meant to spread out
     * would collide. This one is seeded again after a restore.
     */
    private static volatile Random jitter = seeded();

    static {
        SnapStart.afterRestore("backoff jitter seed", Backoff::reseed);
    }

    private Backoff() {
    }

    /** Sleeps a random time up to {@code stepMillis * 2^attempt} (attempt capped at 6), never above {@code capMillis}. */
    static void sleep(int attempt, long stepMillis, long capMillis) {
        long ceiling = Math.min(capMillis, stepMillis << Math.min(attempt, 6));
        try {
            Thread.sleep(1 + (long) (jitter.nextDouble() * ceiling));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off before a retry", e);
        }
    }

    /** Sleeps {@code pause} exactly (no jitter): to let an eventually consistent index catch up. */
    static void pause(java.time.Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the index", e);
        }
    }

    /** For tests: the generator in use now. */
    static Random jitter() {
        return jitter;
    }

    static void reseed() {
        jitter = seeded();
    }

    private static Random seeded() {
        return new Random(new SecureRandom().nextLong());
    }
}
