package id.dinsos.rentan.subsidy;

import id.dinsos.rentan.application.MonthlyBill;
import id.dinsos.rentan.application.MonthlyRunView;
import id.dinsos.rentan.application.RecordPayment;
import id.dinsos.rentan.application.RunMonth;
import id.dinsos.rentan.domain.ProgrammeLimits;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.http.ApiRequest;
import id.dinsos.rentan.http.BillCsv;
import id.dinsos.rentan.http.HttpResult;
import id.dinsos.rentan.http.JsonInput;
import id.dinsos.rentan.http.PlainDates;
import id.dinsos.rentan.http.Principal;
import id.dinsos.rentan.http.QueryParameters;
import id.dinsos.rentan.http.Role;
import id.dinsos.rentan.http.Router;
import id.dinsos.rentan.port.BillFiles;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The run routes: each parses its request, calls one use case and maps the result. */
final class RunEndpoints {
    private static final Set<Role> STAFF = Set.of(Role.STAFF);

    private final String programmeId;
    private final RunMonth runs;
    private final MonthlyBill bill;
    private final RecordPayment payments;
    private final int defaultSegments;
    private final BillFiles files;

    RunEndpoints(String programmeId, RunMonth runs, MonthlyBill bill, RecordPayment payments, int defaultSegments,
                 BillFiles files) {
        this.programmeId = programmeId;
        this.files = files;
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
     * a part; the lines sum to the month's total. In AWS, once the segments have written the month's bill
     * file, a short-lived download link to it as JSON ({@code url}, {@code expiresAt}); otherwise the CSV
     * itself: streamed from the slices the segments wrote (the local runner), else built from the table
     * (runs made before the files existed) up to {@value #MAX_LINES_IN_RESPONSE} lines.
     */
    private HttpResult bill(ApiRequest request, Principal principal) {
        YearMonth month = month(request);
        Optional<BillFiles.Link> link = bill.link(programmeId, month);
        if (link.isPresent()) {
            return HttpResult.json(200, Map.of("url", link.get().url().toString(), "expiresAt", link.get().expiresAt().toString()))
                    .withHeader("Cache-Control", "no-store");
        }
        // Merged in the response only where no response limit applies (the local runner) or the bill fits.
        boolean fits = !files.givesLinks() || bill.lineCount(programmeId, month) <= MAX_LINES_IN_RESPONSE;
        String csv = bill.partsInFiles(programmeId, month).filter(parts -> fits).map(parts -> fromFiles(month, parts))
                .orElseGet(() -> billCsv(bill.bill(programmeId, month, MAX_LINES_IN_RESPONSE)));
        return HttpResult.text(200, "text/csv; charset=utf-8", csv)
                .withHeader("Content-Disposition", "attachment; filename=\"tagihan-" + month + ".csv\"");
    }

    /**
     * The most lines a bill built in one response may have: about 62 bytes a line, 4.3 MB, inside
     * Lambda's 6 MB response (API Gateway's JSON envelope escapes some characters, so not closer).
     */
    static final int MAX_LINES_IN_RESPONSE = 70_000;

    private String fromFiles(YearMonth month, List<Integer> parts) {
        StringWriter out = new StringWriter();
        out.write(BillCsv.header());
        try {
            files.writeRows(programmeId, month, parts, out);
        } catch (IOException e) {
            throw new UncheckedIOException("bill files not readable", e);
        }
        return out.toString();
    }

    /** The bill as CSV, built from the table: the same format as the files ({@link BillCsv}). */
    static String billCsv(MonthlyBill.Bill monthly) {
        return BillCsv.bill(monthly.wadahCode(), monthly.lines());
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
