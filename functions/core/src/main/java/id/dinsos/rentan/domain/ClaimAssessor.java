package id.dinsos.rentan.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a JKM or JKK claim would be eligible on an event date, and what BPJS would pay (R-21,
 * R-30..R-38). BPJS itself decides and pays; this is the city's check.
 */
public final class ClaimAssessor {
    private ClaimAssessor() {
    }

    /**
     * @param facts          the participant's coverage, or null when no registration was found
     * @param declaredIncome the declared monthly income of the rate row in force in the event's month,
     *                       the base of JKK amounts; not used for JKM
     */
    public static ClaimAssessment assess(ClaimRequest request, CoverageFacts facts, long declaredIncome, ClaimRules rules) {
        if (facts == null) {
            return refused(List.of(ClaimReason.NOT_REGISTERED), 0, false, rules);
        }
        YearMonth month = YearMonth.from(request.eventDate());
        int streak = PaidMonths.consecutiveBefore(facts.charged(), facts.paid(), month);
        List<ClaimReason> reasons = new ArrayList<>();

        // the right to claim JKK lapses five years after the accident.
        if (request.type() == ClaimType.JKK && facts.today().isAfter(request.eventDate().plusYears(rules.jkkClaimYears()))) {
            return refused(List.of(ClaimReason.CLAIM_EXPIRED), streak, false, rules);
        }
        // benefits only for an event in a covered month; R-05: the current month pending payment counts.
        if (!facts.inCoveragePeriod(request.eventDate())) {
            return refused(List.of(ClaimReason.NOT_COVERED_ON_EVENT_DATE), streak, false, rules);
        }
        if (!facts.paidFor(month)) {
            if (!facts.paymentPending(month)) {
                return refused(List.of(ClaimReason.MONTH_NOT_PAID), streak, false, rules);
            }
            reasons.add(ClaimReason.PAYMENT_PENDING);
        }
        List<ClaimAssessment.Benefit> benefits = new ArrayList<>();
        ClaimAssessment.Scholarship scholarship = null;
        if (request.type() == ClaimType.JKM) {
            // the full benefit after the waiting period of consecutive paid months.
            if (streak >= rules.jkmWaitingMonths()) {
                benefits.add(ClaimAssessment.Benefit.fixed("JKM_LUMP_SUM", rules.jkmLumpSum()));
                benefits.add(ClaimAssessment.Benefit.fixed("JKM_PERIODIC", rules.jkmPeriodic()));
                benefits.add(ClaimAssessment.Benefit.fixed("JKM_FUNERAL", rules.jkmFuneral()));
            } else {
                benefits.add(ClaimAssessment.Benefit.fixed("JKM_EARLY_DEATH", rules.jkmEarlyDeath()));
                reasons.add(ClaimReason.WAITING_PERIOD_REDUCED_BENEFIT);
            }
            // scholarships after 36 months of contributions.
            boolean scholarshipDue = facts.paidMonths() >= rules.scholarshipMinMonths();
            scholarship = new ClaimAssessment.Scholarship(scholarshipDue, rules.scholarshipMaxChildren(), rules.scholarshipLevels());
            if (!scholarshipDue) {
                reasons.add(ClaimReason.SCHOLARSHIP_NOT_YET_ELIGIBLE);
            }
        } else {
            // no waiting period for JKK. R-33: care as needed, transport up to its ceiling.
            benefits.add(ClaimAssessment.Benefit.asNeeded("JKK_MEDICAL_CARE"));
            if (request.transport() != null) {
                benefits.add(ClaimAssessment.Benefit.upTo("JKK_TRANSPORT_" + request.transport(),
                        rules.transportCeilings().get(request.transport())));
            }
            switch (request.outcome()) {
                case TEMPORARY_INCAPACITY -> benefits.add(ClaimAssessment.Benefit.fixed("JKK_TEMPORARY_INCAPACITY",
                        incapacityPay(request.incapacityDays(), declaredIncome, rules)));
                case PERMANENT_TOTAL_DISABILITY -> benefits.add(ClaimAssessment.Benefit.fixed("JKK_PERMANENT_TOTAL_DISABILITY",
                        rules.permanentDisabilityIncomeMultiple() * declaredIncome));
                case DEATH -> {
                    benefits.add(ClaimAssessment.Benefit.fixed("JKK_DEATH", rules.jkkDeathIncomeMultiple() * declaredIncome));
                    benefits.add(ClaimAssessment.Benefit.fixed("JKK_FUNERAL", rules.jkkDeathFuneral()));
                    benefits.add(ClaimAssessment.Benefit.fixed("JKK_PERIODIC", rules.jkkDeathPeriodic()));
                    // after a death from a work accident, scholarships have no minimum period.
                    scholarship = new ClaimAssessment.Scholarship(true, rules.scholarshipMaxChildren(), rules.scholarshipLevels());
                }
                default -> {
                    // TREATMENT: care and transport only.
                }
            }
            if (request.reportedOn() != null && request.reportedOn().isAfter(request.eventDate().plusDays(rules.accidentReportDays()))) {
                reasons.add(ClaimReason.LATE_ACCIDENT_REPORT);
            }
        }
        long total = benefits.stream().filter(b -> b.amount() != null && !b.ceiling()).mapToLong(ClaimAssessment.Benefit::amount).sum();
        return new ClaimAssessment(true, benefits, total, reasons, streak, true, rules.version(), scholarship);
    }

    /**
     * temporary incapacity pays 100% of the declared income for the first months, then 50%;
     * days convert at {@code daysPerMonth} a month, each part rounded down to the rupiah.
     */
    static long incapacityPay(int days, long declaredIncome, ClaimRules rules) {
        int fullDays = Math.min(days, rules.incapacityFullPayMonths() * rules.daysPerMonth());
        int reducedDays = days - fullDays;
        return declaredIncome * fullDays / rules.daysPerMonth()
                + declaredIncome * reducedDays * rules.incapacityReducedPercent() / (100L * rules.daysPerMonth());
    }

    private static ClaimAssessment refused(List<ClaimReason> reasons, int streak, boolean covered, ClaimRules rules) {
        return new ClaimAssessment(false, List.of(), 0, reasons, streak, covered, rules.version(), null);
    }

}
