package id.dinsos.rentan.claims;

import id.dinsos.rentan.domain.ClaimAssessment;
import id.dinsos.rentan.domain.ClaimCheck;
import id.dinsos.rentan.domain.ClaimRequest;
import id.dinsos.rentan.domain.ClaimType;
import id.dinsos.rentan.domain.Ids;
import id.dinsos.rentan.domain.AccidentOutcome;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Transport;
import id.dinsos.rentan.http.JsonInput;
import id.dinsos.rentan.http.Problems;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /claims/checks} and the check resource. Staff see the full NIK and who asked. */
final class ClaimJson {
    private ClaimJson() {
    }

    /** What a check is about: a registration id or a NIK, exactly one of them. */
    record Subject(String registrationId, Nik nik) {
    }

    record Input(Subject subject, ClaimRequest request) {
    }

    static Input read(String body, LocalDate today) {
        JsonInput in = JsonInput.parse(body, false);
        String registrationId = in.text("registrationId", false, 64);
        if (registrationId != null && !Ids.isId(registrationId)) {
            // Like a NIK that is not 16 digits: malformed input, not a participant who is merely not found.
            in.error("registrationId", "INVALID_FORMAT", "A registration id is a UUID, e.g. 5b0e8a4c-2f1d-4c3b-9e7a-1d2c3b4a5f60.");
        }
        String nikText = in.text("nik", false, 32);
        boolean registrationIdGiven = registrationId != null || in.hasErrorOn("registrationId");
        boolean nikGiven = nikText != null || in.hasErrorOn("nik");
        if (registrationIdGiven == nikGiven) {
            in.error("registrationId", "ONE_OF_REQUIRED", "Give exactly one of registrationId and nik.");
        }
        if (nikText != null) {
            Nik.problemWith(nikText).ifPresent(p -> in.error("nik", "INVALID_FORMAT", "NIK " + p + "."));
        }
        ClaimType type = in.enumValue("type", ClaimType.class, true);
        LocalDate eventDate = in.date("eventDate", true);
        String cause = in.text("cause", false, 500);
        AccidentOutcome outcome = in.enumValue("outcome", AccidentOutcome.class, false);
        Integer days = in.integer("incapacityDays", false, 1, 36_500);
        LocalDate reportedOn = in.date("reportedOn", false);
        Transport transport = in.enumValue("transport", Transport.class, false);
        if (type == ClaimType.JKK && outcome == null && !in.hasErrorOn("outcome")) {
            in.error("outcome", "REQUIRED", "A JKK check needs the outcome: " + List.of(AccidentOutcome.values()) + ".");
        }
        if (type == ClaimType.JKM && (outcome != null || days != null || transport != null)) {
            in.error("outcome", "NOT_ALLOWED", "outcome, incapacityDays and transport belong to JKK checks only.");
        }
        if (outcome == AccidentOutcome.TEMPORARY_INCAPACITY && days == null && !in.hasErrorOn("incapacityDays")) {
            in.error("incapacityDays", "REQUIRED", "Temporary incapacity needs the number of days.");
        }
        if (reportedOn != null && eventDate != null && reportedOn.isBefore(eventDate)) {
            in.error("reportedOn", "OUT_OF_RANGE", "An event cannot be reported before it happened.");
        }
        if (reportedOn != null && reportedOn.isAfter(today)) {
            in.error("reportedOn", "OUT_OF_RANGE", "The report date cannot be in the future.");
        }
        in.finish();
        return new Input(new Subject(registrationId, nikText == null ? null : Nik.of(nikText)),
                new ClaimRequest(type, eventDate, cause, outcome, outcome == AccidentOutcome.TEMPORARY_INCAPACITY ? days : null,
                        reportedOn, transport));
    }

    static Map<String, Object> of(ClaimCheck check, boolean staff) {
        ClaimAssessment a = check.assessment();
        ClaimRequest r = check.request();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", check.id());
        json.put("registrationId", check.registrationId());
        if (check.nik() != null) {
            json.put("nik", staff ? check.nik().value() : check.nik().masked());
        }
        json.put("type", r.type());
        json.put("eventDate", r.eventDate());
        json.put("eligible", a.eligible());
        json.put("benefits", a.benefits().stream().map(b -> {
            Map<String, Object> benefit = new LinkedHashMap<>();
            benefit.put("code", b.code());
            benefit.put("amount", b.amount() == null ? "AS_NEEDED" : b.amount());
            if (b.ceiling()) {
                benefit.put("upTo", true);
            }
            return benefit;
        }).toList());
        json.put("total", a.total());
        json.put("reasons", Problems.reasons(a.reasons()));
        json.put("consecutivePaidMonths", a.consecutivePaidMonths());
        json.put("coveredOnEventDate", a.coveredOnEventDate());
        json.put("ruleVersion", a.ruleVersion());
        if (a.scholarship() != null) {
            Map<String, Object> scholarship = new LinkedHashMap<>();
            scholarship.put("eligible", a.scholarship().eligible());
            scholarship.put("maxChildren", a.scholarship().maxChildren());
            scholarship.put("levels", a.scholarship().levels().stream().map(l -> {
                Map<String, Object> level = new LinkedHashMap<>();
                level.put("level", l.level());
                level.put("perYear", l.perYear());
                level.put("maxYears", l.maxYears());
                return level;
            }).toList());
            json.put("scholarship", scholarship);
        }
        json.put("checkedAt", check.askedAt());
        if (staff) {
            json.put("checkedBy", check.askedBy());
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("cause", r.cause());
            request.put("outcome", r.outcome());
            request.put("incapacityDays", r.incapacityDays());
            request.put("reportedOn", r.reportedOn());
            request.put("transport", r.transport());
            json.put("request", request);
        }
        return json;
    }

}
