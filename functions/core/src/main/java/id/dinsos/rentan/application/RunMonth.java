package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.BudgetYear;
import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.port.LedgerStore;
import id.dinsos.rentan.port.ParticipantSource;
import id.dinsos.rentan.port.ProgrammeStore;
import id.dinsos.rentan.port.SegmentQueue;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The monthly subsidy run (R-21..R-23), from the schedule or from staff. It counts the month's
 * participants, checks the year's budget can pay for them, reserves the cost, and hands the
 * writing of contribution lines to segments. Running a month again never charges anyone twice:
 * a completed run is returned as it is, an interrupted one is resumed where it stopped.
 */
public final class RunMonth {
    public static final int DEFAULT_SEGMENTS = 1;
    /** A segment works on whole shards, so more segments than shards would leave some with nothing to do. */
    public static final int MAX_SEGMENTS = 16;

    private final ProgrammeStore programmes;
    private final ParticipantSource participants;
    private final LedgerStore ledgerStore;
    private final Ledger ledger;
    private final SegmentQueue queue;
    private final Clock clock;

    public RunMonth(ProgrammeStore programmes, ParticipantSource participants, LedgerStore ledgerStore, Ledger ledger,
                    SegmentQueue queue, Clock clock) {
        this.programmes = programmes;
        this.participants = participants;
        this.ledgerStore = ledgerStore;
        this.ledger = ledger;
        this.queue = queue;
        this.clock = clock;
    }

    public MonthlyRunView run(String programmeId, YearMonth month, boolean dryRun, int segments, Actor actor) {
        if (segments < 1 || segments > MAX_SEGMENTS) {
            throw new Refusal.Invalid(List.of(new Refusal.FieldError("segments", "OUT_OF_RANGE",
                    "Must be between 1 and " + MAX_SEGMENTS + ".")));
        }
        Programme programme = programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp).programme();
        YearMonth current = YearMonth.from(ProgrammeTime.today(clock));
        if (!dryRun && month.isAfter(current)) {
            throw new Refusal.RuleViolation("MONTH_NOT_STARTED",
                    month + " has not started yet (today is in " + current + "); it can only be run as a dry run.");
        }
        ContributionRate rate = programme.rateFor(month).orElseThrow(() -> new Refusal.RuleViolation("NO_RATE_FOR_MONTH",
                "The programme's rate table has no rate in force for " + month + " (R-04)."));

        Optional<MonthlyRun> existing = ledgerStore.findRun(programmeId, month);
        if (existing.isPresent() && existing.get().status() == RunStatus.COMPLETED) {
            return view(programme, existing.get(), false); // a completed month is never charged again
        }
        if (existing.isPresent() && existing.get().status() == RunStatus.IN_PROGRESS) {
            // A dry run would count the run's own reservation against itself: show the run as it stands.
            return dryRun ? view(programme, existing.get(), false) : resume(programme, existing.get());
        }

        // The run charges those whose coverage was granted by now: taken before counting, so count and lines agree.
        OffsetDateTime now = ProgrammeTime.now(clock);
        long count = countChargeable(programmeId, month, now);
        MonthlyRun planned = new MonthlyRun(programmeId, month, RunStatus.IN_PROGRESS, rate, count, 0, 0, segments, now, null, null);
        BudgetYear budget = ledger.budgetYear(programme, month.getYear());
        long shortfall = budget.shortfallFor(planned.plannedCost());
        if (dryRun) {
            RunStatus would = shortfall > 0 ? RunStatus.BLOCKED_BUDGET : RunStatus.COMPLETED;
            MonthlyRun preview = new MonthlyRun(programmeId, month, would, rate, count, count, shortfall, segments, now, null, null);
            return new MonthlyRunView(preview, true, budget, ledger.arrears(programme));
        }
        if (shortfall > 0) {
            return blocked(programme, planned, shortfall);
        }
        LedgerStore.StartResult started = ledgerStore.start(planned, budget.allocation());
        switch (started) {
            case OVER_BUDGET -> {
                // Another month was charged meanwhile: decide again on fresh figures.
                long fresh = ledger.budgetYear(programme, month.getYear()).shortfallFor(planned.plannedCost());
                return blocked(programme, planned, Math.max(1, fresh));
            }
            case ALREADY_STARTED -> {
                MonthlyRun other = ledgerStore.findRun(programmeId, month).orElseThrow();
                return other.status() == RunStatus.IN_PROGRESS ? resume(programme, other) : view(programme, other, false);
            }
            default -> {
                return resume(programme, planned);
            }
        }
    }

    private MonthlyRunView blocked(Programme programme, MonthlyRun planned, long shortfall) {
        MonthlyRun blocked = new MonthlyRun(planned.programmeId(), planned.month(), RunStatus.BLOCKED_BUDGET, planned.rate(),
                planned.plannedParticipants(), 0, shortfall, planned.segments(), planned.startedAt(),
                ProgrammeTime.now(clock), null);
        ledgerStore.recordBlocked(blocked);
        return view(programme, blocked, false);
    }

    /** Hands every segment of an in-progress run to the queue; finished shards are skipped by the workers. */
    private MonthlyRunView resume(Programme programme, MonthlyRun run) {
        queue.enqueue(IntStream.range(0, run.segments())
                .mapToObj(i -> new SegmentQueue.Segment(run.programmeId(), run.month(), i, run.segments())).toList());
        MonthlyRun now = ledgerStore.findRun(run.programmeId(), run.month()).orElse(run);
        return view(programme, now, false);
    }

    /** The run summary of {@code GET /runs/{month}}. */
    public MonthlyRunView summary(String programmeId, YearMonth month) {
        Programme programme = programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp).programme();
        MonthlyRun run = ledgerStore.findRun(programmeId, month).orElseThrow(() -> runNotFound(month));
        return view(programme, run, false);
    }

    private MonthlyRunView view(Programme programme, MonthlyRun run, boolean dryRun) {
        return new MonthlyRunView(run, dryRun, ledger.budgetYear(programme, run.month().getYear()), ledger.arrears(programme));
    }

    static Refusal.NotFound runNotFound(YearMonth month) {
        return new Refusal.NotFound("RUN_NOT_FOUND", "No run has been made for " + month + ".");
    }

    /** Counts the shards in parallel: each is an independent index partition. */
    private long countChargeable(String programmeId, YearMonth month, OffsetDateTime plannedAt) {
        int shards = participants.shards();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(shards, 8));
        try {
            List<Future<Long>> counts = IntStream.range(0, shards)
                    .mapToObj(s -> pool.submit(() -> participants.countChargeable(programmeId, month, plannedAt.toInstant(), s))).toList();
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting participants", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
