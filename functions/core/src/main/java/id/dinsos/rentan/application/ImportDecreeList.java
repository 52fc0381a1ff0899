package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.Eligibility;
import id.dinsos.rentan.domain.IneligibilityReason;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.port.DecreeImportStore;
import id.dinsos.rentan.port.Metrics;
import id.dinsos.rentan.port.ProgrammeStore;
import id.dinsos.rentan.port.RegistrationStore;
import id.dinsos.rentan.port.RegistrationStore.Change;
import id.dinsos.rentan.port.RegistrationStore.QuotaGuard;
import id.dinsos.rentan.port.RegistrationStore.WriteResult;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Imports the beneficiary list fixed by decree: every readable, eligible line is approved at
 * once (ACTIVE while places last, then WAITLISTED in file order). A NIK that already has a live
 * registration is left as it is, so importing the same file again changes nothing; one still
 * pending review is approved by the decree.
 */
public final class ImportDecreeList {
    /** Rows per transaction: two actions each (registration + NIK lock) plus the programme's counters. */
    /**
     * Rows per transaction: a waitlisted row takes three actions (registration, NIK lock, waitlist
     * entry), and a transaction holds at most 100 with the programme's counters and its breakdown by
     * kecamatan and occupation, and its coverage counts (30 x 3 + 3 = 93).
     */
    static final int CHUNK = 30;
    private static final int MAX_ATTEMPTS = 20;

    private final ProgrammeStore programmes;
    private final RegistrationStore registrations;
    private final Clock clock;
    private final Metrics metrics;

    public ImportDecreeList(ProgrammeStore programmes, RegistrationStore registrations, Clock clock) {
        this(programmes, registrations, clock, Metrics.NONE);
    }

    public ImportDecreeList(ProgrammeStore programmes, RegistrationStore registrations, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.programmes = programmes;
        this.registrations = registrations;
        this.clock = clock;
    }

    public enum Outcome { ACCEPTED, REJECTED, UNCHANGED }

    public record RowReason(String code, String field, String message) {
    }

    public record RowResult(int line, String maskedNik, Outcome outcome, RegistrationStatus status, String registrationId,
                            List<RowReason> reasons) {
        /** The line as an import's report keeps and shows it, whether imported in one request or as a file. */
        public DecreeImportStore.ReportRow report() {
            return new DecreeImportStore.ReportRow(line, maskedNik, outcome.name(), status == null ? null : status.name(), registrationId,
                    reasons.stream().map(r -> new Refusal.FieldError(r.field(), r.code(), r.message())).toList());
        }
    }

    public record Result(int accepted, int rejected, int unchanged, List<RowResult> rows) {
    }

    public Result run(String programmeId, List<DecreeRow> rows, Actor actor) {
        return run(programmeId, rows, 0, rows.size(), actor, line -> UUID.randomUUID().toString());
    }

    /**
     * Imports the rows {@code from} (inclusive) to {@code to} (exclusive) of a file, exactly as
     * {@link #run(String, List, Actor)} would import them as part of the whole file: the earlier
     * lines are checked again (no write) so that a NIK they hold makes a later line
     * {@code DUPLICATE_IN_FILE}. A new registration is named {@code idForLine.apply(line)}: with ids
     * that depend only on the import and the line, a line that an interrupted attempt already wrote
     * is found under its own id and reported ACCEPTED again (not UNCHANGED), and never written twice.
     */
    public Result run(String programmeId, List<DecreeRow> rows, int from, int to, Actor actor, IntFunction<String> idForLine) {
        if (from < 0 || to > rows.size() || from > to) {
            throw new IllegalArgumentException("rows " + from + ".." + to + " of " + rows.size());
        }
        Programme programme = programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp).programme();
        OffsetDateTime now = ProgrammeTime.now(clock);
        LocalDate today = now.toLocalDate();
        RowResult[] results = new RowResult[rows.size()];
        List<Integer> candidates = new ArrayList<>();
        Set<Nik> seen = new HashSet<>();
        for (int i = 0; i < to; i++) {
            DecreeRow row = rows.get(i);
            List<RowReason> reasons = check(row, programme, today);
            if (reasons.isEmpty() && !seen.add(row.application().nik())) {
                reasons = List.of(new RowReason("DUPLICATE_IN_FILE", "nik", "This NIK appears on an earlier line of the file."));
            }
            if (i < from) {
                continue;
            }
            if (reasons.isEmpty()) {
                candidates.add(i);
            } else {
                results[i] = new RowResult(row.line(), mask(row.nikText()), Outcome.REJECTED, null, null, reasons);
            }
        }
        for (int c = 0; c < candidates.size(); c += CHUNK) {
            importChunk(programme, rows, candidates.subList(c, Math.min(candidates.size(), c + CHUNK)), results, actor, now,
                    idForLine);
        }
        results = java.util.Arrays.copyOfRange(results, from, to);
        int accepted = 0;
        int rejected = 0;
        int unchanged = 0;
        for (RowResult r : results) {
            switch (r.outcome()) {
                case ACCEPTED -> accepted++;
                case REJECTED -> rejected++;
                case UNCHANGED -> unchanged++;
            }
        }
        return new Result(accepted, rejected, unchanged, List.of(results));
    }

    private List<RowReason> check(DecreeRow row, Programme programme, LocalDate today) {
        if (!row.readable()) {
            return row.errors().stream().map(e -> new RowReason(e.code(), e.field(), e.message())).toList();
        }
        List<RowReason> reasons = new ArrayList<>();
        for (IneligibilityReason reason : Eligibility.assess(row.application(), programme, today)) {
            reasons.add(new RowReason(reason.name(), null, reason.message()));
        }
        LocalDate start = row.coverageStart();
        if (start != null && start.getYear() < today.getYear()) {
            // the decree may date coverage back to the start of the budget year only.
            reasons.add(new RowReason("COVERAGE_START_BEFORE_BUDGET_YEAR", "coverageStart",
                    "Coverage may be dated back to 1 January of the current budget year at the earliest."));
        }
        if (start != null && start.getYear() > today.getYear() && start.isAfter(programme.coverageStartAfterApprovalOn(today))) {
            // The decree fixes this budget year's list; a later year needs its own decree.
            reasons.add(new RowReason("COVERAGE_START_AFTER_BUDGET_YEAR", "coverageStart",
                    "Coverage may start no later than the current budget year (or the usual start after approval)."));
        }
        return reasons;
    }

    private void importChunk(Programme programme, List<DecreeRow> rows, List<Integer> chunk, RowResult[] results,
                             Actor actor, OffsetDateTime now, IntFunction<String> idForLine) {
        List<Integer> open = new ArrayList<>(chunk);
        for (int attempt = 0; !open.isEmpty(); attempt++) {
            if (attempt >= MAX_ATTEMPTS) {
                throw DecideRegistration.busy();
            }
            Map<Nik, Registration> live = registrations.findLive(programme.id(),
                    open.stream().map(i -> rows.get(i).application().nik()).toList());
            ProgrammeStore.Snapshot snapshot = programmes.find(programme.id()).orElseThrow(ProgrammeSettings::notSetUp);
            long freePlaces = Math.max(0, snapshot.programme().quota() - snapshot.counts().active());
            List<Change> changes = new ArrayList<>();
            List<Integer> changed = new ArrayList<>();
            long activated = 0;
            for (int i : open) {
                DecreeRow row = rows.get(i);
                Registration existing = live.get(row.application().nik());
                if (existing != null && existing.status() != RegistrationStatus.PENDING_REVIEW) {
                    // Written by an earlier attempt at this very line (same id): what it did then is the line's outcome.
                    Outcome outcome = existing.id().equals(idForLine.apply(row.line())) ? Outcome.ACCEPTED : Outcome.UNCHANGED;
                    results[i] = new RowResult(row.line(), row.application().nik().masked(), outcome,
                            existing.status(), existing.id(), List.of());
                    continue;
                }
                Registration before = existing != null ? existing : Registration.submitted(idForLine.apply(row.line()),
                        programme.id(), RegisterApplicant.withCanonicalKecamatan(row.application(), programme),
                        RegistrationSource.IMPORT, actor, now);
                Registration after;
                if (activated < freePlaces) {
                    LocalDate usual = programme.coverageStartAfterApprovalOn(now.toLocalDate());
                    LocalDate start = usual;
                    if (row.coverageStart() != null && row.coverageStart().isBefore(usual)) {
                        // Dated back: it may reach into an earlier registration's coverage of the same person.
                        start = Registration.coverageStartAfter(row.coverageStart(),
                                registrations.findByNik(programme.id(), row.application().nik()));
                    } else if (row.coverageStart() != null) {
                        start = row.coverageStart();
                    }
                    after = before.activate(start, actor, now, "approved by decree list");
                    activated++;
                } else {
                    // Later lines wait behind earlier ones: the file's order is the decree's order.
                    after = before.waitlist(actor, now.plusNanos(row.line() * 1_000_000L));
                }
                changes.add(existing != null ? new Change(existing, after) : Change.create(after));
                changed.add(i);
            }
            open.removeIf(i -> results[i] != null);
            if (changes.isEmpty()) {
                return;
            }
            WriteResult result = registrations.write(changes, new QuotaGuard.ActiveStillAt(snapshot.counts().active(), snapshot.programme().quota()));
            if (result instanceof WriteResult.Written) {
                for (int c = 0; c < changes.size(); c++) {
                    Registration r = changes.get(c).after();
                    int i = changed.get(c);
                    results[i] = new RowResult(rows.get(i).line(), r.nik().masked(), Outcome.ACCEPTED, r.status(), r.id(), List.of());
                    metrics.count("Registrations", 1, r.programmeId(), "Outcome", r.status().name());
                }
                return;
            }
            // Counts moved, a NIK was registered meanwhile, or a pending one changed: read again and retry.
        }
    }

    static String mask(String nikText) {
        if (nikText == null || nikText.isBlank()) {
            return "";
        }
        if (Nik.problemWith(nikText).isEmpty()) {
            return Nik.of(nikText).masked();
        }
        return nikText.length() > 8 ? nikText.substring(0, 4) + "*".repeat(nikText.length() - 8) + nikText.substring(nikText.length() - 4) : "****";
    }
}
