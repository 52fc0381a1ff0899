package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Unpaid bills past their due date and the risk they carry: BPJS ends every membership
 * in the group after more than three consecutive unpaid months, so three consecutive unpaid billed
 * months raise MEMBERSHIP_AT_RISK. Nothing is ended automatically: staff decide.
 */
public final class Arrears {
    /** Consecutive unpaid billed months at which the warning becomes MEMBERSHIP_AT_RISK. */
    public static final int AT_RISK_MONTHS = 3;

    public enum Level { OVERDUE, MEMBERSHIP_AT_RISK }

    public record Warning(YearMonth month, long amount, LocalDate dueDate, long daysOverdue, Level level) {
    }

    private Arrears() {
    }

    /**
     * The warnings for every billed, unpaid month past its due date, oldest first. Unpaid months
     * not yet due still count towards a streak of consecutive unpaid months.
     */
    public static List<Warning> assess(List<MonthlyRun> runs, LocalDate today, WorkingDays days) {
        // A month that charged nobody owes nothing: it is neither a bill nor unpaid.
        List<MonthlyRun> billed = runs.stream().filter(r -> r.billed() && r.total() > 0)
                .sorted(Comparator.comparing(MonthlyRun::month)).toList();
        List<Warning> warnings = new ArrayList<>();
        List<MonthlyRun> streak = new ArrayList<>();
        for (MonthlyRun run : billed) {
            boolean continues = !streak.isEmpty() && streak.get(streak.size() - 1).month().plusMonths(1).equals(run.month());
            if (run.paid() || !continues) {
                warnings.addAll(warningsFor(streak, today, days));
                streak = new ArrayList<>();
            }
            if (!run.paid()) {
                streak.add(run);
            }
        }
        warnings.addAll(warningsFor(streak, today, days));
        return warnings;
    }

    private static List<Warning> warningsFor(List<MonthlyRun> unpaidStreak, LocalDate today, WorkingDays days) {
        Level level = unpaidStreak.size() >= AT_RISK_MONTHS ? Level.MEMBERSHIP_AT_RISK : Level.OVERDUE;
        List<Warning> warnings = new ArrayList<>();
        for (MonthlyRun run : unpaidStreak) {
            LocalDate due = ContributionDue.dueDate(run.month(), days);
            if (today.isAfter(due)) {
                warnings.add(new Warning(run.month(), run.total(), due, ChronoUnit.DAYS.between(due, today), level));
            }
        }
        return warnings;
    }
}
