package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.port.Metrics;
import id.dinsos.rentan.port.ProgrammeStore;
import id.dinsos.rentan.port.RegistrationStore;
import id.dinsos.rentan.port.RegistrationStore.Change;
import id.dinsos.rentan.port.RegistrationStore.QuotaGuard;
import id.dinsos.rentan.port.RegistrationStore.WriteResult;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Gives freed or new places to the longest-waiting registrations, in order. */
public final class Waitlist {
    private static final int MAX_ATTEMPTS = 20;

    private final ProgrammeStore programmes;
    private final RegistrationStore registrations;
    private final Clock clock;
    private final Metrics metrics;

    public Waitlist(ProgrammeStore programmes, RegistrationStore registrations, Clock clock) {
        this(programmes, registrations, clock, Metrics.NONE);
    }

    public Waitlist(ProgrammeStore programmes, RegistrationStore registrations, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.programmes = programmes;
        this.registrations = registrations;
        this.clock = clock;
    }

    /** The head of the waitlist as it becomes ACTIVE: coverage from the usual start after today. */
    public Registration promote(Registration head, String why, Actor actor) {
        OffsetDateTime now = ProgrammeTime.now(clock);
        ProgrammeStore.Snapshot snapshot = programmes.find(head.programmeId()).orElseThrow(ProgrammeSettings::notSetUp);
        LocalDate start = Registration.coverageStartAfter(snapshot.programme().coverageStartAfterApprovalOn(now.toLocalDate()),
                registrations.findByNik(head.programmeId(), head.nik()));
        return head.activate(start, actor, now, why);
    }

    /** Promotes waitlisted registrations while places are free; returns those promoted. */
    public List<Registration> fillFreePlaces(String programmeId, Actor actor) {
        List<Registration> promoted = new ArrayList<>();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; ) {
            ProgrammeStore.Snapshot snapshot = programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp);
            if (snapshot.counts().active() >= snapshot.programme().quota()) {
                return promoted;
            }
            Optional<Registration> head = registrations.waitlistHead(programmeId);
            if (head.isEmpty()) {
                return promoted;
            }
            Registration activated = promote(head.get(), "promoted from the waitlist: a place is free", actor);
            WriteResult result = registrations.write(List.of(new Change(head.get(), activated)), QuotaGuard.ONE_PLACE_FREE);
            if (result instanceof WriteResult.Written) {
                metrics.count("Registrations", 1, programmeId, "Outcome", "ACTIVE");
                promoted.add(activated);
            } else if (result instanceof WriteResult.QuotaFull) {
                return promoted;
            } else {
                attempt++; // someone else moved the head first: read again
            }
        }
        return promoted;
    }
}
