package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.Address;
import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.DtsenRank;
import id.dinsos.rentan.domain.EndReason;
import id.dinsos.rentan.domain.NameSearch;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.Sex;
import id.dinsos.rentan.domain.StatusChange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static id.dinsos.rentan.dynamodb.Attr.bool;
import static id.dinsos.rentan.dynamodb.Attr.date;
import static id.dinsos.rentan.dynamodb.Attr.n;
import static id.dinsos.rentan.dynamodb.Attr.number;
import static id.dinsos.rentan.dynamodb.Attr.putIfPresent;
import static id.dinsos.rentan.dynamodb.Attr.s;
import static id.dinsos.rentan.dynamodb.Attr.string;
import static id.dinsos.rentan.dynamodb.Attr.time;

/** The registration item: one per registration, with its index keys and its history inside. */
final class RegistrationItems {
    static final String TYPE = "Registration";
    /**
     * The full name in its {@linkplain NameSearch#normalise normal form}, for the staff's search by name
     * (a FilterExpression). Items written before it have none; the next write of the registration adds it.
     */
    static final String NAME_SEARCH = "nameSearch";

    private RegistrationItems() {
    }

    /** The item for {@code registration} as it will be stored with {@code version}. */
    static Map<String, AttributeValue> toItem(Registration r, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableLayout.PK, s(Keys.registration(r.id())));
        item.put(TableLayout.SK, s(Keys.REGISTRATION_SK));
        item.put("type", s(TYPE));
        item.put("id", s(r.id()));
        item.put("programmeId", s(r.programmeId()));
        item.put("version", n(version));
        item.put("status", s(r.status().name()));
        item.put("source", s(r.source().name()));
        item.put("submittedAt", s(r.submittedAt().toString()));
        Application a = r.application();
        item.put("nik", s(a.nik().value()));
        item.put("fullName", s(a.fullName()));
        item.put(NAME_SEARCH, s(NameSearch.normalise(a.fullName())));
        item.put("birthDate", s(a.birthDate().toString()));
        item.put("sex", s(a.sex().name()));
        putIfPresent(item, "phone", a.phone());
        item.put("street", s(a.address().street()));
        item.put("kelurahan", s(a.address().kelurahan()));
        item.put("kecamatan", s(a.address().kecamatan()));
        item.put("occupation", s(a.occupation().name()));
        if (a.dtsen() != null) {
            item.put("dtsenDecile", n(a.dtsen().decile()));
            item.put("dtsenVersion", s(a.dtsen().version().toString()));
        }
        item.put("disability", bool(a.disability()));
        putIfPresent(item, "coverageStart", r.coverageStart());
        putIfPresent(item, "coverageEnd", r.coverageEnd());
        putIfPresent(item, "waitlistedAt", r.waitlistedAt());
        putIfPresent(item, "endReason", r.endReason());
        putIfPresent(item, "endEffectiveDate", r.endEffectiveDate());
        putIfPresent(item, "rejectionReason", r.rejectionReason());
        putIfPresent(item, "kpj", r.kpj());
        putIfPresent(item, "reEnrolledAs", r.reEnrolledAs());
        item.put("history", AttributeValue.fromL(r.history().stream().map(RegistrationItems::change).toList()));

        item.put(TableLayout.BY_NIK.partitionKey(), s(Keys.byNik(a.nik())));
        item.put(TableLayout.BY_NIK.sortKey(), s(Keys.byNikSort(r.programmeId(), r.submittedAt(), r.id())));
        item.put(TableLayout.BY_STATUS.partitionKey(), s(Keys.byStatus(r.programmeId(), r.status())));
        item.put(TableLayout.BY_STATUS.sortKey(), s(Keys.byStatusSort(a.address().kecamatan(), r.submittedAt(), r.id())));
        if (r.coverageGrantedAt() != null) {
            item.put("coverageGrantedMillis", n(r.coverageGrantedAt().toInstant().toEpochMilli()));
        }
        if (r.coverageStart() != null) {
            item.put(TableLayout.COVERAGE.partitionKey(), s(Keys.covered(r.programmeId(), Keys.shardOf(r.id()))));
            item.put(TableLayout.COVERAGE.sortKey(), s(Keys.coveredSort(YearMonth.from(r.coverageStart()), r.id())));
        }
        return item;
    }

    static Registration fromItem(Map<String, AttributeValue> item) {
        Integer decile = item.containsKey("dtsenDecile") ? (int) number(item, "dtsenDecile", 0) : null;
        Application application = new Application(
                Nik.of(string(item, "nik")),
                string(item, "fullName"),
                date(item, "birthDate"),
                Sex.valueOf(string(item, "sex")),
                string(item, "phone"),
                new Address(string(item, "street"), string(item, "kelurahan"), string(item, "kecamatan")),
                Occupation.valueOf(string(item, "occupation")),
                decile == null ? null : new DtsenRank(decile, date(item, "dtsenVersion")),
                bool(item, "disability"));
        List<StatusChange> history = new ArrayList<>();
        AttributeValue list = item.get("history");
        if (list != null && list.hasL()) {
            list.l().forEach(v -> history.add(change(v.m())));
        }
        String endReason = string(item, "endReason");
        return new Registration(
                string(item, "id"),
                string(item, "programmeId"),
                application,
                RegistrationStatus.valueOf(string(item, "status")),
                RegistrationSource.valueOf(string(item, "source")),
                time(item, "submittedAt"),
                date(item, "coverageStart"),
                date(item, "coverageEnd"),
                time(item, "waitlistedAt"),
                endReason == null ? null : EndReason.valueOf(endReason),
                date(item, "endEffectiveDate"),
                string(item, "rejectionReason"),
                string(item, "kpj"),
                string(item, "reEnrolledAs"),
                history,
                number(item, "version", 0));
    }

    private static AttributeValue change(StatusChange c) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("at", s(c.at().toString()));
        m.put("by", s(c.by()));
        putIfPresent(m, "from", c.from());
        m.put("to", s(c.to().name()));
        putIfPresent(m, "reason", c.reason());
        return AttributeValue.fromM(m);
    }

    private static StatusChange change(Map<String, AttributeValue> m) {
        String from = string(m, "from");
        return new StatusChange(time(m, "at"), string(m, "by"),
                from == null ? null : RegistrationStatus.valueOf(from),
                RegistrationStatus.valueOf(string(m, "to")), string(m, "reason"));
    }
}
