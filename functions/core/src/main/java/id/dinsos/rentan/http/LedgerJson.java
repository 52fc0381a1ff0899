package id.dinsos.rentan.http;

import id.dinsos.rentan.domain.Arrears;
import id.dinsos.rentan.domain.BudgetYear;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON of budget years and arrears warnings, shared by GET /programme and the run summaries. */
public final class LedgerJson {
    private LedgerJson() {
    }

    public static Map<String, Object> budget(BudgetYear b) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("year", b.year());
        json.put("allocation", b.allocation());
        json.put("committed", b.committed());
        json.put("spent", b.spent());
        json.put("remaining", b.remaining());
        return json;
    }

    public static List<Map<String, Object>> warnings(List<Arrears.Warning> warnings) {
        return warnings.stream().map(w -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("code", w.level().name());
            json.put("month", w.month().toString());
            json.put("amount", w.amount());
            json.put("dueDate", w.dueDate());
            json.put("daysOverdue", w.daysOverdue());
            return json;
        }).toList();
    }
}
