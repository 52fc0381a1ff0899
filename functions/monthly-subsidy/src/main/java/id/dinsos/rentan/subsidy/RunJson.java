package id.dinsos.rentan.subsidy;

import id.dinsos.rentan.application.MonthlyRunView;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.http.LedgerJson;

import java.util.LinkedHashMap;
import java.util.Map;

/** The run summary of {@code GET /runs/{month}} and {@code POST /runs}. */
final class RunJson {
    private RunJson() {
    }

    static Map<String, Object> of(MonthlyRunView view) {
        MonthlyRun run = view.run();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("month", run.month().toString());
        json.put("status", run.status());
        json.put("dryRun", view.dryRun());
        json.put("participants", run.status() == RunStatus.BLOCKED_BUDGET ? run.plannedParticipants() : run.participants());
        json.put("plannedParticipants", run.plannedParticipants());
        json.put("jkkTotal", run.status() == RunStatus.BLOCKED_BUDGET ? run.plannedParticipants() * run.rate().jkk() : run.jkkTotal());
        json.put("jkmTotal", run.status() == RunStatus.BLOCKED_BUDGET ? run.plannedParticipants() * run.rate().jkm() : run.jkmTotal());
        json.put("total", run.status() == RunStatus.BLOCKED_BUDGET ? run.plannedCost() : run.total());
        if (run.status() == RunStatus.BLOCKED_BUDGET) {
            json.put("shortfall", run.shortfall());
        }
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("from", run.rate().from().toString());
        rate.put("jkk", run.rate().jkk());
        rate.put("jkm", run.rate().jkm());
        json.put("rate", rate);
        json.put("segments", run.segments());
        json.put("startedAt", run.startedAt());
        json.put("finishedAt", run.finishedAt());
        if (run.payment() != null) {
            Map<String, Object> payment = new LinkedHashMap<>();
            payment.put("paidOn", run.payment().paidOn());
            payment.put("reference", run.payment().reference());
            payment.put("recordedAt", run.payment().recordedAt());
            payment.put("recordedBy", run.payment().recordedBy());
            json.put("payment", payment);
        }
        json.put("budget", LedgerJson.budget(view.budget()));
        json.put("warnings", LedgerJson.warnings(view.warnings()));
        return json;
    }
}
