package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.StatusBreakdown;
import id.dinsos.rentan.domain.StatusCounts;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static id.dinsos.rentan.dynamodb.Attr.n;
import static id.dinsos.rentan.dynamodb.Attr.s;

/**
 * The programme's breakdown item ({@code PROG#<pid>} / {@code BREAKDOWN}): one counter per status and
 * kecamatan ({@code K#<STATUS>#<KECAMATAN KEY>}) and per status and occupation ({@code O#<STATUS>#<OCCUPATION>}).
 * A sibling of the programme item rather than part of it: every request reads the programme item, and
 * these counters (up to a few hundred) would make each of those reads cost more. The registration
 * store's transactions add to both in the same TransactWriteItems, so they are exact together.
 * {@value #BASELINE} marks an item whose counters started from an exact count of the registrations;
 * one without it was only added to since it appeared (registrations written before the counters
 * existed are missing from it).
 */
final class BreakdownItems {
    static final String TYPE = "StatusBreakdown";
    static final String BASELINE = "baseline";
    private static final String KECAMATAN = "K#";
    private static final String OCCUPATION = "O#";

    private BreakdownItems() {
    }

    static Map<String, AttributeValue> key(String programmeId) {
        return Map.of(TableLayout.PK, s(Keys.programme(programmeId)), TableLayout.SK, s(Keys.BREAKDOWN_SK));
    }

    static String kecamatanCounter(RegistrationStatus status, String kecamatan) {
        return KECAMATAN + status.name() + "#" + StatusBreakdown.kecamatanKey(kecamatan);
    }

    static String occupationCounter(RegistrationStatus status, Occupation occupation) {
        return OCCUPATION + status.name() + "#" + occupation.name();
    }

    /** What a change from {@code before} (null: new) to {@code after} adds to each counter; nothing when the status stays. */
    static void addDeltas(Registration before, Registration after, Map<String, Long> deltas) {
        if (before != null && before.status() == after.status()) {
            return;
        }
        if (before != null) {
            deltas.merge(kecamatanCounter(before.status(), before.kecamatan()), -1L, Long::sum);
            deltas.merge(occupationCounter(before.status(), before.application().occupation()), -1L, Long::sum);
        }
        deltas.merge(kecamatanCounter(after.status(), after.kecamatan()), 1L, Long::sum);
        deltas.merge(occupationCounter(after.status(), after.application().occupation()), 1L, Long::sum);
    }

    /** Counts one registration as it stands (a baseline). */
    static void count(RegistrationStatus status, String kecamatan, Occupation occupation, Map<String, Long> counts) {
        counts.merge(kecamatanCounter(status, kecamatan), 1L, Long::sum);
        counts.merge(occupationCounter(status, occupation), 1L, Long::sum);
    }

    /** The whole item for a baseline: every counter as counted, marked {@value #BASELINE}. */
    static Map<String, AttributeValue> baselineItem(String programmeId, Map<String, Long> counts) {
        Map<String, AttributeValue> item = new HashMap<>(key(programmeId));
        item.put("type", s(TYPE));
        item.put(BASELINE, Attr.bool(true));
        counts.forEach((name, count) -> item.put(name, n(count)));
        return item;
    }

    static boolean hasBaseline(Map<String, AttributeValue> item) {
        return Attr.bool(item, BASELINE);
    }

    static StatusBreakdown breakdown(Map<String, AttributeValue> item) {
        Map<String, Map<RegistrationStatus, Long>> byKecamatan = new TreeMap<>();
        Map<Occupation, Map<RegistrationStatus, Long>> byOccupation = new EnumMap<>(Occupation.class);
        item.forEach((name, value) -> {
            if (value.n() == null || !(name.startsWith(KECAMATAN) || name.startsWith(OCCUPATION))) {
                return;
            }
            String[] parts = name.split("#", 3);
            RegistrationStatus status = parts.length == 3 ? status(parts[1]) : null;
            if (status == null) {
                return;
            }
            long count = Long.parseLong(value.n());
            if (name.startsWith(KECAMATAN)) {
                byKecamatan.computeIfAbsent(parts[2], k -> new EnumMap<>(RegistrationStatus.class)).merge(status, count, Long::sum);
            } else {
                Occupation occupation = occupation(parts[2]);
                if (occupation != null) {
                    byOccupation.computeIfAbsent(occupation, k -> new EnumMap<>(RegistrationStatus.class)).merge(status, count, Long::sum);
                }
            }
        });
        Map<String, StatusCounts> kecamatan = new HashMap<>();
        byKecamatan.forEach((k, counts) -> kecamatan.put(k, new StatusCounts(counts)));
        Map<Occupation, StatusCounts> occupation = new EnumMap<>(Occupation.class);
        byOccupation.forEach((o, counts) -> occupation.put(o, new StatusCounts(counts)));
        return new StatusBreakdown(kecamatan, occupation);
    }

    /** The counts as {@link #breakdown} reads them, from counters not yet written. */
    static StatusBreakdown breakdown(Map<String, Long> counts, String programmeId) {
        return breakdown(baselineItem(programmeId, counts));
    }

    private static RegistrationStatus status(String name) {
        try {
            return RegistrationStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Occupation occupation(String name) {
        try {
            return Occupation.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
