package id.dinsos.rentan.testsupport;

import id.dinsos.rentan.port.Metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every count as {@code Name=value {dimensions}}, for tests to compare; prints nothing. */
public final class RecordingMetrics implements Metrics {
    private final List<String> counted = new CopyOnWriteArrayList<>();

    @Override
    public void count(String name, long value, Map<String, String> dimensions) {
        counted.add(name + "=" + value + " " + dimensions);
    }

    public List<String> counted() {
        return List.copyOf(counted);
    }

    public void clear() {
        counted.clear();
    }
}
