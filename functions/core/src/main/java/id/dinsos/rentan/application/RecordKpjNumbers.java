package id.dinsos.rentan.application;

import id.dinsos.rentan.application.ImportDecreeList.RowReason;
import id.dinsos.rentan.domain.Kpj;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.port.ProgrammeStore;
import id.dinsos.rentan.port.RegistrationStore;
import id.dinsos.rentan.port.RegistrationStore.Change;
import id.dinsos.rentan.port.RegistrationStore.QuotaGuard;
import id.dinsos.rentan.port.RegistrationStore.WriteResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records the KPJ numbers BPJS assigned on the registrations of the NIKs named in a file.
 * Each NIK's registration is its live one (ACTIVE, or pending or waitlisted), else its newest. The number is written through
 * {@link RegistrationStore#write}, on condition of the registration's version and of no other NIK
 * holding the same number, so the coverage index carries it to the next contribution lines and
 * bills. Importing the same file again changes nothing: every row comes back UNCHANGED.
 */
public final class RecordKpjNumbers {
    /** Rows per transaction: up to three actions each (registration, new KPJ lock, old KPJ lock) plus the counters. */
    static final int CHUNK = 25;
    private static final int MAX_ATTEMPTS = CHUNK + 20;

    private final ProgrammeStore programmes;
    private final RegistrationStore registrations;

    public RecordKpjNumbers(ProgrammeStore programmes, RegistrationStore registrations) {
        this.programmes = programmes;
        this.registrations = registrations;
    }

    public enum Outcome { RECORDED, UNCHANGED, REJECTED }

    /** @param maskedNik the NIK as portal responses show it; never the full NIK */
    public record RowResult(int line, String maskedNik, Outcome outcome, List<RowReason> reasons) {
    }

    public record Result(int recorded, int unchanged, int rejected, List<RowResult> rows) {
    }

    public Result run(String programmeId, List<KpjRow> rows) {
        programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp);
        RowResult[] results = new RowResult[rows.size()];
        List<Integer> candidates = new ArrayList<>();
        Map<Nik, Integer> lineOfNik = new HashMap<>();
        Map<String, Integer> lineOfKpj = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            KpjRow row = rows.get(i);
            List<RowReason> reasons = check(row);
            if (reasons.isEmpty()) {
                Integer nikLine = lineOfNik.putIfAbsent(Nik.of(row.nik()), row.line());
                Integer kpjLine = lineOfKpj.putIfAbsent(row.kpj(), row.line());
                if (nikLine != null) {
                    reasons = List.of(new RowReason("DUPLICATE_IN_FILE", "nik", "Line " + nikLine + " already names this NIK."));
                } else if (kpjLine != null) {
                    reasons = List.of(new RowReason("KPJ_TAKEN", "kpj", "Line " + kpjLine + " gives this KPJ number to another NIK."));
                }
            }
            if (reasons.isEmpty()) {
                candidates.add(i);
            } else {
                results[i] = new RowResult(row.line(), ImportDecreeList.mask(row.nik()), Outcome.REJECTED, reasons);
            }
        }
        for (int from = 0; from < candidates.size(); from += CHUNK) {
            recordChunk(programmeId, rows, new ArrayList<>(candidates.subList(from, Math.min(candidates.size(), from + CHUNK))), results);
        }
        int recorded = 0;
        int unchanged = 0;
        int rejected = 0;
        for (RowResult r : results) {
            switch (r.outcome()) {
                case RECORDED -> recorded++;
                case UNCHANGED -> unchanged++;
                case REJECTED -> rejected++;
            }
        }
        return new Result(recorded, unchanged, rejected, List.of(results));
    }

    private static List<RowReason> check(KpjRow row) {
        List<RowReason> reasons = new ArrayList<>();
        Optional<String> nikProblem = row.nik() == null ? Optional.of("is required") : Nik.problemWith(row.nik());
        nikProblem.ifPresent(p -> reasons.add(new RowReason("NIK_INVALID", "nik", "NIK " + p + " (R-10).")));
        Optional<String> kpjProblem = row.kpj() == null ? Optional.of("is required") : Kpj.problemWith(row.kpj());
        kpjProblem.ifPresent(p -> reasons.add(new RowReason("KPJ_INVALID", "kpj", "KPJ number " + p + ".")));
        return reasons;
    }

    private void recordChunk(String programmeId, List<KpjRow> rows, List<Integer> open, RowResult[] results) {
        for (int attempt = 0; !open.isEmpty(); attempt++) {
            if (attempt >= MAX_ATTEMPTS) {
                throw DecideRegistration.busy();
            }
            Map<Nik, Registration> current = registrationsOf(programmeId, open.stream().map(i -> Nik.of(rows.get(i).nik())).toList());
            List<Change> changes = new ArrayList<>();
            List<Integer> changed = new ArrayList<>();
            Set<String> kpjsTouched = new HashSet<>();
            for (int i : open) {
                KpjRow row = rows.get(i);
                Registration registration = current.get(Nik.of(row.nik()));
                if (registration == null) {
                    results[i] = rejected(row, "NOT_REGISTERED", "nik", "This NIK has no registration in the programme.");
                } else if (row.kpj().equals(registration.kpj())) {
                    results[i] = new RowResult(row.line(), registration.nik().masked(), Outcome.UNCHANGED, List.of());
                } else if (kpjsTouched.contains(row.kpj()) || kpjsTouched.contains(registration.kpj())) {
                    // Numbers moving between people in one file: one write per number, the next attempt takes this row.
                    continue;
                } else {
                    kpjsTouched.add(row.kpj());
                    if (registration.kpj() != null) {
                        kpjsTouched.add(registration.kpj());
                    }
                    changes.add(new Change(registration, registration.withKpj(row.kpj())));
                    changed.add(i);
                }
            }
            open.removeIf(i -> results[i] != null);
            if (changes.isEmpty()) {
                continue;
            }
            WriteResult result = registrations.write(changes, QuotaGuard.NONE);
            if (result instanceof WriteResult.Written) {
                for (int c = 0; c < changes.size(); c++) {
                    int i = changed.get(c);
                    results[i] = new RowResult(rows.get(i).line(), changes.get(c).after().nik().masked(), Outcome.RECORDED, List.of());
                }
            } else if (result instanceof WriteResult.KpjTaken taken) {
                for (int c : taken.changes()) {
                    results[changed.get(c)] = rejected(rows.get(changed.get(c)), "KPJ_TAKEN", "kpj",
                            "Another NIK already has this KPJ number.");
                }
            }
            // Otherwise a registration changed since it was read: read again and retry.
            open.removeIf(i -> results[i] != null);
        }
    }

    /**
     * Each NIK's live registration (R-16: at most one; an ACTIVE one is always live), read
     * consistently through the NIK locks; else its newest registration.
     */
    private Map<Nik, Registration> registrationsOf(String programmeId, List<Nik> niks) {
        Map<Nik, Registration> found = new HashMap<>(registrations.findLive(programmeId, niks));
        for (Nik nik : niks) {
            if (!found.containsKey(nik)) {
                // The NIK index is eventually consistent: take the newest id from it, then read that item consistently.
                registrations.findByNik(programmeId, nik).stream().findFirst()
                        .flatMap(r -> registrations.find(r.id()))
                        .ifPresent(r -> found.put(nik, r));
            }
        }
        return found;
    }

    private static RowResult rejected(KpjRow row, String code, String field, String message) {
        return new RowResult(row.line(), ImportDecreeList.mask(row.nik()), Outcome.REJECTED, List.of(new RowReason(code, field, message)));
    }
}
