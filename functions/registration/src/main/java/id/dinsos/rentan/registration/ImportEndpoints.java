package id.dinsos.rentan.registration;

import id.dinsos.rentan.application.DecreeImports;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.http.ApiRequest;
import id.dinsos.rentan.http.HttpResult;
import id.dinsos.rentan.http.JsonInput;
import id.dinsos.rentan.http.Principal;
import id.dinsos.rentan.http.QueryParameters;
import id.dinsos.rentan.http.Role;
import id.dinsos.rentan.http.Router;
import id.dinsos.rentan.port.DecreeImportStore.DecreeImport;
import id.dinsos.rentan.port.DecreeImportStore.ReportRow;
import id.dinsos.rentan.port.DecreeImportStore.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decree import as a file (issue 11), for staff: {@code POST /imports} answers with where to
 * upload the file; {@code GET /imports/{id}} tells how far the import is; {@code GET
 * /imports/{id}/report} pages through its per-line report, one chunk of lines a page; {@code GET
 * /imports/{id}/report.csv} gives the whole report of a completed import as one CSV file, as {@code
 * GET /runs/{month}/bill} gives the bill: a short-lived download link in AWS, the file itself locally.
 */
final class ImportEndpoints {
    private static final Set<Role> STAFF = Set.of(Role.STAFF);
    private static final int MAX_CURSOR_DIGITS = 6;

    private final String programmeId;
    private final DecreeImports imports;

    ImportEndpoints(String programmeId, DecreeImports imports) {
        this.programmeId = programmeId;
        this.imports = imports;
    }

    Router routes(Router router) {
        return router
                .route("POST /imports", STAFF, this::create)
                .route("GET /imports/{id}", STAFF, this::get)
                .route("GET /imports/{id}/report", STAFF, this::report)
                .route("GET /imports/{id}/report.csv", STAFF, this::reportFile);
    }

    private HttpResult create(ApiRequest request, Principal principal) {
        request.requireJsonBody();
        JsonInput in = JsonInput.parse(request.body(), false);
        Long size = in.number("sizeBytes", true, 1, DecreeImports.MAX_FILE_BYTES);
        in.finish();
        DecreeImports.Created created = imports.create(programmeId, size, principal.actor());
        Map<String, Object> body = view(created.decreeImport());
        Map<String, Object> upload = new LinkedHashMap<>();
        upload.put("url", created.upload().url());
        upload.put("method", created.upload().method());
        upload.put("headers", created.upload().headers());
        upload.put("expiresAt", created.upload().expiresAt().toString());
        body.put("upload", upload);
        return HttpResult.json(201, body).withHeader("Location", "/imports/" + created.decreeImport().id());
    }

    private HttpResult get(ApiRequest request, Principal principal) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        QueryParameters.onlyKnown(request, Set.of(), errors);
        QueryParameters.finish(errors);
        return HttpResult.json(200, view(imports.get(programmeId, request.pathParameter("id"))));
    }

    private HttpResult report(ApiRequest request, Principal principal) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        QueryParameters.onlyKnown(request, Set.of("cursor"), errors);
        int chunk = 0;
        String cursor = request.query("cursor").orElse(null);
        if (cursor != null) {
            if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_DIGITS || !cursor.chars().allMatch(c -> c >= '0' && c <= '9')) {
                errors.add(QueryParameters.invalidCursor());
            } else {
                chunk = Integer.parseInt(cursor);
            }
        }
        QueryParameters.finish(errors);
        String id = request.pathParameter("id");
        DecreeImports.ReportPage page = imports.report(programmeId, id, chunk);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("importId", id);
        body.put("rows", page.rows().stream().map(ImportEndpoints::row).toList());
        if (page.nextChunk() != null) {
            body.put("nextCursor", page.nextChunk().toString());
        }
        return HttpResult.json(200, body);
    }

    /**
     * The whole report of a completed import: in AWS {@code {url, expiresAt}}, a pre-signed GET of the
     * file valid 15 minutes; locally the CSV itself. 409 before the import is complete.
     */
    private HttpResult reportFile(ApiRequest request, Principal principal) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        QueryParameters.onlyKnown(request, Set.of(), errors);
        QueryParameters.finish(errors);
        String id = request.pathParameter("id");
        DecreeImports.ReportFile file = imports.reportFile(programmeId, id);
        if (file.link().isPresent()) {
            return HttpResult.json(200, Map.of("url", file.link().get().url().toString(),
                    "expiresAt", file.link().get().expiresAt().toString())).withHeader("Cache-Control", "no-store");
        }
        return HttpResult.text(200, "text/csv; charset=utf-8", file.csv())
                .withHeader("Content-Disposition", "attachment; filename=\"laporan-impor-" + id + ".csv\"");
    }

    /** One line of an import's report as the API shows it (the paged report, and the synchronous import's answer). */
    static Map<String, Object> row(ReportRow r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("line", r.line());
        row.put("nik", r.maskedNik());
        row.put("outcome", r.outcome());
        row.put("status", r.status());
        row.put("registrationId", r.registrationId());
        if (!r.reasons().isEmpty()) {
            row.put("reasons", r.reasons());
        }
        return row;
    }

    static Map<String, Object> view(DecreeImport i) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", i.id());
        body.put("status", i.status());
        body.put("sizeBytes", i.sizeBytes());
        body.put("createdAt", i.createdAt().toString());
        body.put("createdBy", i.createdBy().label());
        body.put("rowsTotal", i.rowsTotal());
        body.put("rowsDone", i.counts().done());
        body.put("accepted", i.counts().accepted());
        body.put("active", i.counts().active());
        body.put("waitlisted", i.counts().waitlisted());
        body.put("unchanged", i.counts().unchanged());
        body.put("refused", i.counts().refused());
        body.put("chunks", i.chunks());
        body.put("chunksDone", i.chunksDone());
        if (i.failure() != null) {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("code", i.failure().code());
            failure.put("detail", i.failure().getMessage());
            failure.put("errors", i.failure().errors());
            body.put("failure", failure);
        }
        if (i.chunksDone() > 0) {
            body.put("report", "/imports/" + i.id() + "/report");
        }
        if (i.reportWritten()) {
            body.put("reportFile", "/imports/" + i.id() + "/report.csv");
        }
        body.put("complete", i.status() == Status.COMPLETED || i.status() == Status.FAILED);
        return body;
    }
}
