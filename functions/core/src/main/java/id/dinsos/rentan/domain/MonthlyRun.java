package id.dinsos.rentan.domain;

import java.time.OffsetDateTime;
import java.time.YearMonth;

/**
 * One month's subsidy run (R-21..R-23): the participants charged, the totals at the month's rate,
 * and whether the bill was paid.
 *
 * @param plannedParticipants participants counted when the run was planned; the budget was reserved for them
 * @param participants        participants charged (lines written); equals planned once COMPLETED unless
 *                            registrations changed while the run was under way
 * @param shortfall           for BLOCKED_BUDGET: how much the year's remaining allocation lacked
 * @param segments            how many parts the run was split into (each its own invocation)
 */
public record MonthlyRun(String programmeId, YearMonth month, RunStatus status, ContributionRate rate,
                         long plannedParticipants, long participants, long shortfall, int segments,
                         OffsetDateTime startedAt, OffsetDateTime finishedAt, Payment payment) {

    public long jkkTotal() {
        return participants * rate.jkk();
    }

    public long jkmTotal() {
        return participants * rate.jkm();
    }

    public long total() {
        return participants * rate.total();
    }

    /** What the run reserved from the year's budget when it was planned. */
    public long plannedCost() {
        return plannedParticipants * rate.total();
    }

    /** A bill exists once lines are written: the amount the city owes BPJS for the month. */
    public boolean billed() {
        return status == RunStatus.COMPLETED;
    }

    public boolean paid() {
        return payment != null;
    }

    public MonthlyRun completed(long charged, OffsetDateTime at) {
        return new MonthlyRun(programmeId, month, RunStatus.COMPLETED, rate, plannedParticipants, charged, 0, segments,
                startedAt, at, payment);
    }

    public MonthlyRun paidWith(Payment newPayment) {
        return new MonthlyRun(programmeId, month, status, rate, plannedParticipants, participants, shortfall, segments,
                startedAt, finishedAt, newPayment);
    }
}
