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
import id.dinsos.rentan.port.Metrics;
import id.dinsos.rentan.port.ProgrammeStore;
import id.dinsos.rentan.port.RegistrationStore;
import id.dinsos.rentan.port.RegistrationStore.Change;
import id.dinsos.rentan.port.RegistrationStore.QuotaGuard;
import id.dinsos.rentan.port.RegistrationStore.WriteResult;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** An application from the citizen portal or a staff member: checked by rule, stored as PENDING_REVIEW. */
public final class RegisterApplicant {
    private final ProgrammeStore programmes;
    private final RegistrationStore registrations;
    private final Clock clock;
    private final Metrics metrics;

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
     */
    public Registration submit(String programmeId, Application application, RegistrationSource source, Actor actor) {
        Programme programme = programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp).programme();
        List<IneligibilityReason> reasons = Eligibility.assess(application, programme, ProgrammeTime.today(clock));
        if (!reasons.isEmpty()) {
            throw new Refusal.Ineligible(reasons);
        }
        Registration registration = Registration.submitted(UUID.randomUUID().toString(), programmeId,
                withCanonicalKecamatan(application, programme), source, actor, ProgrammeTime.now(clock));
        WriteResult result = registrations.write(List.of(Change.create(registration)), QuotaGuard.NONE);
        if (result instanceof WriteResult.NikTaken) {
            throw alreadyRegistered();
        }
        if (!(result instanceof WriteResult.Written)) {
            throw new IllegalStateException("unexpected result of a new registration: " + result);
        }
        metrics.count("Registrations", 1, programmeId, "Outcome", "SUBMITTED");
        return registration;
    }

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
