package id.dinsos.rentan.domain;

/** Why a check came out as it did: a stable code the portal translates, the rule behind it, and a message. */
public enum ClaimReason implements RuleReason {
    NOT_REGISTERED("R-38", "No registration in this programme was found for this participant."),
    NOT_COVERED_ON_EVENT_DATE("R-38", "The event date is outside the participant's coverage (before it started or after it ended)."),
    MONTH_NOT_PAID("R-21", "The contribution for the month of the event was not paid by the event date (or was never charged), so the month is not covered."),
    PAYMENT_PENDING("R-05", "On the event date the month's contribution was not due yet; the month counts as covered pending payment."),
    MEMBERSHIP_LAPSED("R-06", "More than three consecutive months were in arrears before the event: the membership had ended and needs re-enrolment."),
    WAITING_PERIOD_REDUCED_BENEFIT("R-31", "Fewer than the required consecutive paid months before the month of death: the reduced JKM benefit applies."),
    CLAIM_EXPIRED("R-35", "The right to claim JKK lapsed five years after the accident."),
    LATE_ACCIDENT_REPORT("R-35", "The accident was reported later than 2 x 24 hours; BPJS may ask why. This does not refuse the claim."),
    SCHOLARSHIP_NOT_YET_ELIGIBLE("R-32", "JKM scholarships need 36 months of contributions.");

    private final String rule;
    private final String message;

    ClaimReason(String rule, String message) {
        this.rule = rule;
        this.message = message;
    }

    @Override
    public String rule() {
        return rule;
    }

    @Override
    public String message() {
        return message;
    }
}
