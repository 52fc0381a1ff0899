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

    /**
     * An amount of money in whole rupiah (CloudWatch has no currency unit: EMF writes it with unit
     * {@code None}). A recorder that does not tell units apart keeps it as a count.
     */
    default void rupiah(String name, long amount, Map<String, String> dimensions) {
        count(name, amount, dimensions);
    }

    /** {@code amount} rupiah of {@code name} for a programme. */
    default void rupiah(String name, long amount, String programmeId) {
        rupiah(name, amount, Map.of(PROGRAMME, programmeId));
    }

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
