package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.AccidentOutcome;
import id.dinsos.rentan.domain.ClaimAssessment;
import id.dinsos.rentan.domain.ClaimCheck;
import id.dinsos.rentan.domain.ClaimReason;
import id.dinsos.rentan.domain.ClaimRequest;
import id.dinsos.rentan.domain.ClaimRules;
import id.dinsos.rentan.domain.ClaimType;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Transport;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static id.dinsos.rentan.dynamodb.Attr.bool;
import static id.dinsos.rentan.dynamodb.Attr.n;
import static id.dinsos.rentan.dynamodb.Attr.number;
import static id.dinsos.rentan.dynamodb.Attr.putIfPresent;
import static id.dinsos.rentan.dynamodb.Attr.s;
import static id.dinsos.rentan.dynamodb.Attr.string;

/** The claim check item: the request and the answer as they were, for staff to read later. */
final class ClaimCheckItems {
    private ClaimCheckItems() {
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of(TableLayout.PK, s(Keys.claimCheck(id)), TableLayout.SK, s(Keys.CLAIM_CHECK_SK));
    }

    static Map<String, AttributeValue> toItem(ClaimCheck c) {
        Map<String, AttributeValue> item = new HashMap<>(key(c.id()));
        item.put("type", s("ClaimCheck"));
        item.put("id", s(c.id()));
        item.put("programmeId", s(c.programmeId()));
        putIfPresent(item, "registrationId", c.registrationId());
        putIfPresent(item, "nik", c.nik() == null ? null : c.nik().value());
        item.put("askedBy", s(c.askedBy()));
        item.put("askedAt", s(c.askedAt().toString()));
        // Listed newest first on the status index, in a partition of the programme's checks.
        item.put(TableLayout.BY_STATUS.partitionKey(), s(Keys.claimChecks(c.programmeId())));
        item.put(TableLayout.BY_STATUS.sortKey(), s(Keys.claimCheckSort(c.askedAt(), c.id())));
        ClaimRequest r = c.request();
        item.put("claimType", s(r.type().name()));
        item.put("eventDate", s(r.eventDate().toString()));
        putIfPresent(item, "cause", r.cause());
        putIfPresent(item, "outcome", r.outcome());
        if (r.incapacityDays() != null) {
            item.put("incapacityDays", n(r.incapacityDays()));
        }
        putIfPresent(item, "reportedOn", r.reportedOn());
        putIfPresent(item, "transport", r.transport());
        ClaimAssessment a = c.assessment();
        item.put("eligible", bool(a.eligible()));
        item.put("total", n(a.total()));
        item.put("consecutivePaidMonths", n(a.consecutivePaidMonths()));
        item.put("coveredOnEventDate", bool(a.coveredOnEventDate()));
        item.put("ruleVersion", s(a.ruleVersion()));
        item.put("benefits", AttributeValue.fromL(a.benefits().stream().map(b -> {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("code", s(b.code()));
            if (b.amount() != null) {
                m.put("amount", n(b.amount()));
            }
            m.put("ceiling", bool(b.ceiling()));
            return AttributeValue.fromM(m);
        }).toList()));
        item.put("reasons", AttributeValue.fromL(a.reasons().stream().map(reason -> s(reason.name())).toList()));
        if (a.scholarship() != null) {
            item.put("scholarship", AttributeValue.fromM(Map.of(
                    "eligible", bool(a.scholarship().eligible()),
                    "maxChildren", n(a.scholarship().maxChildren()),
                    "levels", AttributeValue.fromL(a.scholarship().levels().stream().map(l -> AttributeValue.fromM(Map.of(
                            "level", s(l.level()), "perYear", n(l.perYear()), "maxYears", n(l.maxYears())))).toList()))));
        }
        return item;
    }

    static ClaimCheck fromItem(Map<String, AttributeValue> item) {
        String outcome = string(item, "outcome");
        String transport = string(item, "transport");
        ClaimRequest request = new ClaimRequest(ClaimType.valueOf(string(item, "claimType")), Attr.date(item, "eventDate"),
                string(item, "cause"), outcome == null ? null : AccidentOutcome.valueOf(outcome),
                item.containsKey("incapacityDays") ? (int) number(item, "incapacityDays", 0) : null,
                Attr.date(item, "reportedOn"), transport == null ? null : Transport.valueOf(transport));
        List<ClaimAssessment.Benefit> benefits = item.get("benefits").l().stream().map(v -> new ClaimAssessment.Benefit(
                v.m().get("code").s(), v.m().containsKey("amount") ? Long.valueOf(v.m().get("amount").n()) : null,
                bool(v.m(), "ceiling"))).toList();
        List<ClaimReason> reasons = item.get("reasons").l().stream().map(v -> ClaimReason.valueOf(v.s())).toList();
        ClaimAssessment.Scholarship scholarship = null;
        AttributeValue sch = item.get("scholarship");
        if (sch != null && sch.hasM()) {
            scholarship = new ClaimAssessment.Scholarship(bool(sch.m(), "eligible"), (int) number(sch.m(), "maxChildren", 0),
                    sch.m().get("levels").l().stream().map(v -> new ClaimRules.ScholarshipLevel(v.m().get("level").s(),
                            number(v.m(), "perYear", 0), (int) number(v.m(), "maxYears", 0))).toList());
        }
        ClaimAssessment assessment = new ClaimAssessment(bool(item, "eligible"), benefits, number(item, "total", 0), reasons,
                (int) number(item, "consecutivePaidMonths", 0), bool(item, "coveredOnEventDate"), string(item, "ruleVersion"),
                scholarship);
        String nik = string(item, "nik");
        return new ClaimCheck(string(item, "id"), string(item, "programmeId"), string(item, "registrationId"),
                nik == null ? null : Nik.of(nik), request, assessment, string(item, "askedBy"), Attr.time(item, "askedAt"));
    }
}
