package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.BudgetYear;
import id.dinsos.rentan.domain.MonthParts;

import java.time.LocalDate;
import java.util.List;

/**
 * A budget year's runs as staff see them: the year's budget use and its twelve months, January
 * first, each with its bill parts (none for a month never run), and the programme clock's today against
 * which unpaid parts are overdue.
 */
public record RunYearView(int year, BudgetYear budget, List<MonthParts> months, LocalDate today) {
    public RunYearView {
        months = List.copyOf(months);
    }
}
