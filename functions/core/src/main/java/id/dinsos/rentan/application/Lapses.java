package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.CoverageTimeline;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.port.Metrics;
import id.dinsos.rentan.port.LedgerStore;
import id.dinsos.rentan.port.Page;
import id.dinsos.rentan.port.ProgrammeStore;
import id.dinsos.rentan.port.RegistrationStore;
import id.dinsos.rentan.port.RegistrationStore.Change;
import id.dinsos.rentan.port.RegistrationStore.QuotaGuard;
import id.dinsos.rentan.port.RegistrationStore.WriteResult;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * more than three consecutive months in arrears end a membership. The lapse is applied before
 * every run, so a lapsed person is not billed again; staff re-enrol the lapsed people with one call,
 * each as a new membership with a new waiting period while the quota holds.
 */
public final class Lapses {
    private static final int MAX_ATTEMPTS = 5;

    private final ProgrammeStore programmes;
    private final RegistrationStore registrations;
    private final LedgerStore ledgerStore;
    private final Ledger ledger;
    private final Clock clock;
    private final Metrics metrics;

    public Lapses(ProgrammeStore programmes, RegistrationStore registrations, LedgerStore ledgerStore, Ledger ledger, Clock clock) {
        this(programmes, registrations, ledgerStore, ledger, clock, Metrics.NONE);
    }

    public Lapses(ProgrammeStore programmes, RegistrationStore registrations, LedgerStore ledgerStore, Ledger ledger, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.programmes = programmes;
        this.registrations = registrations;
        this.ledgerStore = ledgerStore;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A registration the lapse ended, and the day the membership lapsed. */
    public record Lapse(Registration registration, LocalDate lapsedOn) {
    }

    /**
     * Ends, with reason ARREARS, every membership that has lapsed by today. Most days no four
     * consecutive months are in arrears and nothing more than the run items is read; otherwise the
     * people charged in every one of those months are checked one by one on their own timeline.
     * The waitlist is not promoted into a lapsed place: R-17 hands on places freed by death, moving
     * away or becoming a wage earner, and the lapsed people have them back when re-enrolled.
     */
    public List<Lapse> apply(String programmeId) {
        LocalDate today = ProgrammeTime.today(clock);
        List<MonthlyRun> billed = ledgerStore.runs(programmeId).stream().filter(MonthlyRun::billed).toList();
        Set<YearMonth> inArrears = new TreeSet<>();
        billed.stream().filter(p -> p.total() > 0 && p.billPart().inArrearsOn(today)).forEach(p -> inArrears.add(p.month()));
        Set<Nik> candidates = new java.util.LinkedHashSet<>();
        for (YearMonth first : inArrears) {
            if (!inArrearsRun(inArrears, first)) {
                continue;
            }
            Map<Nik, Integer> months = new HashMap<>();
            for (int i = 0; i < CoverageTimeline.LAPSE_MONTHS; i++) {
                YearMonth month = first.plusMonths(i);
                Set<Integer> unpaidParts = new TreeSet<>();
                billed.stream().filter(p -> p.month().equals(month) && p.billPart().inArrearsOn(today)).forEach(p -> unpaidParts.add(p.part()));
                for (ContributionLine line : ledgerStore.lines(programmeId, month)) {
                    if (unpaidParts.contains(line.part())) {
                        months.merge(line.nik(), 1, Integer::sum);
                    }
                }
            }
            months.forEach((nik, count) -> {
                if (count == CoverageTimeline.LAPSE_MONTHS) {
                    candidates.add(nik);
                }
            });
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        Ledger.BillParts parts = ledger.billParts(programmeId);
        Actor system = Actor.system("arrears");
        List<Lapse> lapses = new ArrayList<>();
        for (Nik nik : candidates) {
            lapseOne(programmeId, nik, parts, system, today).ifPresent(lapses::add);
        }
        return lapses;
    }

    private static boolean inArrearsRun(Set<YearMonth> inArrears, YearMonth first) {
        for (int i = 0; i < CoverageTimeline.LAPSE_MONTHS; i++) {
            if (!inArrears.contains(first.plusMonths(i))) {
                return false;
            }
        }
        return true;
    }

    private Optional<Lapse> lapseOne(String programmeId, Nik nik, Ledger.BillParts parts, Actor system, LocalDate today) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<Registration> all = registrations.findByNik(programmeId, nik);
            Optional<LocalDate> lapsedOn = ledger.timeline(programmeId, nik, all, parts).lapsedOn(today);
            Optional<Registration> member = all.stream()
                    .filter(r -> r.status() == RegistrationStatus.ACTIVE && r.coverageStart() != null)
                    .findFirst()
                    .flatMap(r -> registrations.find(r.id())); // the NIK index lags: decide on a consistent read
            if (lapsedOn.isEmpty() || member.isEmpty() || member.get().status() != RegistrationStatus.ACTIVE
                    || member.get().coverageStart().isAfter(lapsedOn.get())) {
                return Optional.empty();
            }
            Registration lapsed = member.get().lapse(lapsedOn.get(), system, ProgrammeTime.now(clock));
            if (registrations.write(List.of(new Change(member.get(), lapsed)), QuotaGuard.NONE) instanceof WriteResult.Written) {
                metrics.count("Registrations", 1, programmeId, "Outcome", "LAPSED");
                return Optional.of(new Lapse(lapsed, lapsedOn.get()));
            }
        }
        return Optional.empty();
    }

    /** One lapsed registration as re-enrolment left it. */
    public record ReEnrolment(Registration previous, Registration current, Outcome outcome) {
    }

    public enum Outcome { ACTIVE, WAITLISTED, ALREADY_REGISTERED }

    /**
     * Re-enrols every lapsed membership: a new registration for the same person, approved at once,
     * ACTIVE while places are free and WAITLISTED after, covered from the usual start after today
     * with a new waiting period. A person who registered again meanwhile is left as
     * they are. Lapsed registrations are taken oldest first.
     */
    public List<ReEnrolment> reEnrolAll(String programmeId, Actor actor) {
        programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp);
        List<ReEnrolment> done = new ArrayList<>();
        String cursor = null;
        List<Registration> lapsed = new ArrayList<>();
        do {
            Page<RegistrationStore.Listed> page = registrations.list(new RegistrationStore.Query(programmeId, RegistrationStatus.ENDED, null),
                    500, cursor);
            page.items().stream().map(RegistrationStore.Listed::registration).filter(Registration::awaitingReEnrolment).forEach(lapsed::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        for (Registration previous : lapsed) {
            reEnrol(previous.id(), actor).ifPresent(done::add);
        }
        return done;
    }

    private Optional<ReEnrolment> reEnrol(String previousId, Actor actor) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Registration previous = registrations.find(previousId).orElseThrow();
            if (!previous.awaitingReEnrolment()) {
                return Optional.empty(); // re-enrolled by a concurrent call
            }
            Optional<Registration> live = registrations.findLive(previous.programmeId(), previous.nik());
            if (live.isPresent()) {
                if (registrations.write(List.of(new Change(previous, previous.reEnrolledAs(live.get().id()))), QuotaGuard.NONE)
                        instanceof WriteResult.Written) {
                    return Optional.of(new ReEnrolment(previous, live.get(), Outcome.ALREADY_REGISTERED));
                }
                continue;
            }
            Programme programme = programmes.find(previous.programmeId()).orElseThrow(ProgrammeSettings::notSetUp).programme();
            OffsetDateTime now = ProgrammeTime.now(clock);
            Registration fresh = Registration.submitted(UUID.randomUUID().toString(), previous.programmeId(), previous.application(),
                    RegistrationSource.RE_ENROLMENT, actor, now);
            LocalDate start = Registration.coverageStartAfter(programme.coverageStartAfterApprovalOn(now.toLocalDate()),
                    registrations.findByNik(previous.programmeId(), previous.nik()));
            Registration active = fresh.activate(start, actor, now, "re-enrolled after the membership of " + previous.id()
                    + " lapsed for arrears (R-06); a new waiting period starts (R-31)");
            WriteResult result = registrations.write(List.of(Change.create(active), new Change(previous, previous.reEnrolledAs(active.id()))),
                    QuotaGuard.ONE_PLACE_FREE);
            if (result instanceof WriteResult.Written) {
                metrics.count("Registrations", 1, previous.programmeId(), "Outcome", "ACTIVE");
                return Optional.of(new ReEnrolment(previous, active, Outcome.ACTIVE));
            }
            if (result instanceof WriteResult.QuotaFull) {
                Registration waiting = fresh.waitlist(actor, now);
                if (registrations.write(List.of(Change.create(waiting), new Change(previous, previous.reEnrolledAs(waiting.id()))),
                        QuotaGuard.NONE) instanceof WriteResult.Written) {
                    metrics.count("Registrations", 1, previous.programmeId(), "Outcome", "WAITLISTED");
                    return Optional.of(new ReEnrolment(previous, waiting, Outcome.WAITLISTED));
                }
            }
        }
        throw new Refusal.Conflict("CONCURRENT_UPDATE", "The registrations kept changing while re-enrolling; please try again.");
    }
}
