package id.dinsos.rentan.registration;

import id.dinsos.rentan.domain.BudgetAllocation;
import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.ProgrammeLimits;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.StatusBreakdown;
import id.dinsos.rentan.domain.StatusCounts;
import id.dinsos.rentan.application.ProgrammeSettings;
import id.dinsos.rentan.http.JsonInput;
import id.dinsos.rentan.http.LedgerJson;
import id.dinsos.rentan.port.ProgrammeStore;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** The programme body of {@code PUT /programme} and the status document of {@code GET /programme}. */
final class ProgrammeJson {
    private ProgrammeJson() {
    }

    /**
     * Reads the whole settings body; every field is checked against its bound ({@link ProgrammeLimits})
     * and every problem is reported at once, before anything is saved.
     */
    static Programme read(String programmeId, String body) {
        JsonInput in = JsonInput.parse(body, false);
        String name = in.text("name", true, ProgrammeLimits.MAX_NAME_LENGTH);
        Integer quota = in.integer("quota", true, 1, ProgrammeLimits.MAX_QUOTA);
        List<String> kecamatan = bounded(in, "kecamatan", true, ProgrammeLimits.MAX_KECAMATAN,
                e -> e.elementText(ProgrammeLimits.MAX_KECAMATAN_LENGTH));
        if (kecamatan != null) {
            Set<String> seen = new HashSet<>();
            for (String k : kecamatan) {
                if (k != null && !seen.add(k.toLowerCase(Locale.ROOT))) {
                    in.error("kecamatan", "DUPLICATE", "Each kecamatan once: " + k + " is listed twice.");
                }
            }
        }
        List<Occupation> occupations = bounded(in, "eligibleOccupations", false, Occupation.values().length,
                e -> e.elementEnum(Occupation.class));
        if (occupations == null && !in.hasErrorOn("eligibleOccupations")) {
            in.error("eligibleOccupations", "REQUIRED", "This field is required (it may be an empty list).");
        }
        Integer dtsenMaxDecile = in.integer("dtsenMaxDecile", true, 1, 10);
        Integer minAge = in.integer("minAge", true, 0, ProgrammeLimits.MAX_AGE);
        Integer maxAge = in.integer("maxAge", true, 0, ProgrammeLimits.MAX_AGE);
        if (minAge != null && maxAge != null && minAge > maxAge) {
            in.error("maxAge", "OUT_OF_RANGE", "maxAge must not be below minAge.");
        }
        // Old clients send one programme-wide declaredIncome: it fills rate rows that lack their own.
        Long commonIncome = in.number("declaredIncome", false, 1, ProgrammeLimits.MAX_DECLARED_INCOME);
        boolean commonIncomeInvalid = in.hasErrorOn("declaredIncome");
        Integer delay = in.integer("coverageStartDelayMonths", false, 0, ProgrammeLimits.MAX_COVERAGE_START_DELAY_MONTHS);
        List<ContributionRate> rates = bounded(in, "rates", true, ProgrammeLimits.MAX_RATES, r -> {
            YearMonth from = r.month("from", true);
            if (from != null && !ProgrammeLimits.monthInRange(from)) {
                r.error("from", "OUT_OF_RANGE", ProgrammeLimits.monthRangeText());
                from = null;
            }
            Long income = r.number("declaredIncome", false, 1, ProgrammeLimits.MAX_DECLARED_INCOME);
            if (income == null && !r.hasErrorOn("declaredIncome")) {
                income = commonIncome;
                if (income == null && !commonIncomeInvalid) {
                    r.error("declaredIncome", "REQUIRED", "Each rate row needs the declared monthly income its JKK is 1% of (R-01).");
                }
            }
            Long jkk = r.number("jkk", true, 1, ProgrammeLimits.MAX_CONTRIBUTION);
            Long jkm = r.number("jkm", true, 1, ProgrammeLimits.MAX_CONTRIBUTION);
            return from == null || income == null || jkk == null || jkm == null ? null : new ContributionRate(from, income, jkk, jkm);
        });
        if (rates != null) {
            Set<YearMonth> months = new HashSet<>();
            rates.stream().filter(Objects::nonNull).forEach(r -> {
                if (!months.add(r.from())) {
                    in.error("rates", "DUPLICATE", "Two rates start in " + r.from() + ".");
                }
            });
        }
        List<BudgetAllocation> budgets = bounded(in, "budgets", false, ProgrammeLimits.MAX_BUDGETS, b -> {
            Integer year = b.integer("year", true, ProgrammeLimits.FIRST_MONTH.getYear(), ProgrammeLimits.LAST_MONTH.getYear());
            Long allocation = b.number("allocation", true, 1, ProgrammeLimits.MAX_ALLOCATION);
            return year == null || allocation == null ? null : new BudgetAllocation(year, allocation);
        });
        if (budgets != null) {
            Set<Integer> years = new HashSet<>();
            budgets.stream().filter(Objects::nonNull).forEach(b -> {
                if (!years.add(b.year())) {
                    in.error("budgets", "DUPLICATE", "Two budgets for " + b.year() + ".");
                }
            });
        }
        List<LocalDate> holidays = holidays(in);
        String wadahCode = in.text("wadahCode", false, 20);
        if (wadahCode != null && !wadahCode.matches(Programme.WADAH_CODE_PATTERN)) {
            in.error("wadahCode", "INVALID_FORMAT", "1 to 20 capital letters A-Z and digits 0-9, e.g. SG (R-21).");
        }
        in.finish();
        return new Programme(programmeId, name, quota, kecamatan, Set.copyOf(occupations), dtsenMaxDecile, minAge, maxAge,
                delay == null ? 1 : delay, rates, budgets == null ? List.of() : budgets, holidays,
                wadahCode == null ? Programme.DEFAULT_WADAH_CODE : wadahCode);
    }

    /**
     * An array of at most {@code max} elements. A longer one is one TOO_MANY error on the field: its
     * elements past the bound are not read, so a huge list cannot become a huge list of errors.
     */
    private static <T> List<T> bounded(JsonInput in, String field, boolean required, int max, Function<JsonInput, T> element) {
        int[] read = {0};
        List<T> values = in.array(field, required, e -> ++read[0] > max ? null : element.apply(e));
        if (values != null && values.size() > max) {
            in.error(field, "TOO_MANY", "At most " + max + " entries.");
            return null;
        }
        return values;
    }

    /** the public holidays that move a due date, as YYYY-MM-DD; optional, each date once. */
    private static List<LocalDate> holidays(JsonInput in) {
        List<LocalDate> holidays = bounded(in, "holidays", false, ProgrammeLimits.MAX_HOLIDAYS, JsonInput::elementDate);
        if (holidays == null) {
            return List.of();
        }
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < holidays.size(); i++) {
            LocalDate day = holidays.get(i);
            if (day == null) {
                continue;
            }
            if (!ProgrammeLimits.dateInRange(day)) {
                in.error("holidays[" + i + "]", "OUT_OF_RANGE", "A date in the years " + ProgrammeLimits.FIRST_MONTH.getYear()
                        + " to " + ProgrammeLimits.LAST_MONTH.getYear() + ".");
            } else if (!seen.add(day)) {
                in.error("holidays[" + i + "]", "DUPLICATE", "Each holiday once: " + day + " is listed twice.");
            }
        }
        return holidays.stream().filter(Objects::nonNull).toList();
    }

    /** Settings, counts by status, the rate in force this month and each budget year's use. */
    static Map<String, Object> of(ProgrammeSettings.Status status, YearMonth thisMonth) {
        ProgrammeStore.Snapshot snapshot = status.snapshot();
        Programme p = snapshot.programme();
        StatusCounts counts = snapshot.counts();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.id());
        json.put("name", p.name());
        json.put("quota", p.quota());
        json.put("kecamatan", p.kecamatan());
        json.put("eligibleOccupations", p.eligibleOccupations().stream().sorted().toList());
        json.put("dtsenMaxDecile", p.dtsenMaxDecile());
        json.put("minAge", p.minAge());
        json.put("maxAge", p.maxAge());
        json.put("coverageStartDelayMonths", p.coverageStartDelayMonths());
        json.put("rates", p.rates().stream().map(r -> {
            Map<String, Object> rate = new LinkedHashMap<>();
            rate.put("from", r.from().toString());
            rate.put("declaredIncome", r.declaredIncome());
            rate.put("jkk", r.jkk());
            rate.put("jkm", r.jkm());
            return rate;
        }).toList());
        json.put("holidays", p.holidays().stream().map(LocalDate::toString).toList());
        json.put("wadahCode", p.wadahCode());
        json.put("counts", counts(counts));
        json.put("freePlaces", Math.max(0, p.quota() - counts.active()));
        // memberships that lapsed for arrears, waiting for staff to re-enrol them.
        json.put("lapsedAwaitingReEnrolment", snapshot.lapsed());
        p.rateFor(thisMonth).ifPresent(r -> {
            Map<String, Object> rate = new LinkedHashMap<>();
            rate.put("month", thisMonth.toString());
            rate.put("declaredIncome", r.declaredIncome());
            rate.put("jkk", r.jkk());
            rate.put("jkm", r.jkm());
            rate.put("total", r.total());
            json.put("rateInForce", rate);
        });
        json.put("budgets", status.budgets().stream().map(LedgerJson::budget).toList());
        json.put("warnings", LedgerJson.warnings(status.warnings()));
        if (status.breakdown() != null) {
            json.put("breakdown", breakdown(status.breakdown(), p));
        }
        return json;
    }

    /**
     * Staff only: every kecamatan of the programme (its own spelling, in its order) and any other that
     * still has registrations, and every occupation, each with a count for every status.
     */
    private static Map<String, Object> breakdown(StatusBreakdown breakdown, Programme programme) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("byKecamatan", breakdown.kecamatanRows(programme).stream().map(row -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kecamatan", row.key());
            entry.put("counts", counts(row.counts()));
            return entry;
        }).toList());
        json.put("byOccupation", breakdown.occupationRows().stream().map(row -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("occupation", row.key().name());
            entry.put("counts", counts(row.counts()));
            return entry;
        }).toList());
        return json;
    }

    private static Map<String, Long> counts(StatusCounts counts) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (RegistrationStatus s : RegistrationStatus.values()) {
            byStatus.put(s.name(), counts.of(s));
        }
        return byStatus;
    }
}
