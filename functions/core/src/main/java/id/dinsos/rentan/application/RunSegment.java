package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Participant;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.port.BillFiles;
import id.dinsos.rentan.port.LedgerStore;
import id.dinsos.rentan.port.Metrics;
import id.dinsos.rentan.port.Page;
import id.dinsos.rentan.port.ParticipantSource;
import id.dinsos.rentan.port.ProgrammeStore;
import id.dinsos.rentan.port.SegmentQueue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * Writes the contribution lines of one segment of a run, shard by shard, page by page. After
 * each page the shard's progress is checkpointed with a condition, so a crash resumes at the last
 * page and a duplicate delivery cannot count anyone twice. The last shard to finish
 * completes the run.
 */
public final class RunSegment {
    /** Participants read and charged per page (and per checkpoint): one DynamoDB query page of projected items. */
    public static final int PAGE = 1000;
    /** Shards of one segment worked side by side, so reading one shard overlaps writing another. */
    static final int PARALLEL_SHARDS = 4;
    /**
     * How long a shard stays with the invocation working on it without a word from it; renewed before
     * every page (a page takes about a second), so only a dead invocation's lease runs out.
     */
    static final java.time.Duration LEASE = java.time.Duration.ofMinutes(2);

    private final ParticipantSource participants;
    private final LedgerStore ledger;
    private final Clock clock;
    private final Metrics metrics;
    private final BillFiles billFiles;
    /** Where the programme's wadah code is read for the bill files; null when there are none. */
    private final ProgrammeStore programmes;
    /** Made once per container; daemon threads, so an idle container is not kept alive by them. */
    private final ExecutorService shardWorkers = Executors.newFixedThreadPool(PARALLEL_SHARDS, r -> {
        Thread t = new Thread(r, "run-shard");
        t.setDaemon(true);
        return t;
    });

    public RunSegment(ParticipantSource participants, LedgerStore ledger, Clock clock) {
        this(participants, ledger, clock, Metrics.NONE);
    }

    public RunSegment(ParticipantSource participants, LedgerStore ledger, Clock clock, Metrics metrics) {
        this(participants, ledger, clock, metrics, BillFiles.NONE, null);
    }

    /**
     * Also writing the bill as files: each page's lines as a slice of the bill, and the part's record
     * of its slices when it completes.
     */
    public RunSegment(ParticipantSource participants, LedgerStore ledger, Clock clock, Metrics metrics,
                      BillFiles billFiles, ProgrammeStore programmes) {
        this.participants = participants;
        this.ledger = ledger;
        this.clock = clock;
        this.metrics = metrics;
        this.billFiles = billFiles;
        this.programmes = programmes;
    }

    /**
     * {@code BUSY_ELSEWHERE}: another invocation holds some of the segment's shards (a duplicate
     * delivery); it finishes them and completes the part, so this delivery may be dropped.
     */
    public enum Outcome { DONE, MORE_TO_DO, NOT_IN_PROGRESS, BUSY_ELSEWHERE }

    private enum ShardOutcome { DONE, OUT_OF_TIME, BUSY }

    /**
     * Works on the segment until it is done or {@code millisLeft} drops below {@code reserveMillis};
     * {@link Outcome#MORE_TO_DO} then asks the caller to hand the segment on to a fresh invocation.
     */
    public Outcome process(SegmentQueue.Segment segment, LongSupplier millisLeft, long reserveMillis) {
        Optional<MonthlyRun> run = ledger.findPart(segment.programmeId(), segment.month(), segment.part());
        if (run.isEmpty() || run.get().status() != RunStatus.IN_PROGRESS) {
            return Outcome.NOT_IN_PROGRESS;
        }
        String owner = UUID.randomUUID().toString();
        // The bill's first column, read once per invocation for the files it writes.
        String wadah = programmes == null || billFiles == BillFiles.NONE ? null : programmes.find(segment.programmeId())
                .orElseThrow(ProgrammeSettings::notSetUp).programme().wadahCode();
        List<Future<ShardOutcome>> shards = new ArrayList<>();
        for (int shard = segment.index(); shard < participants.shards(); shard += segment.count()) {
            int s = shard;
            shards.add(shardWorkers.submit(() -> processShard(run.get(), s, owner, wadah, millisLeft, reserveMillis)));
        }
        boolean finished = true;
        boolean busy = false;
        RuntimeException failure = null;
        for (Future<ShardOutcome> shard : shards) {
            try {
                ShardOutcome outcome = shard.get();
                finished &= outcome != ShardOutcome.OUT_OF_TIME;
                busy |= outcome == ShardOutcome.BUSY;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while charging a segment", e);
            } catch (ExecutionException e) {
                // Wait for the other shards (their checkpoints stay valid), then report the first failure.
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        if (!finished) {
            return Outcome.MORE_TO_DO;
        }
        // Whoever marks the last shard done completes the part; trying when some shards were another
        // invocation's is harmless (it completes only once every shard is done), and needed: that
        // invocation may have finished them, seeing ours busy, before we finished ours.
        // The store completes a part once (a conditional write): only that caller gets it back, so it is counted once.
        ledger.complete(segment.programmeId(), segment.month(), segment.part(), ProgrammeTime.now(clock))
                .ifPresent(part -> {
                    countCompleted(part);
                    // Only the completing invocation gets here, once: it records the part's slices and
                    // writes the month's file. If it dies first, or S3 fails it, the bill route merges
                    // the slices or builds the bill from the table instead (README "Known limits").
                    try {
                        recordBillFiles(part);
                    } catch (RuntimeException e) {
                        // Not rethrown: the part is complete, and a retried message would find nothing to do
                        // but raise the dead-letter alarm. The message names the part, never a person.
                        System.getLogger(RunSegment.class.getName()).log(System.Logger.Level.WARNING,
                                "bill files of " + part.month() + " part " + part.part() + " not recorded; the bill route "
                                        + "falls back to the slices or the table", e);
                    }
                });
        return busy ? Outcome.BUSY_ELSEWHERE : Outcome.DONE;
    }

    /**
     * Records the completed part's slices and, once every billed part of the month has its slices,
     * writes the month's bill file. The part just completed is taken as this invocation saw it
     * complete, not as a read of the parts may still show it.
     */
    private void recordBillFiles(MonthlyRun completed) {
        if (billFiles == BillFiles.NONE) {
            return;
        }
        billFiles.partCompleted(completed.programmeId(), completed.month(), completed.part(), completed.participants());
        List<MonthlyRun> billed = new ArrayList<>(ledger.parts(completed.programmeId(), completed.month()).stream()
                .filter(p -> p.part() != completed.part() && p.billed()).toList());
        billed.add(completed);
        MonthlyBill.wholeInFiles(billed, billFiles.completedParts(completed.programmeId(), completed.month()))
                .ifPresent(parts -> billFiles.assemble(completed.programmeId(), completed.month(), parts));
    }

    private void countCompleted(MonthlyRun part) {
        metrics.count("RunCompleted", 1, part.programmeId());
        metrics.count("LinesCharged", part.participants(), part.programmeId());
        if (part.supplementary()) {
            metrics.count("SupplementaryParts", 1, part.programmeId());
        }
    }

    /** Charges one shard page by page, holding its lease; stops when time runs out or another invocation holds it. */
    private ShardOutcome processShard(MonthlyRun run, int shard, String owner, String wadah, LongSupplier millisLeft,
                                      long reserveMillis) {
        ShardOutcome outcome = null;
        try {
            outcome = chargeShard(run, shard, owner, wadah, millisLeft, reserveMillis);
            return outcome;
        } finally {
            if (outcome != ShardOutcome.DONE && outcome != ShardOutcome.BUSY) {
                // Out of time or failing: hand the shard on at once rather than make the next delivery wait for the lease to run out.
                ledger.releaseLease(run.programmeId(), run.month(), run.part(), shard, owner);
            }
        }
    }

    private ShardOutcome chargeShard(MonthlyRun run, int shard, String owner, String wadah, LongSupplier millisLeft,
                                     long reserveMillis) {
        Instant plannedAt = run.startedAt().toInstant();
        Instant grantedAfter = run.grantedAfter() == null ? null : run.grantedAfter().toInstant();
        LedgerStore.ShardProgress progress = ledger.progress(run.programmeId(), run.month(), run.part(), shard);
        while (!progress.done()) {
            if (millisLeft.getAsLong() < reserveMillis) {
                return ShardOutcome.OUT_OF_TIME;
            }
            // Leases measure real time between invocations, never the programme's date (a demo or test may move that).
            Instant now = Instant.now();
            if (!ledger.lease(run.programmeId(), run.month(), run.part(), shard, owner, now.plus(LEASE), now)) {
                return ShardOutcome.BUSY; // a duplicate delivery: the invocation holding the shard writes its lines
            }
            Page<Participant> page = participants.chargeable(run.programmeId(), run.month(), grantedAfter, plannedAt, shard,
                    progress.cursor(), PAGE);
            // one line per person and month, whatever registration the person is enrolled by.
            Map<Nik, Participant> people = new LinkedHashMap<>();
            page.items().stream().filter(p -> p.chargeableIn(run.month(), grantedAfter, plannedAt))
                    .forEach(p -> people.putIfAbsent(p.nik(), p));
            if (run.supplementary() && !people.isEmpty()) {
                // A supplementary part charges only the lines the month lacks: never a second line for anyone.
                ledger.linedParts(run.programmeId(), run.month(), people.keySet())
                        .forEach((nik, part) -> {
                            if (part != run.part()) {
                                people.remove(nik);
                            }
                        });
            }
            List<ContributionLine> lines = people.values().stream()
                    .map(p -> ContributionLine.charge(p, run.month(), run.part(), run.rate()))
                    .toList();
            ledger.writeLines(run.programmeId(), lines);
            if (!lines.isEmpty()) {
                // Before the checkpoint: a crash in between charges the page again and rewrites the same slice.
                billFiles.write(new BillFiles.Slice(run.programmeId(), run.month(), run.part(), shard, progress.step(), wadah, lines));
            }
            ledger.checkpoint(run.programmeId(), run.month(), run.part(), progress, page.nextCursor(), lines.size());
            // Whether our checkpoint or a concurrent worker's won, read where the shard now stands.
            progress = ledger.progress(run.programmeId(), run.month(), run.part(), shard);
        }
        return ShardOutcome.DONE;
    }
}
