package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.CoverageCounts;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static id.dinsos.rentan.dynamodb.Attr.n;
import static id.dinsos.rentan.dynamodb.Attr.s;

/**
 * The programme's coverage item ({@code PROG#<pid>} / {@code COVERAGE}): how many registrations
 * start coverage in each month ({@code S#<yyyy-MM>}) and end it ({@code E#<yyyy-MM>}), the
 * {@link CoverageCounts} the monthly run plans with instead of counting the coverage index (R-21,
 * R-22). The registration store adds to it in the same TransactWriteItems that grants, dates back
 * or ends coverage, so it is exact with the registrations. {@value #BASELINE} marks an item whose
 * counters started from an exact count of the coverage index (or from a programme with no
 * registrations yet); one without it was only added to since it appeared, and is rebuilt once
 * ({@link DynamoDbParticipantSource#enrolled}).
 */
final class CoverageItems {
    static final String TYPE = "CoverageCounts";
    static final String BASELINE = "baseline";
    private static final String START = "S#";
    private static final String END = "E#";

    private CoverageItems() {
    }

    static Map<String, AttributeValue> key(String programmeId) {
        return Map.of(TableLayout.PK, s(Keys.programme(programmeId)), TableLayout.SK, s(Keys.COVERAGE_SK));
    }

    /** Attribute name to amount added, from deltas by month. */
    static Map<String, Long> attributes(Map<YearMonth, Long> starts, Map<YearMonth, Long> ends) {
        Map<String, Long> attributes = new TreeMap<>();
        starts.forEach((month, delta) -> attributes.put(START + month, delta));
        ends.forEach((month, delta) -> attributes.put(END + month, delta));
        return attributes;
    }

    /** The whole item for a baseline: every month as counted, marked {@value #BASELINE}. */
    static Map<String, AttributeValue> baselineItem(String programmeId, Map<YearMonth, Long> starts, Map<YearMonth, Long> ends) {
        Map<String, AttributeValue> item = new HashMap<>(key(programmeId));
        item.put("type", s(TYPE));
        item.put(BASELINE, Attr.bool(true));
        attributes(starts, ends).forEach((name, count) -> item.put(name, n(count)));
        return item;
    }

    static boolean hasBaseline(Map<String, AttributeValue> item) {
        return Attr.bool(item, BASELINE);
    }

    static CoverageCounts counts(Map<String, AttributeValue> item) {
        Map<YearMonth, Long> starts = new TreeMap<>();
        Map<YearMonth, Long> ends = new TreeMap<>();
        item.forEach((name, value) -> {
            if (value.n() == null || name.length() < 3) {
                return;
            }
            Map<YearMonth, Long> target = name.startsWith(START) ? starts : name.startsWith(END) ? ends : null;
            if (target == null) {
                return;
            }
            try {
                target.put(YearMonth.parse(name.substring(2)), Long.parseLong(value.n()));
            } catch (DateTimeParseException ignored) {
                // not a month counter
            }
        });
        return new CoverageCounts(new TreeMap<>(starts), new TreeMap<>(ends));
    }
}
