package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.port.Metrics;
import id.dinsos.rentan.port.ProgrammeStore;
import id.dinsos.rentan.port.RegistrationStore;
import id.dinsos.rentan.port.RegistrationStore.Change;
import id.dinsos.rentan.port.RegistrationStore.QuotaGuard;
import id.dinsos.rentan.port.RegistrationStore.WriteResult;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Staff decisions on an application: approve (ACTIVE or WAITLISTED) or reject. */
public final class DecideRegistration {
    private static final int MAX_ATTEMPTS = 10;

    private final ProgrammeStore programmes;
    private final RegistrationStore registrations;
    private final FindRegistrations find;
    private final Waitlist waitlist;
    private final Clock clock;
    private final Metrics metrics;

    public DecideRegistration(ProgrammeStore programmes, RegistrationStore registrations, FindRegistrations find,
                              Waitlist waitlist, Clock clock) {
        this(programmes, registrations, find, waitlist, clock, Metrics.NONE);
    }

    public DecideRegistration(ProgrammeStore programmes, RegistrationStore registrations, FindRegistrations find,
                              Waitlist waitlist, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.programmes = programmes;
        this.registrations = registrations;
        this.find = find;
        this.waitlist = waitlist;
        this.clock = clock;
    }

    /**
     * Approves a PENDING_REVIEW registration. With a free place it becomes ACTIVE, covered from the
     * first day of the month after approval; the place is taken by a transaction that
     * checks the quota at the moment of writing, so concurrent approvals never exceed it.
     * With the quota full it joins the end of the waitlist.
     */
    public RegistrationView approve(String id, Actor actor) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Registration current = find.require(id);
            requireStatus(current, EnumSet.of(RegistrationStatus.PENDING_REVIEW), "approved");
            Programme programme = programmes.find(current.programmeId()).orElseThrow(ProgrammeSettings::notSetUp).programme();
            OffsetDateTime now = ProgrammeTime.now(clock);
            LocalDate start = Registration.coverageStartAfter(programme.coverageStartAfterApprovalOn(now.toLocalDate()),
                    registrations.findByNik(current.programmeId(), current.nik()));
            Registration active = current.activate(start, actor, now, "approved");
            WriteResult result = registrations.write(List.of(new Change(current, active)), QuotaGuard.ONE_PLACE_FREE);
            if (result instanceof WriteResult.Written) {
                metrics.count("Registrations", 1, current.programmeId(), "Outcome", "ACTIVE");
                return find.view(active);
            }
            if (result instanceof WriteResult.QuotaFull) {
                Registration waiting = current.waitlist(actor, now);
                if (registrations.write(List.of(new Change(current, waiting)), QuotaGuard.NONE) instanceof WriteResult.Written) {
                    metrics.count("Registrations", 1, current.programmeId(), "Outcome", "WAITLISTED");
                    // A place may have been freed between the full quota and the waitlisting (an end
                    // with an empty waitlist): give it to the waitlist now rather than at the next end.
                    waitlist.fillFreePlaces(current.programmeId(), actor);
                    return find.get(id);
                }
            }
            // Changed by someone else since we read it: read again and decide again.
        }
        throw busy();
    }

    /** Rejects an application that is pending review or waiting for a place, with the reason staff give. */
    public RegistrationView reject(String id, String reason, Actor actor) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Registration current = find.require(id);
            requireStatus(current, EnumSet.of(RegistrationStatus.PENDING_REVIEW, RegistrationStatus.WAITLISTED), "rejected");
            Registration rejected = current.reject(reason, actor, ProgrammeTime.now(clock));
            if (registrations.write(List.of(new Change(current, rejected)), QuotaGuard.NONE) instanceof WriteResult.Written) {
                metrics.count("Registrations", 1, current.programmeId(), "Outcome", "REJECTED");
                return find.view(rejected);
            }
        }
        throw busy();
    }

    static void requireStatus(Registration registration, Set<RegistrationStatus> allowed, String verb) {
        if (!allowed.contains(registration.status())) {
            throw new Refusal.Conflict("INVALID_STATUS_TRANSITION",
                    "A registration that is " + registration.status() + " cannot be " + verb + "; it must be one of " + allowed + ".");
        }
    }

    static Refusal.Conflict busy() {
        return new Refusal.Conflict("CONCURRENT_UPDATE", "The registration kept changing while we worked on it; please try again.");
    }
}
