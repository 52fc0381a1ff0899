package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.port.LedgerStore;
import id.dinsos.rentan.port.Metrics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily check behind the {@code BillsOverdueAlarm}: which bill parts are billed, unpaid and past
 * their due date today, in Asia/Jakarta. Membership lapses after four such months, so
 * staff hear of the first one the day after it fell due, not at the next monthly run.
 *
 * <p>It reads the bill parts of this year's months and of last year's, so that December's bill, due
 * in December, is still watched in January. A part is overdue the day after its due date: one due
 * today is not. A part that charged nobody owes nothing, and a part still in progress is no bill
 * yet (a stuck run raises its own alarms). It counts {@code BillsOverdue} (parts) and
 * {@code OverdueAmount} (rupiah) every time, zero included, so the alarm also clears, and logs one
 * line per overdue part: month, part, due date, amount and days past due; no participant.
 */
public final class OverdueBills {
    private static final System.Logger LOG = System.getLogger(OverdueBills.class.getName());

    /** One bill part past its due date and unpaid. */
    public record Overdue(YearMonth month, int part, LocalDate dueDate, long amount, long daysOverdue) {
    }

    /** What the check found on {@code today}. */
    public record Report(LocalDate today, List<Overdue> overdue) {
        public Report {
            overdue = List.copyOf(overdue);
        }

        /** What the overdue parts add up to, in rupiah. */
        public long amount() {
            return overdue.stream().mapToLong(Overdue::amount).sum();
        }
    }

    private final LedgerStore ledger;
    private final Clock clock;
    private final Metrics metrics;

    public OverdueBills(LedgerStore ledger, Clock clock, Metrics metrics) {
        this.ledger = ledger;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Report check(String programmeId) {
        LocalDate today = ProgrammeTime.today(clock);
        List<MonthlyRun> parts = new ArrayList<>(ledger.partsOfYear(programmeId, today.getYear() - 1));
        parts.addAll(ledger.partsOfYear(programmeId, today.getYear()));
        List<Overdue> overdue = new ArrayList<>();
        for (MonthlyRun part : parts) {
            if (part.billed() && part.total() > 0 && !part.paidBy(today) && today.isAfter(part.dueDate())) {
                overdue.add(new Overdue(part.month(), part.part(), part.dueDate(), part.total(),
                        ChronoUnit.DAYS.between(part.dueDate(), today)));
            }
        }
        Report report = new Report(today, overdue);
        for (Overdue o : report.overdue()) {
            LOG.log(System.Logger.Level.WARNING, "bill part overdue: month=" + o.month() + " part=" + o.part()
                    + " dueDate=" + o.dueDate() + " amount=" + o.amount() + " daysOverdue=" + o.daysOverdue());
        }
        metrics.count("BillsOverdue", report.overdue().size(), programmeId);
        metrics.rupiah("OverdueAmount", report.amount(), programmeId);
        return report;
    }
}
