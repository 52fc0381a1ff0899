package id.dinsos.rentan.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How many registrations a programme holds in each status, by kecamatan and by occupation: the staff
 * dashboard's breakdown. Kept exact by the same writes that keep {@link StatusCounts}, never
 * counted by reading registrations per request.
 *
 * @param byKecamatan counts by the {@linkplain #kecamatanKey key} of the address's kecamatan
 * @param byOccupation counts by occupation
 */
public record StatusBreakdown(Map<String, StatusCounts> byKecamatan, Map<Occupation, StatusCounts> byOccupation) {
    public StatusBreakdown {
        byKecamatan = Map.copyOf(byKecamatan);
        EnumMap<Occupation, StatusCounts> all = new EnumMap<>(Occupation.class);
        for (Occupation o : Occupation.values()) {
            all.put(o, byOccupation.getOrDefault(o, StatusCounts.empty()));
        }
        byOccupation = Map.copyOf(all);
    }

    public static StatusBreakdown empty() {
        return new StatusBreakdown(Map.of(), Map.of());
    }

    /**
     * One kecamatan, however it was written: kecamatan are compared without regard to case, so
     * "Ciledug" and "CILEDUG " count as one place.
     */
    public static String kecamatanKey(String kecamatan) {
        return kecamatan.trim().toUpperCase(Locale.ROOT);
    }

    /** A row of the breakdown: the name to show and its counts. */
    public record Row<K>(K key, StatusCounts counts) {
    }

    /**
     * Every kecamatan of the programme, in the programme's order and spelling (zero where nobody
     * registered), then any other kecamatan that still has registrations (one removed from the
     * programme's list, say), by its key.
     */
    public List<Row<String>> kecamatanRows(Programme programme) {
        List<Row<String>> rows = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        for (String name : programme.kecamatan()) {
            String key = kecamatanKey(name);
            if (shown.add(key)) {
                rows.add(new Row<>(name, byKecamatan.getOrDefault(key, StatusCounts.empty())));
            }
        }
        new TreeMap<>(byKecamatan).forEach((key, counts) -> {
            if (!shown.contains(key) && counts.byStatus().values().stream().anyMatch(n -> n > 0)) {
                rows.add(new Row<>(key, counts));
            }
        });
        return rows;
    }

    /** Every occupation, in the order of {@link Occupation}. */
    public List<Row<Occupation>> occupationRows() {
        List<Row<Occupation>> rows = new ArrayList<>();
        for (Occupation o : Occupation.values()) {
            rows.add(new Row<>(o, byOccupation.get(o)));
        }
        return rows;
    }

    /** Registrations in {@code status}, added up over the kecamatan (equal to the status counter once exact). */
    public long totalByKecamatan(RegistrationStatus status) {
        return byKecamatan.values().stream().mapToLong(c -> c.of(status)).sum();
    }

    public long totalByOccupation(RegistrationStatus status) {
        return byOccupation.values().stream().mapToLong(c -> c.of(status)).sum();
    }
}
