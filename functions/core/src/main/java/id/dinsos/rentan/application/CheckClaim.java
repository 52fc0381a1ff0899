package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.ClaimAssessment;
import id.dinsos.rentan.domain.ClaimAssessor;
import id.dinsos.rentan.domain.ClaimCheck;
import id.dinsos.rentan.domain.ClaimRequest;
import id.dinsos.rentan.domain.ClaimRules;
import id.dinsos.rentan.domain.ClaimType;
import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.CoverageTimeline;
import id.dinsos.rentan.domain.Ids;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.port.ClaimCheckStore;
import id.dinsos.rentan.port.Page;
import id.dinsos.rentan.port.Metrics;
import id.dinsos.rentan.port.IdempotencyStore;
import id.dinsos.rentan.port.ProgrammeStore;
import id.dinsos.rentan.port.RegistrationStore;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * "If this participant died / had an accident on this date, is the claim eligible, and what would
 * BPJS pay?" Reads the participant's coverage from the contribution ledger, applies the
 * claim rules in force on the event date (R-30..R-38) and records the check.
 */
public final class CheckClaim {
    private final ProgrammeStore programmes;
    private final RegistrationStore registrations;
    private final Ledger ledger;
    private final ClaimCheckStore checks;
    private final List<ClaimRules> rules;
    private final Clock clock;
    private final Metrics metrics;

    public CheckClaim(ProgrammeStore programmes, RegistrationStore registrations, Ledger ledger, ClaimCheckStore checks,
                      List<ClaimRules> rules, Clock clock) {
        this(programmes, registrations, ledger, checks, rules, clock, Metrics.NONE);
    }

    public CheckClaim(ProgrammeStore programmes, RegistrationStore registrations, Ledger ledger, ClaimCheckStore checks,
                      List<ClaimRules> rules, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.programmes = programmes;
        this.registrations = registrations;
        this.ledger = ledger;
        this.checks = checks;
        this.rules = List.copyOf(rules);
        this.clock = clock;
    }

    /** Checks by registration id or by NIK (exactly one of them), and records the check. */
    public ClaimCheck check(String programmeId, String registrationId, Nik nik, ClaimRequest request, Actor actor) {
        return check(programmeId, registrationId, nik, request, actor, c -> null).check();
    }

    /** A recorded check, and whether the answer to its request was recorded with it. */
    public record Checked(ClaimCheck check, boolean answerRecorded) {
    }

    /**
     * As {@link #check(String, String, Nik, ClaimRequest, Actor)}, recording with the check the answer to
     * the request that asked for it: {@code answer} gives it for the check about to be recorded (null for
     * none). When it cannot be recorded with the check, the check is recorded alone and
     * {@link Checked#answerRecorded()} is false: the caller records the answer.
     */
    public Checked check(String programmeId, String registrationId, Nik nik, ClaimRequest request, Actor actor,
                         Function<ClaimCheck, IdempotencyStore.Receipt> answer) {
        OffsetDateTime now = ProgrammeTime.now(clock);
        LocalDate today = now.toLocalDate();
        if (request.eventDate().isAfter(today)) {
            throw new Refusal.RuleViolation("EVENT_IN_FUTURE", "The event date is after today; a check is about an event that happened.");
        }
        ClaimRules inForce = ClaimRules.inForceOn(request.eventDate(), rules).orElseThrow(() -> new Refusal.RuleViolation(
                "NO_RULES_FOR_EVENT_DATE", "No claim rules are known for events before " + rules.get(0).inForceFrom() + "."));
        // The reads that do not wait for one another go side by side: each is a round trip to DynamoDB.
        // The settings and every bill part in one read (the parts are what the timeline's lines are judged by, R-21).
        CompletableFuture<ProgrammeStore.Overview> reading = CompletableFuture.supplyAsync(() ->
                programmes.overview(programmeId).orElseThrow(ProgrammeSettings::notSetUp), READS);
        // Only a canonical UUID can name a registration: anything else is not looked up (NOT_REGISTERED).
        Optional<Registration> registration = Ids.isId(registrationId)
                ? registrations.find(registrationId).filter(r -> r.programmeId().equals(programmeId))
                : Optional.empty();
        Nik person = registration.map(Registration::nik).orElse(nik);
        // The person's whole timeline: every registration of the NIK, every line, as they stood on the event date.
        CompletableFuture<Map<YearMonth, Integer>> lines = person == null ? CompletableFuture.completedFuture(Map.of())
                : CompletableFuture.supplyAsync(() -> ledger.linesOf(programmeId, person), READS);
        List<Registration> all = person == null ? List.of() : registrations.findByNik(programmeId, person);
        ProgrammeStore.Overview overview = join(reading);
        Programme programme = overview.snapshot().programme();
        if (registration.isEmpty()) {
            registration = registrationOn(all, request.eventDate());
        }
        CoverageTimeline timeline = registration.isEmpty() ? null
                : Ledger.timeline(withCurrent(all, registration.get()), join(lines), Ledger.billParts(overview.runs()));
        ClaimAssessment assessment = ClaimAssessor.assess(request, timeline, today, declaredIncomeFor(request, programme), inForce);
        ClaimCheck check = new ClaimCheck(UUID.randomUUID().toString(), programmeId, registration.map(Registration::id).orElse(null),
                person, request, assessment, actor.label(), now);
        IdempotencyStore.Receipt receipt = answer.apply(check);
        boolean answerRecorded = receipt != null && checks.save(check, receipt);
        if (!answerRecorded) {
            checks.save(check, null);
        }
        metrics.count("ClaimChecks", 1, programmeId, "Outcome", assessment.eligible() ? "ELIGIBLE" : "NOT_ELIGIBLE");
        return new Checked(check, answerRecorded);
    }

    /** Threads for a check's reads that run beside its own (shared by every check; daemon, so a JVM can end). */
    private static final ExecutorService READS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "claim-check-read");
        t.setDaemon(true);
        return t;
    });

    /** The read's result, or its own failure (a refusal stays a refusal). */
    private static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** A recorded check; an id that is not a canonical UUID names none and is not looked up. */
    public ClaimCheck get(String id) {
        Refusal.NotFound notFound = new Refusal.NotFound("CLAIM_CHECK_NOT_FOUND", "No claim check has this id.");
        if (!Ids.isId(id)) {
            throw notFound;
        }
        return checks.find(id).orElseThrow(() -> notFound);
    }

    /**
     * The programme's recorded checks, newest first, a page at a time; the cursor is checked (a foreign
     * or garbled one is refused) before anything is read.
     */
    public Page<ClaimCheck> list(String programmeId, int limit, String cursor) {
        return checks.list(programmeId, limit, cursor);
    }

    /** The registration whose coverage held on the date; else the newest (which then was not covering it). */
    private static Optional<Registration> registrationOn(List<Registration> all, LocalDate date) {
        return all.stream()
                .filter(r -> r.coverageStart() != null && !date.isBefore(r.coverageStart())
                        && (r.coverageEnd() == null || !date.isAfter(r.coverageEnd())))
                .findFirst()
                .or(() -> all.stream().max(Comparator.comparing(Registration::submittedAt)));
    }

    /**
     * JKK amounts are multiples of the declared income of the rate row in force in the
     * month of the accident, so a row added later never changes them. JKM amounts are fixed and need none.
     */
    private static long declaredIncomeFor(ClaimRequest request, Programme programme) {
        if (request.type() != ClaimType.JKK) {
            return 0;
        }
        YearMonth month = YearMonth.from(request.eventDate());
        return programme.rateFor(month).map(ContributionRate::declaredIncome).orElseThrow(() -> new Refusal.RuleViolation(
                "NO_RATE_FOR_MONTH", "The programme's rate table has no rate in force for " + month
                        + ", so there is no declared income to base JKK benefits on (R-01, R-04)."));
    }

    /** The NIK index is read eventually consistently: the registration read by id is the one to trust. */
    private static List<Registration> withCurrent(List<Registration> all, Registration current) {
        List<Registration> merged = new ArrayList<>(all.stream().filter(r -> !r.id().equals(current.id())).toList());
        merged.add(current);
        return merged;
    }
}
