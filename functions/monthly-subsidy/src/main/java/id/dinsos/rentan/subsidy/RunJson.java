package id.dinsos.rentan.subsidy;

import id.dinsos.rentan.application.MonthlyRunView;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Payment;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.http.LedgerJson;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run summary of {@code GET /runs/{month}} and {@code POST /runs}. */
final class RunJson {
    private RunJson() {
    }

    /**
     * The month as a whole (every part added up), then each part with its own lines, total, due date
     * and payment. With one part the month and the part say the same.
     */
    static Map<String, Object> of(MonthlyRunView view) {
        MonthlyRun run = view.run();
        List<MonthlyRun> parts = view.parts();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("month", run.month().toString());
        json.put("status", run.status());
        json.put("dryRun", view.dryRun());
        json.put("part", run.part());
        json.put("participants", parts.stream().mapToLong(RunJson::participants).sum());
        json.put("plannedParticipants", parts.stream().mapToLong(MonthlyRun::plannedParticipants).sum());
        json.put("jkkTotal", parts.stream().mapToLong(p -> participants(p) * p.rate().jkk()).sum());
        json.put("jkmTotal", parts.stream().mapToLong(p -> participants(p) * p.rate().jkm()).sum());
        json.put("total", parts.stream().mapToLong(p -> participants(p) * p.rate().total()).sum());
        if (run.status() == RunStatus.BLOCKED_BUDGET) {
            json.put("shortfall", run.shortfall());
        }
        json.put("rate", rate(run));
        json.put("segments", run.segments());
        json.put("startedAt", run.startedAt());
        json.put("finishedAt", run.finishedAt());
        json.put("dueDate", run.dueDate());
        List<MonthlyRun> billed = parts.stream().filter(MonthlyRun::billed).toList();
        boolean paid = !billed.isEmpty() && billed.stream().allMatch(MonthlyRun::paid);
        json.put("paid", paid);
        if (paid) {
            // The month is paid once every part is: the payment that settled the last of them.
            billed.stream().map(MonthlyRun::payment).max(Comparator.comparing(Payment::paidOn).thenComparing(Payment::recordedAt))
                    .ifPresent(p -> json.put("payment", payment(p)));
        }
        json.put("parts", parts.stream().map(RunJson::part).toList());
        json.put("budget", LedgerJson.budget(view.budget()));
        json.put("warnings", LedgerJson.warnings(view.warnings()));
        return json;
    }

    /** A blocked part charged nobody; its planned participants show what it would have charged. */
    private static long participants(MonthlyRun part) {
        return part.status() == RunStatus.BLOCKED_BUDGET ? part.plannedParticipants() : part.participants();
    }

    private static Map<String, Object> part(MonthlyRun part) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("part", part.part());
        json.put("supplementary", part.supplementary());
        json.put("status", part.status());
        json.put("participants", participants(part));
        json.put("jkkTotal", participants(part) * part.rate().jkk());
        json.put("jkmTotal", participants(part) * part.rate().jkm());
        json.put("total", participants(part) * part.rate().total());
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
