package id.dinsos.rentan.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic clock that moves forward by a fixed step on every reading, so events happen in
 * a defined order (the waitlist is ordered by time of joining) while dates stay predictable.
 */
public final class TickingClock extends Clock {
    private final AtomicLong nanos;
    private final long stepNanos;
    private final ZoneId zone;

    private TickingClock(AtomicLong nanos, long stepNanos, ZoneId zone) {
        this.nanos = nanos;
        this.stepNanos = stepNanos;
        this.zone = zone;
    }

    public static TickingClock startingAt(Instant start, Duration step, ZoneId zone) {
        return new TickingClock(new AtomicLong(start.getEpochSecond() * 1_000_000_000L + start.getNano()), step.toNanos(), zone);
    }

    /** 2025-03-10 09:00 Jakarta, one millisecond per reading: the same day as {@link Fixtures#CLOCK} for thousands of readings. */
    public static TickingClock fromFixturesNow() {
        return startingAt(Fixtures.CLOCK.instant(), Duration.ofMillis(1), Fixtures.CLOCK.getZone());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new TickingClock(nanos, stepNanos, other);
    }

    @Override
    public Instant instant() {
        long n = nanos.getAndAdd(stepNanos);
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }
}
