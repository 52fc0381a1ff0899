package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Arrears;
import id.dinsos.rentan.domain.BudgetAllocation;
import id.dinsos.rentan.domain.BudgetYear;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.PaidMonths;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.port.LedgerStore;

import java.time.Clock;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads what the runs have charged and what was paid: budget years, arrears and paid months. */
public final class Ledger {
    private final LedgerStore ledger;
    private final Clock clock;

    public Ledger(LedgerStore ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Every budget year the programme has an allocation or charges for, oldest first. */
    public List<BudgetYear> budgetYears(Programme programme) {
        Map<Integer, LedgerStore.BudgetUse> use = ledger.budgetUse(programme.id());
        Set<Integer> years = new TreeSet<>(use.keySet());
        programme.budgets().forEach(b -> years.add(b.year()));
        return years.stream().map(y -> budgetYear(programme, y, use)).toList();
    }

    public BudgetYear budgetYear(Programme programme, int year) {
        return budgetYear(programme, year, ledger.budgetUse(programme.id()));
    }

    private static BudgetYear budgetYear(Programme programme, int year, Map<Integer, LedgerStore.BudgetUse> use) {
        long allocation = programme.budgetFor(year).map(BudgetAllocation::allocation).orElse(0L);
        LedgerStore.BudgetUse u = use.getOrDefault(year, new LedgerStore.BudgetUse(0, 0));
        return new BudgetYear(year, allocation, u.charged(), u.spent());
    }

    /** Unpaid bills past their due date, and whether memberships are at risk. */
    public List<Arrears.Warning> arrears(Programme programme) {
        return Arrears.assess(ledger.runs(programme.id()), ProgrammeTime.today(clock), programme.workingDays());
    }

    /** The months whose bill the city paid: read once, then shared by every registration it is asked about. */
    public Set<YearMonth> paidMonths(String programmeId) {
        Set<YearMonth> paid = new HashSet<>();
        ledger.runs(programmeId).stream().filter(MonthlyRun::paid).forEach(r -> paid.add(r.month()));
        return paid;
    }

    /** The months for which a registration has a contribution line. */
    public Set<YearMonth> monthsCharged(String registrationId) {
        return new HashSet<>(ledger.monthsCharged(registrationId));
    }

    /** Consecutive paid months of a registration up to this month, given the programme's paid months. */
    public int consecutivePaidMonths(String registrationId, Set<YearMonth> paidMonths) {
        Set<YearMonth> charged = monthsCharged(registrationId);
        return charged.isEmpty() ? 0 : PaidMonths.consecutiveUpTo(charged, paidMonths, YearMonth.from(ProgrammeTime.today(clock)));
    }
}
