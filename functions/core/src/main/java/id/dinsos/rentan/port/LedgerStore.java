package id.dinsos.rentan.port;

import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Payment;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Monthly runs and their bill parts, contribution lines, per-shard progress and the budget years
 * they are charged to (R-21..R-23). Every write that must not happen twice is conditional.
 */
public interface LedgerStore {

    /** One bill part of a month's run. */
    Optional<MonthlyRun> findPart(String programmeId, YearMonth month, int part);

    /** Every part of a month's run, part 1 first; empty when the month was never run. */
    List<MonthlyRun> parts(String programmeId, YearMonth month);

    /** Every part of the runs of {@code year}'s months, oldest month first, then by part. */
    List<MonthlyRun> partsOfYear(String programmeId, int year);

    /** Every part of every run of the programme, oldest month first, then by part. */
    List<MonthlyRun> runs(String programmeId);

    /** What each budget year has had charged and paid so far, by year. */
    Map<Integer, BudgetUse> budgetUse(String programmeId);

    /**
     * Starts {@code run} (IN_PROGRESS) and reserves its planned cost in its year's budget, in one
     * transaction: only if the part does not exist yet (or was blocked) and the year's charged
     * amount leaves room for the cost within {@code allocation}.
     */
    StartResult start(MonthlyRun run, long allocation);

    /** Records a part that the budget guard blocked; it wrote nothing and may be started later. */
    void recordBlocked(MonthlyRun blocked);

    /** Where a part stands in one shard. */
    ShardProgress progress(String programmeId, YearMonth month, int part, int shard);

    /**
     * Takes or renews the lease of one shard of a part for {@code owner} until {@code until}: granted
     * when nobody holds it, the holder is {@code owner}, or the holder's lease ran out before
     * {@code now}. A duplicate delivery of a segment finds the shard leased and leaves it alone, so it
     * does not write the same lines again beside the invocation at work.
     */
    boolean lease(String programmeId, YearMonth month, int part, int shard, String owner, java.time.Instant until,
                  java.time.Instant now);

    /** Gives a shard's lease up if {@code owner} still holds it (the invocation stops early: out of time, or failing). */
    void releaseLease(String programmeId, YearMonth month, int part, int shard, String owner);

    /**
     * Records that the lines of one page of a shard were written: moves the shard from step
     * {@code expected.step()} to the next, adding {@code charged} participants. Refused (false) when
     * another invocation already moved it, so nobody is counted twice. With {@code next == null}
     * the shard is done.
     */
    boolean checkpoint(String programmeId, YearMonth month, int part, ShardProgress expected, String next, long charged);

    /** Writes lines in batches; writing a line again replaces it with the same line. */
    void writeLines(String programmeId, Collection<ContributionLine> lines);

    /**
     * The bill part of each of these people's existing line for {@code month}, by NIK; people without
     * a line are absent. A supplementary part charges nobody who already has a line.
     */
    Map<Nik, Integer> linedParts(String programmeId, YearMonth month, Collection<Nik> people);

    /**
     * Completes an IN_PROGRESS part whose shards are all done: totals from the shards, and the budget
     * reservation corrected to what was charged. Returns the completed part; empty if it was not in progress.
     */
    Optional<MonthlyRun> complete(String programmeId, YearMonth month, int part, OffsetDateTime at);

    /**
     * Records the payment of every completed, unpaid part of a month's bill, moving their totals from
     * committed to spent in one transaction.
     */
    PaymentResult recordPayment(String programmeId, YearMonth month, Payment payment);

    /** Every line of a month's bill (all parts), in no particular order. */
    List<ContributionLine> lines(String programmeId, YearMonth month);

    /** The months for which a person has a contribution line, with the bill part of each. */
    Map<YearMonth, Integer> linesOf(String programmeId, Nik nik);

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
