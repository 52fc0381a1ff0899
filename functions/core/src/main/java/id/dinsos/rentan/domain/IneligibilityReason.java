package id.dinsos.rentan.domain;

/** Each way an application can be refused by rule, with the rule it comes from. */
public enum IneligibilityReason implements RuleReason {
    NIK_BIRTH_DATE_MISMATCH("R-10", "The birth date does not match the one encoded in the NIK."),
    NIK_SEX_MISMATCH("R-10", "The sex does not match the one encoded in the NIK (women's birth day is increased by 40)."),
    KECAMATAN_NOT_IN_PROGRAMME("R-12", "The address is not in a kecamatan this programme covers."),
    NOT_IN_ELIGIBLE_GROUP("R-13", "The occupation is not one of the programme's groups, no disability was declared and no DTSEN rank was given."),
    DTSEN_DECILE_ABOVE_THRESHOLD("R-14", "The occupation is not one of the programme's groups, no disability was declared and the DTSEN decile is above the programme's threshold."),
    AGE_BELOW_MINIMUM("R-15", "The applicant is younger than the programme's minimum age."),
    AGE_ABOVE_MAXIMUM("R-15", "The applicant is older than the programme's maximum age.");

    private final String rule;
    private final String message;

    IneligibilityReason(String rule, String message) {
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
