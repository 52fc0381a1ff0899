package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.BudgetAllocation;
import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.StatusCounts;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static id.dinsos.rentan.dynamodb.Attr.n;
import static id.dinsos.rentan.dynamodb.Attr.number;
import static id.dinsos.rentan.dynamodb.Attr.s;
import static id.dinsos.rentan.dynamodb.Attr.string;

/** The programme item: settings plus one counter per registration status. */
final class ProgrammeItems {
    static final String TYPE = "Programme";
    /** Registrations whose membership lapsed for arrears and that were not re-enrolled yet. */
    static final String LAPSED_COUNTER = "cnt_LAPSED_AWAITING_REENROLMENT";
    /** The programme-wide declared income of items written before each rate row had its own; removed on the next save. */
    static final String LEGACY_DECLARED_INCOME = "declaredIncome";
    /** How many times the settings were saved (absent on items saved before it was kept: 0). */
    static final String SETTINGS_VERSION = "settingsVersion";
    private static final Pattern UNSIGNED_LONG_YEAR_MONTH = Pattern.compile("(\\d{5,9})-(\\d{2})");

    private ProgrammeItems() {
    }

    /** The counter attribute of a status; ACTIVE's is what the quota condition compares. */
    static String counter(RegistrationStatus status) {
        return "cnt_" + status.name();
    }

    /** The settings attributes (not the key, not the counters). */
    static Map<String, AttributeValue> settings(Programme p) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("type", s(TYPE));
        item.put("name", s(p.name()));
        item.put("quota", n(p.quota()));
        item.put("kecamatan", AttributeValue.fromL(p.kecamatan().stream().map(Attr::s).toList()));
        item.put("eligibleOccupations", AttributeValue.fromL(p.eligibleOccupations().stream().sorted()
                .map(o -> s(o.name())).toList()));
        item.put("dtsenMaxDecile", n(p.dtsenMaxDecile()));
        item.put("minAge", n(p.minAge()));
        item.put("maxAge", n(p.maxAge()));
        item.put("coverageStartDelayMonths", n(p.coverageStartDelayMonths()));
        item.put("rates", AttributeValue.fromL(p.rates().stream().map(r -> AttributeValue.fromM(Map.of(
                "from", s(r.from().toString()), "declaredIncome", n(r.declaredIncome()),
                "jkk", n(r.jkk()), "jkm", n(r.jkm())))).toList()));
        item.put("budgets", AttributeValue.fromL(p.budgets().stream().map(b -> AttributeValue.fromM(Map.of(
                "year", n(b.year()), "allocation", n(b.allocation())))).toList()));
        item.put("holidays", AttributeValue.fromL(p.holidays().stream().map(d -> s(d.toString())).toList()));
        item.put("wadahCode", s(p.wadahCode()));
        return item;
    }

    static Programme programme(String id, Map<String, AttributeValue> item) {
        return new Programme(
                id,
                string(item, "name"),
                (int) number(item, "quota", 0),
                item.get("kecamatan").l().stream().map(AttributeValue::s).toList(),
                item.get("eligibleOccupations").l().stream().map(v -> Occupation.valueOf(v.s())).collect(Collectors.toSet()),
                (int) number(item, "dtsenMaxDecile", 0),
                (int) number(item, "minAge", 0),
                (int) number(item, "maxAge", 0),
                (int) number(item, "coverageStartDelayMonths", 1),
                item.get("rates").l().stream().map(v -> rate(item, v.m())).toList(),
                item.get("budgets").l().stream().map(v -> new BudgetAllocation((int) number(v.m(), "year", 0),
                        number(v.m(), "allocation", 0))).toList(),
                // Items written before the holiday calendar have none: weekends only.
                item.containsKey("holidays") ? item.get("holidays").l().stream().map(v -> LocalDate.parse(v.s())).toList() : List.of(),
                item.containsKey("wadahCode") ? string(item, "wadahCode") : Programme.DEFAULT_WADAH_CODE);
    }

    /**
     * A rate row. Items written before the income moved into the rate table have rows
     * without {@code declaredIncome}: they take the item's old programme-wide {@code declaredIncome},
     * else 100 x JKK (the income of which JKK is 1%).
     */
    private static ContributionRate rate(Map<String, AttributeValue> item, Map<String, AttributeValue> row) {
        long jkk = number(row, "jkk", 0);
        long income = number(row, "declaredIncome", number(item, LEGACY_DECLARED_INCOME, jkk * 100));
        return new ContributionRate(month(row.get("from").s()), income, jkk, number(row, "jkm", 0));
    }

    /**
     * A {@code YYYY-MM} month as {@link YearMonth#toString()} wrote it. Items saved before the
     * settings were bounded may hold a year above 9999, which {@code toString} writes without the
     * sign {@link YearMonth#parse} needs (e.g. {@code 10000-01}): read it anyway, so that such an
     * item stays readable (and shows up in {@code GET /programme} to be corrected) instead of failing
     * every request that reads the programme.
     */
    static YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            Matcher m = UNSIGNED_LONG_YEAR_MONTH.matcher(text);
            try {
                if (m.matches()) {
                    return YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                }
            } catch (DateTimeException notAMonth) {
                e.addSuppressed(notAMonth);
            }
            throw new IllegalStateException("the stored programme has an unreadable month: " + text, e);
        }
    }

    static long settingsVersion(Map<String, AttributeValue> item) {
        return number(item, SETTINGS_VERSION, 0);
    }

    static long lapsed(Map<String, AttributeValue> item) {
        return Math.max(0, number(item, LAPSED_COUNTER, 0));
    }

    static StatusCounts counts(Map<String, AttributeValue> item) {
        Map<RegistrationStatus, Long> counts = new EnumMap<>(RegistrationStatus.class);
        for (RegistrationStatus status : RegistrationStatus.values()) {
            counts.put(status, number(item, counter(status), 0));
        }
        return new StatusCounts(counts);
    }

}
