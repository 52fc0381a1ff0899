package id.dinsos.rentan.registration;

import id.dinsos.rentan.application.DecideRegistration;
import id.dinsos.rentan.application.EndRegistration;
import id.dinsos.rentan.application.FindRegistrations;
import id.dinsos.rentan.application.ImportDecreeList;
import id.dinsos.rentan.application.Lapses;
import id.dinsos.rentan.application.ProgrammeSettings;
import id.dinsos.rentan.application.RecordKpjNumbers;
import id.dinsos.rentan.application.RegisterApplicant;
import id.dinsos.rentan.application.RegistrationView;
import id.dinsos.rentan.domain.EndReason;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.ProgrammeLimits;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.http.ApiRequest;
import id.dinsos.rentan.http.HttpProblem;
import id.dinsos.rentan.http.HttpResult;
import id.dinsos.rentan.http.JsonInput;
import id.dinsos.rentan.http.Principal;
import id.dinsos.rentan.http.Role;
import id.dinsos.rentan.http.Router;
import id.dinsos.rentan.port.Page;
import id.dinsos.rentan.port.RegistrationStore;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The registration function's routes: each parses its request, calls one use case and maps the result. */
final class RegistrationEndpoints {
    private static final Set<Role> STAFF = Set.of(Role.STAFF);
    private static final Set<Role> STAFF_AND_PORTAL = Set.of(Role.STAFF, Role.PORTAL);
    private static final Set<String> LIST_FILTERS = Set.of("nik", "status", "kecamatan", "limit", "cursor");

    private final String programmeId;
    private final ProgrammeSettings settings;
    private final RegisterApplicant register;
    private final DecideRegistration decide;
    private final EndRegistration end;
    private final FindRegistrations find;
    private final ImportDecreeList importList;
    private final RecordKpjNumbers recordKpj;
    private final Lapses lapses;
    private final Clock clock;

    RegistrationEndpoints(String programmeId, ProgrammeSettings settings, RegisterApplicant register, DecideRegistration decide,
                          EndRegistration end, FindRegistrations find, ImportDecreeList importList, RecordKpjNumbers recordKpj,
                          Lapses lapses, Clock clock) {
        this.lapses = lapses;
        this.programmeId = programmeId;
        this.settings = settings;
        this.register = register;
        this.decide = decide;
        this.end = end;
        this.find = find;
        this.importList = importList;
        this.recordKpj = recordKpj;
        this.clock = clock;
    }

    Router routes(Router router) {
        return router
                .route("GET /programme", STAFF_AND_PORTAL, this::getProgramme)
                .route("PUT /programme", STAFF, this::putProgramme)
                .route("POST /registrations", STAFF_AND_PORTAL, this::submit)
                .route("GET /registrations", STAFF_AND_PORTAL, this::list)
                .route("POST /registrations/search", STAFF_AND_PORTAL, this::searchByNik)
                .route("GET /registrations/{id}", STAFF_AND_PORTAL, this::get)
                .route("POST /registrations/{id}/approve", STAFF, this::approve)
                .route("POST /registrations/{id}/reject", STAFF, this::reject)
                .route("POST /registrations/{id}/end", STAFF, this::end)
                .route("POST /registrations/import", STAFF, this::importDecree)
                .route("POST /registrations/re-enrolments", STAFF, this::reEnrolLapsed)
                .route("POST /registrations/kpj", STAFF, this::recordKpj);
    }

    private HttpResult getProgramme(ApiRequest request, Principal principal) {
        // The breakdown by kecamatan and occupation is for staff only: the portal's view does not even read it.
        return HttpResult.json(200, ProgrammeJson.of(principal.isStaff() ? settings.staffStatus(programmeId)
                : settings.status(programmeId), thisMonth()));
    }

    private HttpResult putProgramme(ApiRequest request, Principal principal) {
        request.requireJsonBody();
        return HttpResult.json(200, ProgrammeJson.of(settings.save(ProgrammeJson.read(programmeId, request.body()), principal.actor()), thisMonth()));
    }

    private HttpResult submit(ApiRequest request, Principal principal) {
        request.requireJsonBody();
        RegistrationSource source = principal.isStaff() ? RegistrationSource.STAFF : RegistrationSource.PORTAL;
        Registration created = register.submit(programmeId, ApplicationJson.read(request.body(), today()), source, principal.actor());
        return HttpResult.json(201, RegistrationJson.of(new RegistrationView(created, 0, 0), principal.isStaff()))
                .withHeader("Location", "/registrations/" + created.id());
    }

    private HttpResult get(ApiRequest request, Principal principal) {
        return HttpResult.json(200, RegistrationJson.of(find.get(request.pathParameter("id")), principal.isStaff()));
    }

    /**
     * The NIK lookup with the NIK in the body, so it never appears in a URL (API Gateway's and the
     * browser's access logs record URLs): the portal's way to find an applicant's registrations.
     */
    private HttpResult searchByNik(ApiRequest request, Principal principal) {
        request.requireJsonBody();
        JsonInput in = JsonInput.parse(request.body(), false);
        String nik = in.text("nik", true, 32);
        if (nik != null) {
            Nik.problemWith(nik).ifPresent(p -> in.error("nik", "INVALID_FORMAT", "NIK " + p + "."));
        }
        in.finish();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", find.byNik(programmeId, Nik.of(nik)).stream().map(v -> RegistrationJson.of(v, principal.isStaff())).toList());
        return HttpResult.json(200, body);
    }

    /** Staff search by NIK, status and kecamatan; the portal may only look up one NIK. */
    private HttpResult list(ApiRequest request, Principal principal) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        request.queryParameters().keySet().stream().filter(k -> !LIST_FILTERS.contains(k)).forEach(k ->
                errors.add(new Refusal.FieldError(k, "UNKNOWN_PARAMETER", "Allowed: " + LIST_FILTERS + ".")));
        String nikText = request.query("nik").orElse(null);
        if (nikText != null) {
            Nik.problemWith(nikText).ifPresent(p -> errors.add(new Refusal.FieldError("nik", "INVALID_FORMAT", "NIK " + p + ".")));
        }
        RegistrationStatus status = null;
        String statusText = request.query("status").orElse(null);
        if (statusText != null) {
            try {
                status = RegistrationStatus.valueOf(statusText);
            } catch (IllegalArgumentException e) {
                errors.add(new Refusal.FieldError("status", "INVALID_VALUE", "Must be one of " + List.of(RegistrationStatus.values()) + "."));
            }
        }
        int limit = 50;
        String limitText = request.query("limit").orElse(null);
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
                if (limit < 1 || limit > 500) {
                    errors.add(new Refusal.FieldError("limit", "OUT_OF_RANGE", "Must be between 1 and 500."));
                }
            } catch (NumberFormatException e) {
                errors.add(new Refusal.FieldError("limit", "INVALID_TYPE", "Must be a whole number."));
            }
        }
        // A kecamatan unknown to the programme simply matches nothing (one removed from the programme
        // still has registrations); one longer than any kecamatan may be is refused before it becomes a key.
        String kecamatan = request.query("kecamatan").orElse(null);
        if (kecamatan != null && kecamatan.length() > ProgrammeLimits.MAX_KECAMATAN_LENGTH) {
            errors.add(new Refusal.FieldError("kecamatan", "TOO_LONG", "At most " + ProgrammeLimits.MAX_KECAMATAN_LENGTH + " characters."));
        }
        String cursor = request.query("cursor").orElse(null);
        if (cursor != null && cursor.length() > Page.MAX_CURSOR_LENGTH) {
            errors.add(new Refusal.FieldError("cursor", "INVALID_CURSOR", "The cursor is not one this list returned; start again without it."));
        }
        if (!errors.isEmpty()) {
            throw new Refusal.Invalid(errors);
        }
        if (!principal.isStaff() && (nikText == null || status != null || kecamatan != null)) {
            throw HttpProblem.forbidden("The portal may only look up registrations by nik.");
        }
        boolean staff = principal.isStaff();
        Map<String, Object> body = new LinkedHashMap<>();
        if (nikText != null) {
            RegistrationStatus wanted = status;
            body.put("items", find.byNik(programmeId, Nik.of(nikText)).stream()
                    .filter(v -> wanted == null || v.registration().status() == wanted)
                    .filter(v -> kecamatan == null || v.registration().kecamatan().equalsIgnoreCase(kecamatan.trim()))
                    .map(v -> RegistrationJson.of(v, staff)).toList());
            return HttpResult.json(200, body);
        }
        Page<RegistrationView> page = find.list(new RegistrationStore.Query(programmeId, status, kecamatan), limit, cursor);
        body.put("items", page.items().stream().map(v -> RegistrationJson.of(v, staff)).toList());
        if (page.nextCursor() != null) {
            body.put("nextCursor", page.nextCursor());
        }
        return HttpResult.json(200, body);
    }

    private HttpResult approve(ApiRequest request, Principal principal) {
        request.requireNoFields(); // openapi.yaml: no body, or an empty object
        return HttpResult.json(200, RegistrationJson.of(decide.approve(request.pathParameter("id"), principal.actor()), true));
    }

    private HttpResult reject(ApiRequest request, Principal principal) {
        request.requireJsonBody();
        JsonInput in = JsonInput.parse(request.body(), false);
        String reason = in.text("reason", true, 500);
        in.finish();
        return HttpResult.json(200, RegistrationJson.of(decide.reject(request.pathParameter("id"), reason, principal.actor()), true));
    }

    private HttpResult end(ApiRequest request, Principal principal) {
        request.requireJsonBody();
        JsonInput in = JsonInput.parse(request.body(), false);
        EndReason reason = in.enumValue("reason", EndReason.class, true);
        LocalDate effectiveDate = in.date("effectiveDate", true);
        in.finish();
        EndRegistration.Outcome outcome = end.end(request.pathParameter("id"), reason, effectiveDate, principal.actor());
        Map<String, Object> body = RegistrationJson.of(outcome.ended(), true);
        outcome.promoted().ifPresent(p -> body.put("promoted", RegistrationJson.of(p, true)));
        return HttpResult.json(200, body);
    }

    /** re-enrols every membership that lapsed for arrears, each as a new registration. */
    private HttpResult reEnrolLapsed(ApiRequest request, Principal principal) {
        request.requireNoFields(); // openapi.yaml: no body, or an empty object
        List<Lapses.ReEnrolment> done = lapses.reEnrolAll(programmeId, principal.actor());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reEnrolled", done.stream().filter(d -> d.outcome() != Lapses.Outcome.ALREADY_REGISTERED).count());
        body.put("active", done.stream().filter(d -> d.outcome() == Lapses.Outcome.ACTIVE).count());
        body.put("waitlisted", done.stream().filter(d -> d.outcome() == Lapses.Outcome.WAITLISTED).count());
        body.put("alreadyRegistered", done.stream().filter(d -> d.outcome() == Lapses.Outcome.ALREADY_REGISTERED).count());
        body.put("rows", done.stream().map(d -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("previousId", d.previous().id());
            row.put("id", d.current().id());
            row.put("nik", d.current().nik().masked());
            row.put("outcome", d.outcome());
            row.put("status", d.current().status());
            row.put("coverageStart", d.current().coverageStart());
            return row;
        }).toList());
        return HttpResult.json(200, body);
    }

    private HttpResult importDecree(ApiRequest request, Principal principal) {
        if (!request.contentType().equals("text/csv")) {
            throw new HttpProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Send the decree list as text/csv.");
        }
        ImportDecreeList.Result result = importList.run(programmeId, DecreeCsv.read(request.body(), today()), principal.actor());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", result.accepted());
        body.put("rejected", result.rejected());
        body.put("unchanged", result.unchanged());
        body.put("rows", result.rows().stream().map(r -> {
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
        }).toList());
        return HttpResult.json(200, body);
    }

    /** the KPJ numbers BPJS assigned, as CSV {@code nik,kpj}; each line is reported on its own, the NIK masked. */
    private HttpResult recordKpj(ApiRequest request, Principal principal) {
        if (!request.contentType().equals("text/csv")) {
            throw new HttpProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Send the KPJ numbers as text/csv with the columns nik,kpj.");
        }
        RecordKpjNumbers.Result result = recordKpj.run(programmeId, KpjCsv.read(request.body()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recorded", result.recorded());
        body.put("unchanged", result.unchanged());
        body.put("rejected", result.rejected());
        body.put("rows", result.rows().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", r.line());
            row.put("nik", r.maskedNik());
            row.put("status", r.outcome());
            if (!r.reasons().isEmpty()) {
                row.put("reasons", r.reasons());
            }
            return row;
        }).toList());
        return HttpResult.json(200, body);
    }

    private LocalDate today() {
        return ProgrammeTime.today(clock);
    }

    private YearMonth thisMonth() {
        return YearMonth.from(today());
    }
}
