package id.dinsos.rentan.port;

import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Payment;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Monthly runs, their contribution lines, per-shard progress and the budget years they are charged
 * to (R-21..R-23). Every write that must not happen twice is conditional.
 */
public interface LedgerStore {

    Optional<MonthlyRun> findRun(String programmeId, YearMonth month);

    /** Every run of the programme, oldest first. */
    List<MonthlyRun> runs(String programmeId);

    /** What each budget year has had charged and paid so far, by year. */
    Map<Integer, BudgetUse> budgetUse(String programmeId);

    /**
     * Starts {@code run} (IN_PROGRESS) and reserves its planned cost in its year's budget, in one
     * transaction: only if no run of the month exists (or the last one was blocked) and the year's
     * charged amount leaves room for the cost within {@code allocation}.
     */
    StartResult start(MonthlyRun run, long allocation);

    /** Records a run that the budget guard blocked; it wrote nothing and may be started later. */
    void recordBlocked(MonthlyRun blocked);

    /** Where the run stands in one shard. */
    ShardProgress progress(String programmeId, YearMonth month, int shard);

    /**
     * Records that the lines of one page of a shard were written: moves the shard from step
     * {@code expected.step()} to the next, adding {@code charged} participants. Refused (false) when
     * another invocation already moved it, so nobody is counted twice. With {@code next == null}
     * the shard is done; the run's count of done shards goes up in the same transaction.
     */
    boolean checkpoint(String programmeId, YearMonth month, ShardProgress expected, String next, long charged);

    /** Writes lines in batches; writing a line again replaces it with the same line. */
    void writeLines(String programmeId, Collection<ContributionLine> lines);

    /**
     * Completes an IN_PROGRESS run whose shards are all done: totals from the shards, and the budget
     * reservation corrected to what was charged. Returns the completed run; empty if it was not in progress.
     */
    Optional<MonthlyRun> complete(String programmeId, YearMonth month, OffsetDateTime at);

    /** Records the payment of a completed run's bill, moving its total from committed to spent. */
    PaymentResult recordPayment(String programmeId, YearMonth month, Payment payment);

    /** The lines of a month's bill, in no particular order. */
    List<ContributionLine> lines(String programmeId, YearMonth month);

    /** The months for which a registration has a contribution line. */
    List<YearMonth> monthsCharged(String registrationId);

    record BudgetUse(long charged, long spent) {
    }

    /** A shard's progress: {@code step} counts checkpoints; {@code cursor} is where to read on. */
    record ShardProgress(int shard, long step, String cursor, long charged, boolean done) {
        public static ShardProgress start(int shard) {
            return new ShardProgress(shard, 0, null, 0, false);
        }
    }

    enum StartResult { STARTED, ALREADY_STARTED, OVER_BUDGET }

    enum PaymentResult { RECORDED, ALREADY_PAID, NOT_BILLED }
}
