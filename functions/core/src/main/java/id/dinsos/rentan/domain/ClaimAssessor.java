package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
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
     * @param timeline       the person's coverage, or null when no registration was found
     * @param today          the day of the check; only the claim period depends on it, every
     *                       other fact is read as it stood on the event date
     * @param declaredIncome the declared monthly income of the rate row in force in the event's month,
     *                       the base of JKK amounts; not used for JKM
     */
    public static ClaimAssessment assess(ClaimRequest request, CoverageTimeline timeline, LocalDate today, long declaredIncome,
                                         ClaimRules rules) {
        if (timeline == null) {
            return refused(List.of(ClaimReason.NOT_REGISTERED), 0, false, rules);
        }
        LocalDate event = request.eventDate();
        YearMonth month = YearMonth.from(event);
        int streak = timeline.consecutivePaidBefore(month, event);
        List<ClaimReason> reasons = new ArrayList<>();

        // the right to claim JKK lapses five years after the accident.
        if (request.type() == ClaimType.JKK && today.isAfter(event.plusYears(rules.jkkClaimYears()))) {
            return refused(List.of(ClaimReason.CLAIM_EXPIRED), streak, false, rules);
        }
        // more than three consecutive months in arrears ended the membership before the event.
        if (timeline.lapsedOn(event).isPresent()) {
            return refused(List.of(ClaimReason.MEMBERSHIP_LAPSED), streak, false, rules);
        }
        // benefits only for an event within an enrolment period.
        if (timeline.periodOn(event).isEmpty()) {
            return refused(List.of(ClaimReason.NOT_COVERED_ON_EVENT_DATE), streak, false, rules);
        }
        // the month is covered if its line was paid by the event date, or was not yet due then.
        if (!timeline.paidFor(month, event)) {
            if (!timeline.pendingFor(month, event)) {
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
            // Only months paid before the month of death count.
            boolean scholarshipDue = timeline.paidMonthsBefore(month, event) >= rules.scholarshipMinMonths();
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
                        incapacityPay(request.eventDate(), request.incapacityDays(), declaredIncome, rules)));
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
     * temporary incapacity pays 100% of the declared income for the first
     * {@code incapacityFullPayMonths} calendar months after the accident, then
     * {@code incapacityReducedPercent}. The incapacity covers the days [eventDate, eventDate + days);
     * month k is [eventDate + k months, eventDate + k+1 months), anchored on the event date (so a
     * 31 January accident's months end on 28/29 February, 31 March, ...). A whole month pays
     * income x percent; a part month pays income x percent x (its days within the period) / (its
     * length in days). Each part is rounded down to the rupiah, then the parts are summed.
     */
    static long incapacityPay(LocalDate eventDate, int days, long declaredIncome, ClaimRules rules) {
        LocalDate end = eventDate.plusDays(days);
        long total = 0;
        LocalDate start = eventDate;
        for (int k = 0; start.isBefore(end); k++) {
            // Always from the event date, never chained: 31 Jan + 2 months is 31 Mar, not 28 Mar.
            LocalDate next = eventDate.plusMonths(k + 1L);
            long percent = k < rules.incapacityFullPayMonths() ? 100 : rules.incapacityReducedPercent();
            if (!next.isAfter(end)) {
                total += declaredIncome * percent / 100;
            } else {
                long within = ChronoUnit.DAYS.between(start, end);
                long length = ChronoUnit.DAYS.between(start, next);
                total += declaredIncome * percent * within / (100 * length);
            }
            start = next;
        }
        return total;
    }

    private static ClaimAssessment refused(List<ClaimReason> reasons, int streak, boolean covered, ClaimRules rules) {
        return new ClaimAssessment(false, List.of(), 0, reasons, streak, covered, rules.version(), null);
    }

}
