package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.Arrears;
import id.dinsos.rentan.domain.BudgetYear;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.ProgrammeLimits;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.StatusBreakdown;
import id.dinsos.rentan.port.ProgrammeStore;

import java.util.List;

/** Reads and changes a programme's settings (R-12..R-15, R-17, R-20, R-04, R-22). */
public final class ProgrammeSettings {
    private final ProgrammeStore programmes;
    private final Waitlist waitlist;
    private final Ledger ledger;

    public ProgrammeSettings(ProgrammeStore programmes, Waitlist waitlist, Ledger ledger) {
        this.programmes = programmes;
        this.waitlist = waitlist;
        this.ledger = ledger;
    }

    public ProgrammeStore.Snapshot current(String programmeId) {
        return programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp);
    }

    /**
     * Settings and counts, with each budget year's use and unpaid bills past due.
     *
     * @param breakdown the counts by kecamatan and occupation, for staff only; null in the portal's view
     */
    public record Status(ProgrammeStore.Snapshot snapshot, List<BudgetYear> budgets, List<Arrears.Warning> warnings,
                         StatusBreakdown breakdown) {
    }

    /** What anyone may see (the portal): without the breakdown by kecamatan and occupation. One read. */
    public Status status(String programmeId) {
        ProgrammeStore.Overview overview = overview(programmeId);
        return status(overview, null);
    }

    /**
     * What staff see: with the counts by kecamatan and by occupation, kept in their counters and read in
     * the same read as the rest; counted once from the registrations while they have no baseline.
     */
    public Status staffStatus(String programmeId) {
        ProgrammeStore.Overview overview = overview(programmeId);
        return status(overview, overview.breakdown() != null ? overview.breakdown() : programmes.breakdown(programmeId));
    }

    private ProgrammeStore.Overview overview(String programmeId) {
        return programmes.overview(programmeId).orElseThrow(ProgrammeSettings::notSetUp);
    }

    private Status status(ProgrammeStore.Overview overview, StatusBreakdown breakdown) {
        Programme programme = overview.snapshot().programme();
        return new Status(overview.snapshot(), Ledger.budgetYears(programme, overview.budgetUse()),
                ledger.arrears(overview.runs()), breakdown);
    }

    /**
     * Saves new settings. The quota may not drop below the places already taken; when it
     * grows, the longest-waiting registrations take the new places at once. Every check that can
     * refuse the settings runs before the one write, so refused settings are never stored.
     */
    public Status save(Programme programme, Actor actor) {
        List<Refusal.FieldError> outOfBounds = ProgrammeLimits.problems(programme);
        if (!outOfBounds.isEmpty()) {
            throw new Refusal.Invalid(outOfBounds);
        }
        checkJkkIsOnePercentOfIncome(programme);
        // an allocation cannot drop below what the year's runs already charged.
        for (BudgetYear year : ledger.budgetYears(programme)) {
            if (year.charged() > year.allocation()) {
                throw new Refusal.RuleViolation("ALLOCATION_BELOW_CHARGED", "The " + year.year() + " allocation "
                        + year.allocation() + " is below the " + year.charged() + " already charged to that year.");
            }
        }
        if (programmes.save(programme) == ProgrammeStore.SaveResult.QUOTA_BELOW_ACTIVE) {
            throw new Refusal.RuleViolation("QUOTA_BELOW_ACTIVE_COUNT",
                    "The quota cannot be lower than the number of ACTIVE registrations; end registrations first.");
        }
        waitlist.fillFreePlaces(programme.id(), actor);
        return staffStatus(programme.id());
    }

    /** every rate row's JKK is exactly 1% of that row's declared income; otherwise nothing is saved. */
    private static void checkJkkIsOnePercentOfIncome(Programme programme) {
        List<String> wrong = programme.rates().stream()
                .filter(r -> !r.jkkIsOnePercentOfDeclaredIncome())
                .map(r -> "the rate from " + r.from() + " has JKK " + r.jkk() + " for a declared income of "
                        + r.declaredIncome() + " (1% is " + onePercent(r.declaredIncome()) + ")")
                .toList();
        if (!wrong.isEmpty()) {
            throw new Refusal.RuleViolation("JKK_NOT_ONE_PERCENT_OF_INCOME",
                    "JKK must be exactly 1% of the row's declared income (R-01): " + String.join("; ", wrong) + ".");
        }
    }

    private static String onePercent(long income) {
        return income % 100 == 0 ? Long.toString(income / 100) : (income / 100) + "." + String.format("%02d", income % 100);
    }

    static Refusal.NotFound notSetUp() {
        return new Refusal.NotFound("PROGRAMME_NOT_FOUND", "The programme has not been set up yet (PUT /programme).");
    }
}
