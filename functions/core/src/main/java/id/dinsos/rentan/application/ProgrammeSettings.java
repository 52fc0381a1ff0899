package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.port.ProgrammeStore;

/** Reads and changes a programme's settings (R-12..R-15, R-17, R-20, R-04, R-22). */
public final class ProgrammeSettings {
    private final ProgrammeStore programmes;
    private final Waitlist waitlist;

    public ProgrammeSettings(ProgrammeStore programmes, Waitlist waitlist) {
        this.programmes = programmes;
        this.waitlist = waitlist;
    }

    public ProgrammeStore.Snapshot current(String programmeId) {
        return programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp);
    }

    /**
     * Saves new settings. The quota may not drop below the places already taken; when it
     * grows, the longest-waiting registrations take the new places at once.
     */
    public ProgrammeStore.Snapshot save(Programme programme, Actor actor) {
        if (programmes.save(programme) == ProgrammeStore.SaveResult.QUOTA_BELOW_ACTIVE) {
            throw new Refusal.RuleViolation("QUOTA_BELOW_ACTIVE_COUNT",
                    "The quota cannot be lower than the number of ACTIVE registrations; end registrations first.");
        }
        waitlist.fillFreePlaces(programme.id(), actor);
        return current(programme.id());
    }

    static Refusal.NotFound notSetUp() {
        return new Refusal.NotFound("PROGRAMME_NOT_FOUND", "The programme has not been set up yet (PUT /programme).");
    }
}
