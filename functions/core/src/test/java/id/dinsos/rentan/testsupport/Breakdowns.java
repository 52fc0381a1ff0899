package id.dinsos.rentan.testsupport;

import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.StatusBreakdown;
import id.dinsos.rentan.domain.StatusCounts;
import id.dinsos.rentan.port.Page;
import id.dinsos.rentan.port.RegistrationStore;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The breakdown by kecamatan and occupation as a listing of every registration counts it: what the counters must say. */
public final class Breakdowns {
    private Breakdowns() {
    }

    /** Counts every registration of the programme, listed page by page over every status. */
    public static StatusBreakdown countedFromListing(RegistrationStore store, String programmeId) {
        Map<String, Map<RegistrationStatus, Long>> byKecamatan = new HashMap<>();
        Map<Occupation, Map<RegistrationStatus, Long>> byOccupation = new EnumMap<>(Occupation.class);
        String cursor = null;
        do {
            Page<Registration> page = store.list(new RegistrationStore.Query(programmeId, null, null), 500, cursor)
                    .map(RegistrationStore.Listed::registration);
            for (Registration r : page.items()) {
                byKecamatan.computeIfAbsent(StatusBreakdown.kecamatanKey(r.kecamatan()), k -> new EnumMap<>(RegistrationStatus.class))
                        .merge(r.status(), 1L, Long::sum);
                byOccupation.computeIfAbsent(r.application().occupation(), k -> new EnumMap<>(RegistrationStatus.class))
                        .merge(r.status(), 1L, Long::sum);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        Map<String, StatusCounts> kecamatan = new HashMap<>();
        byKecamatan.forEach((k, c) -> kecamatan.put(k, new StatusCounts(c)));
        Map<Occupation, StatusCounts> occupation = new EnumMap<>(Occupation.class);
        byOccupation.forEach((o, c) -> occupation.put(o, new StatusCounts(c)));
        return new StatusBreakdown(kecamatan, occupation);
    }

    /** The same count for every kecamatan and occupation and status (a kecamatan absent from one counts zero there). */
    public static void assertSameCounts(StatusBreakdown actual, StatusBreakdown expected) {
        Set<String> kecamatan = new HashSet<>(actual.byKecamatan().keySet());
        kecamatan.addAll(expected.byKecamatan().keySet());
        for (String k : kecamatan) {
            assertThat(actual.byKecamatan().getOrDefault(k, StatusCounts.empty())).as("kecamatan " + k)
                    .isEqualTo(expected.byKecamatan().getOrDefault(k, StatusCounts.empty()));
        }
        assertThat(actual.byOccupation()).isEqualTo(expected.byOccupation());
    }
}
