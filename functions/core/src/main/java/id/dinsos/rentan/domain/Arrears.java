package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Unpaid bills past their due date and what they lead to: three consecutive months in
 * arrears put the group's memberships at risk, and more than three end them (MEMBERSHIP_LAPSED: the
 * participants charged in every one of those months are not covered and not billed until re-enrolled).
 */
public final class Arrears {
    /** Consecutive months in arrears at which the warning becomes MEMBERSHIP_AT_RISK. */
    public static final int AT_RISK_MONTHS = 3;

    public enum Level { OVERDUE, MEMBERSHIP_AT_RISK, MEMBERSHIP_LAPSED }

    /** A month with unpaid bill parts: the unpaid amount and the earliest unpaid part's due date. */
    public record Warning(YearMonth month, long amount, LocalDate dueDate, long daysOverdue, Level level) {
    }

    private Arrears() {
    }

    /**
     * The warnings for every month with an unpaid part past its due date, oldest first. A month
     * counts as unpaid while any of its billed parts (with a total above zero) is unpaid; unpaid
     * months not yet due still count towards a streak of consecutive unpaid months.
     */
    public static List<Warning> assess(List<MonthlyRun> parts, LocalDate today) {
        Map<YearMonth, List<MonthlyRun>> unpaid = new TreeMap<>();
        for (MonthlyRun part : parts) {
            // A part that charged nobody owes nothing: it is neither a bill nor unpaid.
            if (part.billed() && part.total() > 0 && !part.paidBy(today)) {
                unpaid.computeIfAbsent(part.month(), m -> new ArrayList<>()).add(part);
            }
        }
        List<Warning> warnings = new ArrayList<>();
        List<YearMonth> streak = new ArrayList<>();
        for (YearMonth month : unpaid.keySet()) {
            if (!streak.isEmpty() && !streak.get(streak.size() - 1).plusMonths(1).equals(month)) {
                warnings.addAll(warningsFor(streak, unpaid, today));
                streak = new ArrayList<>();
            }
            streak.add(month);
        }
        warnings.addAll(warningsFor(streak, unpaid, today));
        return warnings;
    }

    private static List<Warning> warningsFor(List<YearMonth> streak, Map<YearMonth, List<MonthlyRun>> unpaid, LocalDate today) {
        long overdueMonths = streak.stream().filter(m -> today.isAfter(earliestDue(unpaid.get(m)))).count();
        Level level = overdueMonths >= CoverageTimeline.LAPSE_MONTHS ? Level.MEMBERSHIP_LAPSED
                : streak.size() >= AT_RISK_MONTHS ? Level.MEMBERSHIP_AT_RISK : Level.OVERDUE;
        List<Warning> warnings = new ArrayList<>();
        for (YearMonth month : streak) {
            LocalDate due = earliestDue(unpaid.get(month));
            if (today.isAfter(due)) {
                long amount = unpaid.get(month).stream().mapToLong(MonthlyRun::total).sum();
                warnings.add(new Warning(month, amount, due, ChronoUnit.DAYS.between(due, today), level));
            }
        }
        return warnings;
    }

    private static LocalDate earliestDue(List<MonthlyRun> parts) {
        return parts.stream().map(MonthlyRun::dueDate).min(Comparator.naturalOrder()).orElseThrow();
    }
}
