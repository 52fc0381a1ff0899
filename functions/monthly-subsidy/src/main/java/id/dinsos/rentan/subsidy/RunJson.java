package id.dinsos.rentan.subsidy;

import id.dinsos.rentan.application.MonthlyRunView;
import id.dinsos.rentan.application.OverdueBills;
import id.dinsos.rentan.application.RunYearView;
import id.dinsos.rentan.domain.BudgetYear;
import id.dinsos.rentan.domain.MonthParts;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Payment;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.http.LedgerJson;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The run summary of {@code GET /runs/{month}} and {@code POST /runs}, and the year of {@code GET /runs?year=}. */
final class RunJson {
    private RunJson() {
    }

    /** What the daily check found: each bill part unpaid past its due date, and how many and how much in all. */
    static Map<String, Object> of(OverdueBills.Report report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("check", MonthlySubsidyHandler.OVERDUE_BILLS);
        json.put("today", report.today().toString());
        json.put("count", report.overdue().size());
        json.put("amount", report.amount());
        json.put("overdue", report.overdue().stream().map(o -> {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("month", o.month().toString());
            part.put("part", o.part());
            part.put("dueDate", o.dueDate().toString());
            part.put("amount", o.amount());
            part.put("daysOverdue", o.daysOverdue());
            return part;
        }).toList());
        return json;
    }

    /**
     * The month as a whole (every part added up), then each part with its own lines, total, due date
     * and payment. With one part the month and the part say the same.
     */
    static Map<String, Object> of(MonthlyRunView view) {
        MonthlyRun run = view.run();
        MonthParts month = view.month();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("month", run.month().toString());
        json.put("status", run.status());
        json.put("dryRun", view.dryRun());
        json.put("part", run.part());
        json.put("participants", month.participants());
        json.put("plannedParticipants", month.plannedParticipants());
        json.put("jkkTotal", month.jkkTotal());
        json.put("jkmTotal", month.jkmTotal());
        json.put("total", month.total());
        if (run.status() == RunStatus.BLOCKED_BUDGET) {
            json.put("shortfall", run.shortfall());
        }
        json.put("rate", rate(run));
        json.put("segments", run.segments());
        json.put("startedAt", run.startedAt());
        json.put("finishedAt", run.finishedAt());
        json.put("dueDate", run.dueDate());
        boolean paid = month.paid();
        json.put("paid", paid);
        if (paid) {
            // The month is paid once every part is: the payment that settled the last of them.
            month.parts().stream().filter(MonthlyRun::billed).map(MonthlyRun::payment)
                    .max(Comparator.comparing(Payment::paidOn).thenComparing(Payment::recordedAt))
                    .ifPresent(p -> json.put("payment", payment(p)));
        }
        json.put("parts", month.parts().stream().map(RunJson::part).toList());
        json.put("budget", LedgerJson.budget(view.budget()));
        json.put("warnings", LedgerJson.warnings(view.warnings()));
        return json;
    }

    /**
     * {@code GET /runs?year=}: the budget year and all twelve months, each added up over its parts as
     * {@link #of} adds them, {@code NOT_RUN} for a month without a part.
     */
    static Map<String, Object> year(RunYearView view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("year", view.year());
        json.put("budget", budget(view.budget()));
        json.put("months", view.months().stream().map(m -> month(m, view.today())).toList());
        return json;
    }

    private static Map<String, Object> budget(BudgetYear b) {
        Map<String, Object> json = LedgerJson.budget(b);
        json.remove("year"); // the year is the document's own
        return json;
    }

    private static Map<String, Object> month(MonthParts month, LocalDate today) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("month", month.month().toString());
        json.put("status", month.status().map(RunStatus::name).orElse(NOT_RUN));
        json.put("participants", month.participants());
        json.put("total", month.total());
        json.put("paidTotal", month.paidTotal());
        json.put("unpaidTotal", month.unpaidTotal());
        json.put("overdue", month.overdueOn(today));
        json.put("parts", month.parts().stream().map(p -> {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("part", p.part());
            part.put("status", p.status());
            part.put("participants", MonthParts.participantsOf(p));
            part.put("total", MonthParts.totalOf(p));
            part.put("raisedOn", p.startedAt().toLocalDate());
            part.put("dueDate", p.dueDate());
            part.put("paidOn", p.payment() == null ? null : p.payment().paidOn());
            part.put("paymentReference", p.payment() == null ? null : p.payment().reference());
            return part;
        }).toList());
        return json;
    }

    /** The status of a month without any part: never run (not a status a part can have). */
    static final String NOT_RUN = "NOT_RUN";

    private static Map<String, Object> part(MonthlyRun part) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("part", part.part());
        json.put("supplementary", part.supplementary());
        json.put("status", part.status());
        json.put("participants", MonthParts.participantsOf(part));
        json.put("jkkTotal", MonthParts.jkkTotalOf(part));
        json.put("jkmTotal", MonthParts.jkmTotalOf(part));
        json.put("total", MonthParts.totalOf(part));
        if (part.status() == RunStatus.BLOCKED_BUDGET) {
            json.put("shortfall", part.shortfall());
        }
        json.put("raisedOn", part.startedAt().toLocalDate());
        json.put("dueDate", part.dueDate());
        json.put("startedAt", part.startedAt());
        json.put("finishedAt", part.finishedAt());
        if (part.payment() != null) {
            json.put("payment", payment(part.payment()));
        }
        return json;
    }

    private static Map<String, Object> rate(MonthlyRun run) {
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("from", run.rate().from().toString());
        rate.put("jkk", run.rate().jkk());
        rate.put("jkm", run.rate().jkm());
        return rate;
    }

    private static Map<String, Object> payment(Payment p) {
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("paidOn", p.paidOn());
        payment.put("reference", p.reference());
        payment.put("recordedAt", p.recordedAt());
        payment.put("recordedBy", p.recordedBy());
        return payment;
    }
}
