package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may be enrolled (R-10..R-15). Every failing rule is reported, not only the first, so an
 * applicant can fix everything at once.
 */
public final class Eligibility {
    private Eligibility() {
    }

    public static List<IneligibilityReason> assess(Application application, Programme programme, LocalDate today) {
        List<IneligibilityReason> reasons = new ArrayList<>();
        // the NIK encodes birth date and sex; the application must agree with it.
        if (!application.nik().agreesWithBirthDate(application.birthDate())) {
            reasons.add(IneligibilityReason.NIK_BIRTH_DATE_MISMATCH);
        }
        if (application.nik().sex() != application.sex()) {
            reasons.add(IneligibilityReason.NIK_SEX_MISMATCH);
        }
        // residence by the address's kecamatan, never by the NIK prefix.
        if (!programme.coversKecamatan(application.address().kecamatan())) {
            reasons.add(IneligibilityReason.KECAMATAN_NOT_IN_PROGRAMME);
        }
        // a worker with a disability qualifies on that alone, whatever the occupation.
        // otherwise one of the programme's groups, or a DTSEN rank at or below the threshold.
        if (!application.disability() && !programme.eligibleOccupations().contains(application.occupation())) {
            DtsenRank dtsen = application.dtsen();
            if (dtsen == null) {
                reasons.add(IneligibilityReason.NOT_IN_ELIGIBLE_GROUP);
            } else if (dtsen.decile() > programme.dtsenMaxDecile()) {
                reasons.add(IneligibilityReason.DTSEN_DECILE_ABOVE_THRESHOLD);
            }
        }
        // age at registration; people who pass the maximum while enrolled stay enrolled.
        int age = application.ageOn(today);
        if (age < programme.minAge()) {
            reasons.add(IneligibilityReason.AGE_BELOW_MINIMUM);
        } else if (age > programme.maxAge()) {
            reasons.add(IneligibilityReason.AGE_ABOVE_MAXIMUM);
        }
        return List.copyOf(reasons);
    }
}
