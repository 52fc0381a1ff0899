package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Payment;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.port.LedgerStore;
import id.dinsos.rentan.port.Metrics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** Records that the city paid a month's collective bill to BPJS; only paid months count as covered. */
public final class RecordPayment {
    private final LedgerStore ledger;
    private final RunMonth runs;
    private final Clock clock;
    private final Metrics metrics;

    public RecordPayment(LedgerStore ledger, RunMonth runs, Clock clock) {
        this(ledger, runs, clock, Metrics.NONE);
    }

    public RecordPayment(LedgerStore ledger, RunMonth runs, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.ledger = ledger;
        this.runs = runs;
        this.clock = clock;
    }

    /** Records the payment of every billed, unpaid part of the month's bill. */
    public MonthlyRunView pay(String programmeId, YearMonth month, LocalDate paidOn, String reference, Actor actor) {
        List<MonthlyRun> parts = ledger.parts(programmeId, month);
        if (parts.isEmpty()) {
            throw RunMonth.runNotFound(month);
        }
        if (paidOn.isAfter(ProgrammeTime.today(clock))) {
            throw new Refusal.RuleViolation("PAID_ON_IN_FUTURE", "A payment can only be recorded on or after the day it was made.");
        }
        List<MonthlyRun> billed = parts.stream().filter(MonthlyRun::billed).toList();
        if (!billed.isEmpty() && billed.stream().allMatch(MonthlyRun::paid)) {
            throw alreadyPaid(month);
        }
        if (billed.isEmpty()) {
            MonthlyRun latest = parts.get(parts.size() - 1);
            throw new Refusal.Conflict("RUN_NOT_COMPLETED", "The run for " + month + " is " + latest.status() + "; there is no bill to pay.");
        }
        if (paidOn.isBefore(month.atDay(1))) {
            // Contributions are paid in their own month; an earlier date is a typing error, not a prepayment.
            throw new Refusal.RuleViolation("PAID_ON_BEFORE_MONTH", "The payment date is before " + month + " began.");
        }
        Payment payment = new Payment(paidOn, reference, ProgrammeTime.now(clock), actor.label());
        switch (ledger.recordPayment(programmeId, month, payment)) {
            case ALREADY_PAID -> throw alreadyPaid(month);
            case NOT_BILLED -> throw new Refusal.Conflict("RUN_NOT_COMPLETED", "The run for " + month + " has no bill to pay.");
            default -> {
                metrics.count("PaymentsRecorded", 1, programmeId);
                return runs.summary(programmeId, month);
            }
        }
    }

    private static Refusal.Conflict alreadyPaid(YearMonth month) {
        return new Refusal.Conflict("ALREADY_PAID", "The bill for " + month + " is already recorded as paid.");
    }
}
