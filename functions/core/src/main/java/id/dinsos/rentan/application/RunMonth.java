package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.BudgetYear;
import id.dinsos.rentan.domain.ContributionDue;
import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.MonthParts;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.port.LedgerStore;
import id.dinsos.rentan.port.Metrics;
import id.dinsos.rentan.port.ParticipantSource;
import id.dinsos.rentan.port.ProgrammeStore;
import id.dinsos.rentan.port.SegmentQueue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
    private final Lapses lapses;
    private final Clock clock;
    private final Metrics metrics;

    public RunMonth(ProgrammeStore programmes, ParticipantSource participants, LedgerStore ledgerStore, Ledger ledger,
                    SegmentQueue queue, Lapses lapses, Clock clock) {
        this(programmes, participants, ledgerStore, ledger, queue, lapses, clock, Metrics.NONE);
    }

    /**
     * @param lapses ends the memberships that lapsed for arrears before each run plans its lines
     */
    public RunMonth(ProgrammeStore programmes, ParticipantSource participants, LedgerStore ledgerStore, Ledger ledger,
                    SegmentQueue queue, Lapses lapses, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.lapses = lapses;
        this.programmes = programmes;
        this.participants = participants;
        this.ledgerStore = ledgerStore;
        this.ledger = ledger;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Runs {@code month}: its regular part the first time, a supplementary part for the lines it
     * lacks when it was run before, or the part under way resumed. A month with nothing left
     * to charge is returned as it is.
     */
    public MonthlyRunView run(String programmeId, YearMonth month, boolean dryRun, int segments, Actor actor) {
        if (segments < 1 || segments > MAX_SEGMENTS) {
            throw new Refusal.Invalid(List.of(new Refusal.FieldError("segments", "OUT_OF_RANGE",
                    "Must be between 1 and " + MAX_SEGMENTS + ".")));
        }
        Programme programme = programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp).programme();
        LocalDate today = ProgrammeTime.today(clock);
        YearMonth current = YearMonth.from(today);
        if (!dryRun && month.isAfter(current)) {
            throw new Refusal.RuleViolation("MONTH_NOT_STARTED",
                    month + " has not started yet (today is in " + current + "); it can only be run as a dry run.");
        }
        ContributionRate rate = programme.rateFor(month).orElseThrow(() -> new Refusal.RuleViolation("NO_RATE_FOR_MONTH",
                "The programme's rate table has no rate in force for " + month + " (R-04)."));

        List<MonthlyRun> parts = ledgerStore.parts(programmeId, month);
        Optional<MonthlyRun> latest = parts.isEmpty() ? Optional.empty() : Optional.of(parts.get(parts.size() - 1));
        if (latest.isPresent() && latest.get().status() == RunStatus.IN_PROGRESS) {
            // A dry run would count the part's own reservation against itself: show the part as it stands.
            return dryRun ? view(programme, latest.get(), parts) : resume(programme, latest.get());
        }
        Optional<MonthlyRun> lastCompleted = parts.stream().filter(MonthlyRun::billed).reduce((a, b) -> b);
        int part = latest.map(p -> p.status() == RunStatus.BLOCKED_BUDGET ? p.part() : p.part() + 1).orElse(1);
        // A supplementary part charges the coverage granted since the previous part was planned.
        OffsetDateTime grantedAfter = lastCompleted.map(MonthlyRun::startedAt).orElse(null);

        if (!dryRun) {
            // a membership that lapsed for arrears is not billed again (a dry run only shows what a run would do).
            lapses.apply(programmeId);
        }
        // The part charges those whose coverage was granted by now: taken before counting, so count and lines agree.
        OffsetDateTime now = ProgrammeTime.now(clock);
        long count = countChargeable(programmeId, month, grantedAfter, now);
        if (lastCompleted.isPresent() && count == 0) {
            return view(programme, latest.get(), parts); // nothing lacks a line; nothing is charged again
        }
        // due dates move to the next working day of the holiday calendar in force when the part is raised.
        LocalDate due = part == 1 ? ContributionDue.dueDate(month, programme.workingDays())
                : ContributionDue.dueDateOfPartRaisedOn(today, programme.workingDays());
        MonthlyRun planned = new MonthlyRun(programmeId, month, part, RunStatus.IN_PROGRESS, rate, count, 0, 0, segments,
                grantedAfter, now, null, due, null);
        BudgetYear budget = ledger.budgetYear(programme, month.getYear());
        long shortfall = budget.shortfallFor(planned.plannedCost());
        if (dryRun) {
            RunStatus would = shortfall > 0 ? RunStatus.BLOCKED_BUDGET : RunStatus.COMPLETED;
            MonthlyRun preview = new MonthlyRun(programmeId, month, part, would, rate, count, count, shortfall, segments,
                    grantedAfter, now, null, due, null);
            return new MonthlyRunView(preview, withPart(parts, preview), true, budget, ledger.arrears(programme));
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
                MonthlyRun other = ledgerStore.findPart(programmeId, month, part).orElseThrow();
                return other.status() == RunStatus.IN_PROGRESS ? resume(programme, other) : view(programme, other);
            }
            default -> {
                return resume(programme, planned);
            }
        }
    }

    /**
     * The scheduled run of {@code month}: the month itself, then a supplementary part for each earlier
     * month of the same year that was run and lacks lines (coverage dated back since, R-21).
     */
    public MonthlyRunView scheduled(String programmeId, YearMonth month, int segments, Actor actor) {
        MonthlyRunView view = run(programmeId, month, false, segments, actor);
        Set<YearMonth> runMonths = new TreeSet<>();
        ledgerStore.runs(programmeId).stream().filter(MonthlyRun::billed)
                .filter(p -> p.month().getYear() == month.getYear() && p.month().isBefore(month))
                .forEach(p -> runMonths.add(p.month()));
        for (YearMonth earlier : runMonths) {
            try {
                run(programmeId, earlier, false, segments, actor);
            } catch (Refusal refused) {
                // An earlier month that cannot be charged now (its rate row removed, say) must not undo this month's
                // run; it shows in that month's summary when staff run it by hand.
            }
        }
        return view;
    }

    private MonthlyRunView blocked(Programme programme, MonthlyRun planned, long shortfall) {
        MonthlyRun blocked = planned.blocked(shortfall, ProgrammeTime.now(clock));
        ledgerStore.recordBlocked(blocked);
        metrics.count("RunBlockedBudget", 1, planned.programmeId());
        return view(programme, blocked);
    }

    /** Hands every segment of an in-progress part to the queue; finished shards are skipped by the workers. */
    private MonthlyRunView resume(Programme programme, MonthlyRun run) {
        queue.enqueue(IntStream.range(0, run.segments())
                .mapToObj(i -> new SegmentQueue.Segment(run.programmeId(), run.month(), run.part(), i, run.segments())).toList());
        MonthlyRun now = ledgerStore.findPart(run.programmeId(), run.month(), run.part()).orElse(run);
        return view(programme, now);
    }

    /** The run summary of {@code GET /runs/{month}}: every part of the month. */
    public MonthlyRunView summary(String programmeId, YearMonth month) {
        Programme programme = programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp).programme();
        List<MonthlyRun> parts = ledgerStore.parts(programmeId, month);
        if (parts.isEmpty()) {
            throw runNotFound(month);
        }
        return view(programme, parts.get(parts.size() - 1), parts);
    }

    /**
     * {@code GET /runs?year=}: every month of {@code year} with its bill parts, and the year's budget
     * use as the runs reserve and the payments spend it, with the settings in one read
     * (ProgrammeStore.overview). A month never run has no parts.
     */
    public RunYearView year(String programmeId, int year) {
        ProgrammeStore.Overview overview = programmes.overview(programmeId).orElseThrow(ProgrammeSettings::notSetUp);
        Programme programme = overview.snapshot().programme();
        Map<YearMonth, List<MonthlyRun>> byMonth = new TreeMap<>();
        overview.runs().stream().filter(p -> p.month().getYear() == year)
                .forEach(p -> byMonth.computeIfAbsent(p.month(), m -> new ArrayList<>()).add(p));
        List<MonthParts> months = IntStream.rangeClosed(1, 12).mapToObj(m -> YearMonth.of(year, m))
                .map(m -> new MonthParts(m, byMonth.getOrDefault(m, List.of()))).toList();
        return new RunYearView(year, Ledger.budgetYear(programme, year, overview.budgetUse()), months, ProgrammeTime.today(clock));
    }

    /** The month as it stands after {@code run} was written: its parts read again. */
    private MonthlyRunView view(Programme programme, MonthlyRun run) {
        return view(programme, run, ledgerStore.parts(programme.id(), run.month()));
    }

    /** The month with parts just read and nothing written since: no second read of the same items. */
    private MonthlyRunView view(Programme programme, MonthlyRun run, List<MonthlyRun> parts) {
        return new MonthlyRunView(run, withPart(parts, run), false, ledger.budgetYear(programme, run.month().getYear()),
                ledger.arrears(programme));
    }

    /** The month's parts with {@code part} in its place (a preview or a part just read replaces its stored copy). */
    private static List<MonthlyRun> withPart(List<MonthlyRun> parts, MonthlyRun part) {
        List<MonthlyRun> all = new ArrayList<>(parts.stream().filter(p -> p.part() != part.part()).toList());
        all.add(part);
        all.sort(Comparator.comparingInt(MonthlyRun::part));
        return all;
    }

    static Refusal.NotFound runNotFound(YearMonth month) {
        return new Refusal.NotFound("RUN_NOT_FOUND", "No run has been made for " + month + ".");
    }

    /**
     * The participants the part charges. The regular part (nothing run before) charges everyone
     * enrolled in the month: the coverage counts give that exactly with one read, whatever the
     * programme's size (R-22's guard checks this figure). A supplementary part charges only coverage
     * granted since the previous part was planned: that is counted on the coverage index,
     * shard by shard in parallel (each an independent index partition).
     */
    private long countChargeable(String programmeId, YearMonth month, OffsetDateTime grantedAfter, OffsetDateTime plannedAt) {
        if (grantedAfter == null) {
            return participants.enrolled(programmeId, month);
        }
        int shards = participants.shards();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(shards, 8));
        try {
            List<Future<Long>> counts = IntStream.range(0, shards)
                    .mapToObj(s -> pool.submit(() -> participants.countChargeable(programmeId, month,
                            grantedAfter == null ? null : grantedAfter.toInstant(), plannedAt.toInstant(), s))).toList();
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
