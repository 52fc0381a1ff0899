package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.Address;
import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.Eligibility;
import id.dinsos.rentan.domain.IneligibilityReason;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.port.IdempotencyStore;
import id.dinsos.rentan.port.Metrics;
import id.dinsos.rentan.port.ProgrammeStore;
import id.dinsos.rentan.port.RegistrationStore;
import id.dinsos.rentan.port.RegistrationStore.Change;
import id.dinsos.rentan.port.RegistrationStore.QuotaGuard;
import id.dinsos.rentan.port.RegistrationStore.WriteResult;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** An application from the citizen portal or a staff member: checked by rule, stored as PENDING_REVIEW. */
public final class RegisterApplicant {
    private final ProgrammeStore programmes;
    private final RegistrationStore registrations;
    private final Clock clock;
    private final Metrics metrics;
    /** The settings each programme's last application was decided on (one instance per function container). */
    private final Map<String, ProgrammeStore.Snapshot> remembered = new ConcurrentHashMap<>();

    public RegisterApplicant(ProgrammeStore programmes, RegistrationStore registrations, Clock clock) {
        this(programmes, registrations, clock, Metrics.NONE);
    }

    public RegisterApplicant(ProgrammeStore programmes, RegistrationStore registrations, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.programmes = programmes;
        this.registrations = registrations;
        this.clock = clock;
    }

    /**
     * Stores the application, or refuses it with every failing rule at once (R-10..R-15), or with
     * ALREADY_REGISTERED when the NIK has a live registration: the last is decided by a
     * conditional write, so two simultaneous applications cannot both get through.
     *
     * <p>The settings are those of the last application this instance handled, when it has one, and the
     * write commits only if they are still in force; if they changed, it reads them and decides again. A
     * refusal is never given on remembered settings: they are read first. So a warm function judges an
     * application on the settings in force at its write, with one DynamoDB call fewer than reading them.
     */
    public Registration submit(String programmeId, Application application, RegistrationSource source, Actor actor) {
        return submit(programmeId, application, source, actor, registration -> null).registration();
    }

    /** A stored application, and whether the answer to its request was recorded with it. */
    public record Submitted(Registration registration, boolean answerRecorded) {
    }

    /**
     * As {@link #submit(String, Application, RegistrationSource, Actor)}, recording with the registration
     * the answer to the request that submits it: {@code answer} gives it for the registration about to be
     * written (null for none). When it cannot be recorded with the registration, the registration is
     * written without it and {@link Submitted#answerRecorded()} is false: the caller records it.
     */
    public Submitted submit(String programmeId, Application application, RegistrationSource source, Actor actor,
                            Function<Registration, IdempotencyStore.Receipt> answer) {
        boolean withAnswer = true;
        ProgrammeStore.Snapshot settings = remembered.get(programmeId);
        for (int attempt = 1; ; attempt++) {
            boolean fresh = settings == null;
            if (fresh) {
                settings = programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp);
                remembered.put(programmeId, settings);
            }
            Programme programme = settings.programme();
            List<IneligibilityReason> reasons = Eligibility.assess(application, programme, ProgrammeTime.today(clock));
            if (!reasons.isEmpty()) {
                if (!fresh) {
                    settings = null;
                    continue;
                }
                throw new Refusal.Ineligible(reasons);
            }
            Registration registration = Registration.submitted(UUID.randomUUID().toString(), programmeId,
                    withCanonicalKecamatan(application, programme), source, actor, ProgrammeTime.now(clock));
            IdempotencyStore.Receipt receipt = withAnswer ? answer.apply(registration) : null;
            WriteResult result = registrations.write(List.of(Change.create(registration)), QuotaGuard.NONE, settings.settingsVersion(),
                    receipt);
            if (result instanceof WriteResult.ReceiptRefused) {
                withAnswer = false; // written again without it; the caller records the answer afterwards
                attempt--;
                continue;
            }
            if (result instanceof WriteResult.SettingsChanged) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new Refusal.Conflict("CONCURRENT_UPDATE", "The programme's settings are being changed; please try again.");
                }
                settings = null;
                continue;
            }
            if (result instanceof WriteResult.NikTaken) {
                throw alreadyRegistered();
            }
            if (!(result instanceof WriteResult.Written)) {
                throw new IllegalStateException("unexpected result of a new registration: " + result);
            }
            metrics.count("Registrations", 1, programmeId, "Outcome", "SUBMITTED");
            return new Submitted(registration, receipt != null);
        }
    }

    /** Settings saved this many times while one application is written: it gives up and asks for a retry. */
    private static final int MAX_ATTEMPTS = 5;

    static Refusal.Conflict alreadyRegistered() {
        return new Refusal.Conflict("ALREADY_REGISTERED",
                "This NIK already has a registration in the programme that is pending, active or waitlisted.");
    }

    /** Stores the kecamatan as the programme spells it, so lists and filters see one place under one name. */
    static Application withCanonicalKecamatan(Application a, Programme programme) {
        String kecamatan = programme.canonicalKecamatan(a.address().kecamatan()).orElse(a.address().kecamatan());
        return new Application(a.nik(), a.fullName(), a.birthDate(), a.sex(), a.phone(),
                new Address(a.address().street(), a.address().kelurahan(), kecamatan),
                a.occupation(), a.dtsen(), a.disability());
    }
}
