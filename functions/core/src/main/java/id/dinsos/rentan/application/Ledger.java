package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Arrears;
import id.dinsos.rentan.domain.BudgetAllocation;
import id.dinsos.rentan.domain.BudgetYear;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.BillPart;
import id.dinsos.rentan.domain.CoveragePeriod;
import id.dinsos.rentan.domain.CoverageTimeline;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.port.LedgerStore;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        return budgetYears(programme, ledger.budgetUse(programme.id()));
    }

    /** As {@link #budgetYears(Programme)}, from the budget use already read. */
    public static List<BudgetYear> budgetYears(Programme programme, Map<Integer, LedgerStore.BudgetUse> use) {
        Set<Integer> years = new TreeSet<>(use.keySet());
        programme.budgets().forEach(b -> years.add(b.year()));
        return years.stream().map(y -> budgetYear(programme, y, use)).toList();
    }

    public BudgetYear budgetYear(Programme programme, int year) {
        return budgetYear(programme, year, ledger.budgetUse(programme.id()));
    }

    /** As {@link #budgetYear(Programme, int)}, from the budget use already read. */
    public static BudgetYear budgetYear(Programme programme, int year, Map<Integer, LedgerStore.BudgetUse> use) {
        long allocation = programme.budgetFor(year).map(BudgetAllocation::allocation).orElse(0L);
        LedgerStore.BudgetUse u = use.getOrDefault(year, new LedgerStore.BudgetUse(0, 0));
        return new BudgetYear(year, allocation, u.charged(), u.spent());
    }

    /** Unpaid bills past their due date, and whether memberships are at risk. */
    public List<Arrears.Warning> arrears(Programme programme) {
        // Each bill part carries the due date fixed when it was raised (R-05, working days of that day).
        return arrears(ledger.runs(programme.id()));
    }

    /** As {@link #arrears(Programme)}, from the programme's bill parts already read. */
    public List<Arrears.Warning> arrears(List<MonthlyRun> runs) {
        return Arrears.assess(runs, ProgrammeTime.today(clock));
    }

    /**
     * Every billed part of the programme's runs as a claim reads it (raised, due, paid), by month and
     * part: read once, then shared by every person it is asked about.
     */
    public BillParts billParts(String programmeId) {
        return billParts(ledger.runs(programmeId));
    }

    /** As {@link #billParts(String)}, from the programme's parts already read. */
    public static BillParts billParts(List<MonthlyRun> runs) {
        Map<YearMonth, Map<Integer, BillPart>> parts = new HashMap<>();
        runs.stream().filter(MonthlyRun::billed)
                .forEach(r -> parts.computeIfAbsent(r.month(), m -> new HashMap<>()).put(r.part(), r.billPart()));
        return new BillParts(parts);
    }

    /** The billed parts of a programme, by month and part. */
    public record BillParts(Map<YearMonth, Map<Integer, BillPart>> byMonth) {
        BillPart of(YearMonth month, int part) {
            return byMonth.getOrDefault(month, Map.of()).get(part);
        }
    }

    /**
     * One person's coverage timeline: the enrolment periods of {@code registrations} (the person's
     * registrations in the programme) and the person's contribution lines with their bill parts.
     */
    public CoverageTimeline timeline(String programmeId, Nik nik, List<Registration> registrations, BillParts parts) {
        return timeline(registrations, linesOf(programmeId, nik), parts);
    }

    /** The person's contribution lines: the part that charged each month. */
    public Map<YearMonth, Integer> linesOf(String programmeId, Nik nik) {
        return ledger.linesOf(programmeId, nik);
    }

    /** As {@link #timeline(String, Nik, List, BillParts)}, from the person's lines already read. */
    public static CoverageTimeline timeline(List<Registration> registrations, Map<YearMonth, Integer> linesOf, BillParts parts) {
        List<CoveragePeriod> periods = registrations.stream().map(CoveragePeriod::of).filter(Objects::nonNull).toList();
        Map<YearMonth, BillPart> lines = new HashMap<>();
        linesOf.forEach((month, part) -> {
            BillPart billed = parts.of(month, part);
            if (billed != null) {
                lines.put(month, billed);
            }
        });
        return new CoverageTimeline(periods, lines);
    }

    /** A person's consecutive paid months up to this month, as paid by today, counted across registrations. */
    public int consecutivePaidMonths(String programmeId, Nik nik, BillParts parts) {
        LocalDate today = ProgrammeTime.today(clock);
        return timeline(programmeId, nik, List.of(), parts).consecutivePaidUpTo(YearMonth.from(today), today);
    }
}
