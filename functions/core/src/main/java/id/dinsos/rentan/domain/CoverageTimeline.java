package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One person's coverage (a NIK in one programme), built from every registration the person has had,
 * the contribution lines charged for them (at most one per month, R-21) and the bill part each line
 * belongs to. Every question about whether the person was covered, paid for or lapsed on a date is
 * answered here, from the facts as they stood on that date.
 *
 * @param periods the enrolment periods of the person's registrations that had coverage
 * @param lines   for each month with a contribution line, the bill part that charged it
 */
public record CoverageTimeline(List<CoveragePeriod> periods, Map<YearMonth, BillPart> lines) {
    /** Consecutive months in arrears that end a membership: "more than three". */
    public static final int LAPSE_MONTHS = 4;

    public static final CoverageTimeline EMPTY = new CoverageTimeline(List.of(), Map.of());

    public CoverageTimeline {
        periods = periods.stream().sorted(Comparator.comparing(CoveragePeriod::start)).toList();
        lines = new TreeMap<>(lines);
    }

    /** The enrolment period that covers {@code date}, if any. */
    public Optional<CoveragePeriod> periodOn(LocalDate date) {
        return periods.stream().filter(p -> p.covers(date)).findFirst();
    }

    /** The month's line was paid on or before {@code asOf}. */
    public boolean paidFor(YearMonth month, LocalDate asOf) {
        BillPart part = lines.get(month);
        return part != null && part.paidBy(asOf);
    }

    /**
     * The month had a line on {@code asOf} whose part was not yet due and not yet paid: covered,
     * pending payment. A month without a line is never pending.
     */
    public boolean pendingFor(YearMonth month, LocalDate asOf) {
        BillPart part = lines.get(month);
        return part != null && part.pendingOn(asOf);
    }

    /** Consecutive months paid by {@code asOf} completed immediately before {@code month}. */
    public int consecutivePaidBefore(YearMonth month, LocalDate asOf) {
        int count = 0;
        for (YearMonth m = month.minusMonths(1); paidFor(m, asOf); m = m.minusMonths(1)) {
            count++;
        }
        return count;
    }

    /**
     * Consecutive paid months ending with the latest month paid by {@code asOf} at or before
     * {@code upTo}: the streak a registration shows today, counted for the person across
     * registrations.
     */
    public int consecutivePaidUpTo(YearMonth upTo, LocalDate asOf) {
        return lines.keySet().stream()
                .filter(m -> !m.isAfter(upTo) && paidFor(m, asOf))
                .max(Comparator.naturalOrder())
                .map(latest -> consecutivePaidBefore(latest.plusMonths(1), asOf))
                .orElse(0);
    }

    /** Months paid by {@code asOf} before {@code month}; months after an event never count. */
    public int paidMonthsBefore(YearMonth month, LocalDate asOf) {
        return (int) lines.keySet().stream().filter(m -> m.isBefore(month) && paidFor(m, asOf)).count();
    }

    /**
     * The day the membership lapsed for arrears, if it had by {@code asOf}: the first day on
     * which {@link #LAPSE_MONTHS} consecutive charged months were all past their due date and unpaid.
     * Only months since the start of the enrolment period in force are read: a re-enrolment is a new
     * membership.
     */
    public Optional<LocalDate> lapsedOn(LocalDate asOf) {
        LocalDate since = periods.stream().map(CoveragePeriod::start).filter(s -> !s.isAfter(asOf))
                .max(Comparator.naturalOrder()).orElse(null);
        if (since == null) {
            return Optional.empty();
        }
        LocalDate earliest = null;
        for (YearMonth first : lines.keySet()) {
            if (first.isBefore(YearMonth.from(since))) {
                continue;
            }
            LocalDate lapse = lapseOfRun(first);
            if (lapse != null && !lapse.isAfter(asOf) && (earliest == null || lapse.isBefore(earliest))) {
                earliest = lapse;
            }
        }
        return Optional.ofNullable(earliest);
    }

    /** When the run of months starting at {@code first} became {@link #LAPSE_MONTHS} months in arrears, or null. */
    private LocalDate lapseOfRun(YearMonth first) {
        LocalDate lastDue = null;
        for (int i = 0; i < LAPSE_MONTHS; i++) {
            BillPart part = lines.get(first.plusMonths(i));
            if (part == null) {
                return null;
            }
            lastDue = lastDue == null || part.dueDate().isAfter(lastDue) ? part.dueDate() : lastDue;
        }
        LocalDate day = lastDue.plusDays(1);
        for (int i = 0; i < LAPSE_MONTHS; i++) {
            if (!lines.get(first.plusMonths(i)).inArrearsOn(day)) {
                return null;
            }
        }
        return day;
    }
}
