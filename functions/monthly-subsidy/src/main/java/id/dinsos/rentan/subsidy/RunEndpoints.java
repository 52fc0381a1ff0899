package id.dinsos.rentan.subsidy;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.core.JsonProcessingException;
import id.dinsos.rentan.application.MonthlyBill;
import id.dinsos.rentan.application.MonthlyRunView;
import id.dinsos.rentan.application.RecordPayment;
import id.dinsos.rentan.application.RunMonth;
import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.ProgrammeLimits;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.http.ApiRequest;
import id.dinsos.rentan.http.CsvCells;
import id.dinsos.rentan.http.HttpResult;
import id.dinsos.rentan.http.JsonInput;
import id.dinsos.rentan.http.PlainDates;
import id.dinsos.rentan.http.Principal;
import id.dinsos.rentan.http.QueryParameters;
import id.dinsos.rentan.http.Role;
import id.dinsos.rentan.http.Router;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The run routes: each parses its request, calls one use case and maps the result. */
final class RunEndpoints {
    private static final Set<Role> STAFF = Set.of(Role.STAFF);
    static final List<String> BILL_COLUMNS = List.of("wadah", "part", "nik", "fullName", "kpj", "jkk", "jkm", "total", "note");
    /** The note on a line whose participant has no KPJ yet: BPJS cannot post it until staff record one. */
    static final String KPJ_MISSING = "KPJ_MISSING";
    /** Quotes a value only where CSV needs it (a comma, quote or line break in a name). */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema BILL_SCHEMA = CsvSchema.builder().addColumns(BILL_COLUMNS, CsvSchema.ColumnType.STRING)
            .build().withHeader();

    private final String programmeId;
    private final RunMonth runs;
    private final MonthlyBill bill;
    private final RecordPayment payments;
    private final int defaultSegments;

    RunEndpoints(String programmeId, RunMonth runs, MonthlyBill bill, RecordPayment payments, int defaultSegments) {
        this.programmeId = programmeId;
        this.runs = runs;
        this.bill = bill;
        this.payments = payments;
        this.defaultSegments = defaultSegments;
    }

    Router routes(Router router) {
        return router
                .route("POST /runs", STAFF, this::run)
                .route("GET /runs", STAFF, this::year)
                .route("GET /runs/{month}", STAFF, this::summary)
                .route("GET /runs/{month}/bill", STAFF, this::bill)
                .route("POST /runs/{month}/payment", STAFF, this::pay);
    }

    private HttpResult run(ApiRequest request, Principal principal) {
        request.requireJsonBody();
        JsonInput in = JsonInput.parse(request.body(), false);
        YearMonth month = in.month("month", true);
        if (month != null && !ProgrammeLimits.monthInRange(month)) {
            in.error("month", "OUT_OF_RANGE", ProgrammeLimits.monthRangeText());
        }
        Boolean dryRun = in.bool("dryRun", false);
        Integer segments = in.integer("segments", false, 1, RunMonth.MAX_SEGMENTS);
        in.finish();
        MonthlyRunView view = runs.run(programmeId, month, Boolean.TRUE.equals(dryRun),
                segments == null ? defaultSegments : segments, principal.actor());
        // Still being written by segment invocations: accepted, not finished.
        int status = view.run().status() == RunStatus.IN_PROGRESS && !view.dryRun() ? 202 : 200;
        HttpResult result = HttpResult.json(status, RunJson.of(view));
        return view.dryRun() ? result : result.withHeader("Location", "/runs/" + month);
    }

    /**
     * The months of a budget year with their status, parts, totals and due dates: {@code ?year=YYYY},
     * required, in the years 2000 to 2100; any other parameter is refused.
     */
    private HttpResult year(ApiRequest request, Principal principal) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        QueryParameters.onlyKnown(request, YEAR_PARAMETERS, errors);
        Integer year = null;
        String text = request.query("year").orElse(null);
        if (text == null) {
            errors.add(new Refusal.FieldError("year", "REQUIRED", "The budget year, as YYYY."));
        } else {
            year = PlainDates.year("year", text, PlainDates.MIN_YEAR, PlainDates.MAX_YEAR, errors);
        }
        QueryParameters.finish(errors);
        return HttpResult.json(200, RunJson.year(runs.year(programmeId, year)));
    }

    private static final Set<String> YEAR_PARAMETERS = Set.of("year");

    private HttpResult summary(ApiRequest request, Principal principal) {
        return HttpResult.json(200, RunJson.of(runs.summary(programmeId, month(request))));
    }

    /**
     * The collective bill for BPJS: every line of the month, part by part, ordered by NIK within
     * a part; the lines sum to the month's total.
     */
    private HttpResult bill(ApiRequest request, Principal principal) {
        YearMonth month = month(request);
        return HttpResult.text(200, "text/csv; charset=utf-8", billCsv(bill.bill(programmeId, month)))
                .withHeader("Content-Disposition", "attachment; filename=\"tagihan-" + month + ".csv\"");
    }

    /**
     * The bill as CSV: the amounts and the part as numbers, every text cell through {@link CsvCells}, so
     * that a spreadsheet never runs a name (or any other text) as a formula.
     */
    static String billCsv(MonthlyBill.Bill monthly) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ContributionLine line : monthly.lines()) {
            boolean noKpj = line.kpj() == null || line.kpj().isBlank();
            rows.add(Map.of("wadah", CsvCells.text(monthly.wadahCode()), "part", line.part(), "nik", CsvCells.text(line.nik().value()),
                    "fullName", CsvCells.text(line.fullName()), "kpj", noKpj ? "" : CsvCells.text(line.kpj()),
                    "jkk", line.jkk(), "jkm", line.jkm(), "total", line.total(), "note", noKpj ? KPJ_MISSING : ""));
        }
        try {
            return CSV.writer(BILL_SCHEMA).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bill not writable as CSV", e);
        }
    }

    private HttpResult pay(ApiRequest request, Principal principal) {
        YearMonth month = month(request);
        request.requireJsonBody();
        JsonInput in = JsonInput.parse(request.body(), false);
        LocalDate paidOn = in.date("paidOn", true);
        String reference = in.text("reference", true, 100);
        in.finish();
        return HttpResult.json(200, RunJson.of(payments.pay(programmeId, month, paidOn, reference, principal.actor())));
    }

    /** The month in the path: plain YYYY-MM in the years 2000 to 2100, else 400 with an error on {@code month}. */
    private static YearMonth month(ApiRequest request) {
        return PlainDates.pathMonth("month", request.pathParameter("month"));
    }
}
