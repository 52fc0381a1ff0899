package id.dinsos.rentan.registration;

import id.dinsos.rentan.application.RegistrationView;
import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.EndReason;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.StatusChange;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registration resource. Staff see the full record and its history; the portal sees the NIK
 * masked and none of the personal details beyond name, kecamatan and occupation.
 */
final class RegistrationJson {
    private RegistrationJson() {
    }

    static Map<String, Object> of(RegistrationView view, boolean staff) {
        Registration r = view.registration();
        Application a = r.application();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("status", r.status());
        json.put("nik", staff ? a.nik().value() : a.nik().masked());
        json.put("fullName", a.fullName());
        json.put("kecamatan", a.address().kecamatan());
        json.put("occupation", a.occupation());
        json.put("submittedAt", r.submittedAt());
        json.put("coverageStart", r.coverageStart());
        json.put("coverageEnd", r.coverageEnd());
        if (r.status() == RegistrationStatus.ENDED) {
            // ended before its coverage began, so it was never covered, never billed, never claimable.
            json.put("neverCovered", r.neverCovered());
            // a membership ended for arrears; staff re-enrol it with POST /registrations/re-enrolments.
            json.put("lapsed", r.endReason() == EndReason.ARREARS);
            if (r.reEnrolledAs() != null) {
                json.put("reEnrolledAs", r.reEnrolledAs());
            }
        }
        json.put("waitlistPosition", view.waitlistPosition() > 0 ? view.waitlistPosition() : null);
        json.put("consecutivePaidMonths", view.consecutivePaidMonths());
        json.put("endReason", r.endReason());
        json.put("endEffectiveDate", r.endEffectiveDate());
        json.put("rejectionReason", r.rejectionReason());
        if (staff) {
            json.put("source", r.source());
            json.put("birthDate", a.birthDate());
            json.put("sex", a.sex());
            json.put("phone", a.phone());
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("street", a.address().street());
            address.put("kelurahan", a.address().kelurahan());
            address.put("kecamatan", a.address().kecamatan());
            json.put("address", address);
            if (a.dtsen() != null) {
                json.put("dtsen", Map.of("decile", a.dtsen().decile(), "version", a.dtsen().version()));
            }
            json.put("disability", a.disability());
            json.put("kpj", r.kpj());
            json.put("history", r.history().stream().map(RegistrationJson::change).toList());
        }
        return json;
    }

    private static Map<String, Object> change(StatusChange c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", c.at());
        json.put("by", c.by());
        json.put("from", c.from());
        json.put("to", c.to());
        json.put("reason", c.reason());
        return json;
    }
}
