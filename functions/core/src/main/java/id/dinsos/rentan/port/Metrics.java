package id.dinsos.rentan.port;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Operational counters (README "Metrics"): a name, a count, and the dimensions CloudWatch groups it
 * by. Dimensions carry programme ids, codes and outcomes only: never a NIK, a name or anything a
 * caller typed freely.
 */
public interface Metrics {
    /** The one dimension every metric carries. */
    String PROGRAMME = "Programme";

    /** Records {@code value} (a count) of {@code name} under these dimensions, in the given order. */
    void count(String name, long value, Map<String, String> dimensions);

    /** Records nothing: tests and the local runner. */
    Metrics NONE = (name, value, dimensions) -> {
    };

    /** {@code value} of {@code name} for a programme. */
    default void count(String name, long value, String programmeId) {
        count(name, value, Map.of(PROGRAMME, programmeId));
    }

    /** {@code value} of {@code name} for a programme, with one more dimension after {@code Programme}. */
    default void count(String name, long value, String programmeId, String dimension, String dimensionValue) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put(PROGRAMME, programmeId);
        dimensions.put(dimension, dimensionValue);
        count(name, value, dimensions);
    }
}
