package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Arrears;
import id.dinsos.rentan.domain.BudgetYear;
import id.dinsos.rentan.domain.MonthParts;
import id.dinsos.rentan.domain.MonthlyRun;

import java.util.List;

/**
 * A month's run as staff see it: every bill part of the month, the part this answer is about (the
 * latest, or the one just planned), the budget year after it, and any arrears warnings.
 */
public record MonthlyRunView(MonthlyRun run, List<MonthlyRun> parts, boolean dryRun, BudgetYear budget,
                             List<Arrears.Warning> warnings) {
    public MonthlyRunView {
        parts = List.copyOf(parts);
    }

    /** The month as a whole, added up over its parts, as the year's overview reads it too. */
    public MonthParts month() {
        return new MonthParts(run.month(), parts);
    }
}
