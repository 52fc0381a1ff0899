package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Arrears;
import id.dinsos.rentan.domain.BudgetYear;
import id.dinsos.rentan.domain.MonthlyRun;

import java.util.List;

/** A run as staff see it: the run, its budget year after it, and any arrears warnings. */
public record MonthlyRunView(MonthlyRun run, boolean dryRun, BudgetYear budget, List<Arrears.Warning> warnings) {
}
