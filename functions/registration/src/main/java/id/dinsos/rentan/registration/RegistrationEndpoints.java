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
import id.dinsos.rentan.domain.NameSearch;
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
import id.dinsos.rentan.http.QueryParameters;
import id.dinsos.rentan.http.Role;
import id.dinsos.rentan.http.Router;
import id.dinsos.rentan.http.StorableText;
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
    private static final Set<String> LIST_FILTERS = Set.of("nik", "name", "status", "kecamatan", "limit", "cursor");

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
                .route("POST /registrations/search", STAFF_AND_PORTAL, this::search)
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
        // The answer is known before the write, so a request with an Idempotency-Key has it recorded in the
        // registration's own transaction: one DynamoDB call fewer than recording it afterwards.
        Map<Registration, HttpResult> answers = new java.util.IdentityHashMap<>();
        RegisterApplicant.Submitted submitted = register.submit(programmeId, ApplicationJson.read(request.body(), today()), source,
                principal.actor(), registration -> request.receiptFor(answers.computeIfAbsent(registration, r -> created(r, principal)))
                        .orElse(null));
        if (submitted.answerRecorded()) {
            request.answerRecorded();
        }
        return answers.computeIfAbsent(submitted.registration(), r -> created(r, principal));
    }

    private static HttpResult created(Registration registration, Principal principal) {
        return HttpResult.json(201, RegistrationJson.of(new RegistrationView(registration, 0, 0), principal.isStaff()))
                .withHeader("Location", "/registrations/" + registration.id());
    }

    private HttpResult get(ApiRequest request, Principal principal) {
        return HttpResult.json(200, RegistrationJson.of(find.get(request.pathParameter("id")), principal.isStaff()));
    }

    /**
     * The search with what is searched for in the body, so it never appears in a URL (API Gateway's and
     * the browser's access logs record URLs): the portal's way to find an applicant's registrations by
     * NIK, and the staff console's way to search by name. Takes the fields {@code GET /registrations}
     * takes as parameters.
     */
    private HttpResult search(ApiRequest request, Principal principal) {
        request.requireJsonBody();
        JsonInput in = JsonInput.parse(request.body(), false);
        in.onlyFields(LIST_FILTERS.toArray(String[]::new));
        String nik = in.text("nik", false, 32);
        if (nik != null) {
            Nik.problemWith(nik).ifPresent(p -> in.error("nik", "INVALID_FORMAT", "NIK " + p + "."));
        }
        String nameText = in.text("name", false, NameSearch.MAX_LENGTH);
        NameSearch name = null;
        if (nameText != null) {
            String problem = NameSearch.problemWith(nameText);
            if (problem == null) {
                name = NameSearch.of(nameText);
            } else {
                in.error("name", problem, NAME_RULE);
            }
        }
        if (nik == null && nameText == null && !in.hasErrorOn("nik") && !in.hasErrorOn("name")) {
            in.error("nik", "ONE_OF_REQUIRED", "Give nik, or name (staff only).");
        }
        RegistrationStatus status = in.enumValue("status", RegistrationStatus.class, false);
        String kecamatan = in.text("kecamatan", false, ProgrammeLimits.MAX_KECAMATAN_LENGTH);
        Integer limit = in.integer("limit", false, 1, QueryParameters.MAX_LIMIT);
        String cursor = in.text("cursor", false, JsonInput.MAX_STRING_LENGTH);
        if (cursor != null && cursor.length() > Page.MAX_CURSOR_LENGTH) {
            Refusal.FieldError invalid = QueryParameters.invalidCursor();
            in.error(invalid.field(), invalid.code(), invalid.message());
        }
        in.finish();
        return listed(new Listing(nik, name, status, kecamatan, limit == null ? QueryParameters.DEFAULT_LIMIT : limit, cursor), principal);
    }

    /** What a listing or search asks for; every filter optional. */
    private record Listing(String nik, NameSearch name, RegistrationStatus status, String kecamatan, int limit, String cursor) {
    }

    private static final String NAME_RULE = "A name to search for: " + NameSearch.MIN_LETTERS + " to " + NameSearch.MAX_LENGTH
            + " characters, at least " + NameSearch.MIN_LETTERS + " of them letters or digits.";

    /** Staff search by NIK, name, status and kecamatan; the portal may only look up one NIK. */
    private HttpResult list(ApiRequest request, Principal principal) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        QueryParameters.onlyKnown(request, LIST_FILTERS, errors);
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
        int limit = QueryParameters.limit(request, errors);
        // A kecamatan unknown to the programme simply matches nothing (one removed from the programme
        // still has registrations); one longer than any kecamatan may be is refused before it becomes a key.
        String kecamatan = request.query("kecamatan").orElse(null);
        if (kecamatan != null && kecamatan.length() > ProgrammeLimits.MAX_KECAMATAN_LENGTH) {
            errors.add(new Refusal.FieldError("kecamatan", "TOO_LONG", "At most " + ProgrammeLimits.MAX_KECAMATAN_LENGTH + " characters."));
        }
        String cursor = QueryParameters.cursor(request, errors);
        NameSearch name = null;
        String nameText = request.query("name").orElse(null);
        if (nameText != null) {
            String problem = StorableText.isStorable(nameText) ? NameSearch.problemWith(nameText.strip()) : StorableText.CODE;
            if (problem == null) {
                name = NameSearch.of(nameText.strip());
            } else {
                errors.add(new Refusal.FieldError("name", problem, problem.equals(StorableText.CODE) ? StorableText.MESSAGE : NAME_RULE));
            }
        }
        QueryParameters.finish(errors);
        return listed(new Listing(nikText, name, status, kecamatan, limit, cursor), principal);
    }

    /**
     * A NIK answers every registration it has had (few: no paging), narrowed by the other filters; without
     * a NIK, a page of the listing: WAITLISTED in waitlist order with positions.
     */
    private HttpResult listed(Listing listing, Principal principal) {
        if (!principal.isStaff() && (listing.nik() == null || listing.status() != null || listing.kecamatan() != null
                || listing.name() != null)) {
            throw HttpProblem.forbidden("The portal may only look up registrations by nik.");
        }
        boolean staff = principal.isStaff();
        Map<String, Object> body = new LinkedHashMap<>();
        if (listing.nik() != null) {
            body.put("items", find.byNik(programmeId, Nik.of(listing.nik())).stream()
                    .filter(v -> listing.status() == null || v.registration().status() == listing.status())
                    .filter(v -> listing.kecamatan() == null || v.registration().kecamatan().equalsIgnoreCase(listing.kecamatan().trim()))
                    .filter(v -> listing.name() == null || listing.name().matches(v.registration().application().fullName()))
                    .map(v -> RegistrationJson.of(v, staff)).toList());
            return HttpResult.json(200, body);
        }
        Page<RegistrationView> page = find.list(new RegistrationStore.Query(programmeId, listing.status(), listing.kecamatan(),
                listing.name()), listing.limit(), listing.cursor());
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
        List<id.dinsos.rentan.application.DecreeRow> rows;
        try {
            rows = DecreeCsv.read(request.body(), today(), DecreeCsv.SYNC_MAX_ROWS);
        } catch (Refusal.Invalid refused) {
            if (refused.errors().stream().anyMatch(e -> e.code().equals("TOO_MANY_ROWS"))) {
                throw new HttpProblem(413, "IMPORT_TOO_LARGE", "This route imports at most " + DecreeCsv.SYNC_MAX_ROWS
                        + " lines in one request; import a larger decree list as a file with POST /imports.");
            }
            throw refused;
        }
        ImportDecreeList.Result result = importList.run(programmeId, rows, principal.actor());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", result.accepted());
        body.put("rejected", result.rejected());
        body.put("unchanged", result.unchanged());
        body.put("rows", result.rows().stream().map(r -> ImportEndpoints.row(r.report())).toList());
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
