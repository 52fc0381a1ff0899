package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;

/**
 * One part of a month's subsidy run (R-21..R-23): the participants it charged, the totals at the
 * month's rate, its due date and whether it was paid. Part 1 is the month's regular run. Running a
 * month again after it completed raises a supplementary part for the lines the month lacks: coverage
 * granted (or dated back) after the previous part was planned.
 *
 * @param part                1 for the regular run, 2 and up for supplementary parts
 * @param plannedParticipants participants counted when the part was planned; the budget was reserved for them
 * @param participants        participants charged (lines written); equals planned once COMPLETED unless
 *                            registrations changed while the part was under way
 * @param shortfall           for BLOCKED_BUDGET: how much the year's remaining allocation lacked
 * @param segments            how many pieces the part was split into (each its own invocation)
 * @param grantedAfter        a supplementary part charges coverage granted after this moment (the
 *                            previous part's planning); null for part 1
 * @param dueDate             when the part must be paid, fixed when it was planned
 */
public record MonthlyRun(String programmeId, YearMonth month, int part, RunStatus status, ContributionRate rate,
                         long plannedParticipants, long participants, long shortfall, int segments,
                         OffsetDateTime grantedAfter, OffsetDateTime startedAt, OffsetDateTime finishedAt, LocalDate dueDate,
                         Payment payment) {

    public long jkkTotal() {
        return participants * rate.jkk();
    }

    public long jkmTotal() {
        return participants * rate.jkm();
    }

    public long total() {
        return participants * rate.total();
    }

    /** What the part reserved from the year's budget when it was planned. */
    public long plannedCost() {
        return plannedParticipants * rate.total();
    }

    /** A bill exists once lines are written: the amount the city owes BPJS for the part. */
    public boolean billed() {
        return status == RunStatus.COMPLETED;
    }

    public boolean paid() {
        return payment != null;
    }

    /** Paid on or before {@code date}. */
    public boolean paidBy(LocalDate date) {
        return payment != null && !payment.paidOn().isAfter(date);
    }

    public boolean supplementary() {
        return part > 1;
    }

    /** The part as a claim reads it: raised, due and paid on which days. */
    public BillPart billPart() {
        return new BillPart(month, part, startedAt.toLocalDate(), dueDate, payment == null ? null : payment.paidOn());
    }

    public MonthlyRun completed(long charged, OffsetDateTime at) {
        return new MonthlyRun(programmeId, month, part, RunStatus.COMPLETED, rate, plannedParticipants, charged, 0, segments,
                grantedAfter, startedAt, at, dueDate, payment);
    }

    public MonthlyRun blocked(long missing, OffsetDateTime at) {
        return new MonthlyRun(programmeId, month, part, RunStatus.BLOCKED_BUDGET, rate, plannedParticipants, 0, missing, segments,
                grantedAfter, startedAt, at, dueDate, null);
    }

    public MonthlyRun paidWith(Payment newPayment) {
        return new MonthlyRun(programmeId, month, part, status, rate, plannedParticipants, participants, shortfall, segments,
                grantedAfter, startedAt, finishedAt, dueDate, newPayment);
    }
}
