package id.dinsos.rentan.domain;

import java.time.YearMonth;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How many registrations start and end coverage in each month, kept exact as coverage is
 * granted, dated back or ended, so the monthly run knows how many participants a month has without
 * reading them. A registration enrolled from month S to month E (E null: open) counts
 * one start in S and one end in E; enrolled in M is then every start up to M minus every end before
 * M. A registration whose coverage ended before it began (never covered) counts in neither.
 */
public record CoverageCounts(SortedMap<YearMonth, Long> starts, SortedMap<YearMonth, Long> ends) {

    public CoverageCounts {
        starts = new TreeMap<>(starts);
        ends = new TreeMap<>(ends);
    }

    public static CoverageCounts empty() {
        return new CoverageCounts(new TreeMap<>(), new TreeMap<>());
    }

    /**
     * Registrations enrolled in {@code month}: coverage started in or before it and not ended before
     * it, as {@link Participant#enrolledIn} decides for one.
     */
    public long enrolledIn(YearMonth month) {
        long started = starts.headMap(month.plusMonths(1)).values().stream().mapToLong(Long::longValue).sum();
        long ended = ends.headMap(month).values().stream().mapToLong(Long::longValue).sum();
        return started - ended;
    }

    /** What changing {@code before} (null: new) into {@code after} adds to the starts and ends of each month. */
    public static void addDeltas(Registration before, Registration after, Map<YearMonth, Long> starts, Map<YearMonth, Long> ends) {
        if (before != null) {
            add(before, -1, starts, ends);
        }
        add(after, 1, starts, ends);
        starts.values().removeIf(d -> d == 0);
        ends.values().removeIf(d -> d == 0);
    }

    /** Counts one registration as it stands, {@code sign} times (a baseline counts each once). */
    public static void add(Registration registration, long sign, Map<YearMonth, Long> starts, Map<YearMonth, Long> ends) {
        add(registration.coverageStart() == null ? null : YearMonth.from(registration.coverageStart()),
                registration.coverageEnd() == null ? null : YearMonth.from(registration.coverageEnd()), sign, starts, ends);
    }

    /** Counts coverage from {@code start} to {@code end} (null: open), {@code sign} times; nothing without a start. */
    public static void add(YearMonth start, YearMonth end, long sign, Map<YearMonth, Long> starts, Map<YearMonth, Long> ends) {
        if (start == null || (end != null && end.isBefore(start))) {
            return;
        }
        starts.merge(start, sign, Long::sum);
        if (end != null) {
            ends.merge(end, sign, Long::sum);
        }
    }
}
