package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.ContributionDue;
import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Payment;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.domain.WorkingDays;
import id.dinsos.rentan.port.LedgerStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

import static id.dinsos.rentan.dynamodb.Attr.n;
import static id.dinsos.rentan.dynamodb.Attr.number;
import static id.dinsos.rentan.dynamodb.Attr.putIfPresent;
import static id.dinsos.rentan.dynamodb.Attr.s;
import static id.dinsos.rentan.dynamodb.Attr.string;

/** Item mapping for monthly runs and contribution lines. */
final class LedgerItems {
    private LedgerItems() {
    }

    static Map<String, AttributeValue> runKey(String programmeId, YearMonth month, int part) {
        return Map.of(TableLayout.PK, s(Keys.programme(programmeId)), TableLayout.SK, s(Keys.run(month, part)));
    }

    static Map<String, AttributeValue> run(MonthlyRun run) {
        Map<String, AttributeValue> item = new HashMap<>(runKey(run.programmeId(), run.month(), run.part()));
        item.put("type", s("MonthlyRun"));
        item.put("month", s(run.month().toString()));
        item.put("part", n(run.part()));
        item.put("dueDate", s(run.dueDate().toString()));
        putIfPresent(item, "grantedAfter", run.grantedAfter());
        item.put("status", s(run.status().name()));
        item.put("rateFrom", s(run.rate().from().toString()));
        item.put("jkk", n(run.rate().jkk()));
        item.put("jkm", n(run.rate().jkm()));
        item.put("plannedParticipants", n(run.plannedParticipants()));
        item.put("participants", n(run.participants()));
        item.put("shortfall", n(run.shortfall()));
        item.put("segments", n(run.segments()));
        item.put("shardsDone", n(0));
        putIfPresent(item, "startedAt", run.startedAt());
        putIfPresent(item, "finishedAt", run.finishedAt());
        return item;
    }

    /** The year of a budget-year item ({@code BUDGET#<yyyy>}). */
    static int budgetYear(Map<String, AttributeValue> item) {
        return (int) Attr.number(item, "year", 0);
    }

    /** What a budget-year item says the year's runs charged and what was paid. */
    static LedgerStore.BudgetUse budgetUse(Map<String, AttributeValue> item) {
        return new LedgerStore.BudgetUse(Attr.number(item, "charged", 0), Attr.number(item, "spent", 0));
    }

    static MonthlyRun run(String programmeId, Map<String, AttributeValue> item) {
        Payment payment = item.containsKey("paidOn")
                ? new Payment(Attr.date(item, "paidOn"), string(item, "paymentReference"), Attr.time(item, "paymentRecordedAt"),
                string(item, "paymentRecordedBy"))
                : null;
        return new MonthlyRun(programmeId,
                YearMonth.parse(string(item, "month")),
                (int) number(item, "part", 1),
                RunStatus.valueOf(string(item, "status")),
                // a saved rate's declared income is 100 x its JKK, so the run item keeps JKK only.
                new ContributionRate(YearMonth.parse(string(item, "rateFrom")), 100 * number(item, "jkk", 0),
                        number(item, "jkk", 0), number(item, "jkm", 0)),
                number(item, "plannedParticipants", 0),
                number(item, "participants", 0),
                number(item, "shortfall", 0),
                (int) number(item, "segments", 1),
                Attr.time(item, "grantedAfter"),
                Attr.time(item, "startedAt"),
                Attr.time(item, "finishedAt"),
                // Items written before parts had due dates: the regular due date of the month.
                item.containsKey("dueDate") ? Attr.date(item, "dueDate") : ContributionDue.dueDate(YearMonth.parse(string(item, "month")), WorkingDays.NONE),
                payment);
    }

    static Map<String, AttributeValue> line(String programmeId, ContributionLine line) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableLayout.PK, s(Keys.person(programmeId, line.nik())));
        item.put(TableLayout.SK, s(Keys.line(line.month())));
        item.put("type", s("ContributionLine"));
        item.put("programmeId", s(programmeId));
        item.put("registrationId", s(line.registrationId()));
        item.put("month", s(line.month().toString()));
        item.put("part", n(line.part()));
        item.put("nik", s(line.nik().value()));
        item.put("fullName", s(line.fullName()));
        putIfPresent(item, "kpj", line.kpj());
        item.put("jkk", n(line.jkk()));
        item.put("jkm", n(line.jkm()));
        item.put("total", n(line.total()));
        item.put(TableLayout.BY_NIK.partitionKey(), s(Keys.bill(programmeId, line.month(), Keys.shardOf(line.registrationId()))));
        item.put(TableLayout.BY_NIK.sortKey(), s(line.registrationId()));
        return item;
    }

    static ContributionLine line(Map<String, AttributeValue> item) {
        return new ContributionLine(string(item, "registrationId"), YearMonth.parse(string(item, "month")),
                (int) number(item, "part", 1), Nik.of(string(item, "nik")), string(item, "fullName"), string(item, "kpj"),
                number(item, "jkk", 0), number(item, "jkm", 0));
    }
}
