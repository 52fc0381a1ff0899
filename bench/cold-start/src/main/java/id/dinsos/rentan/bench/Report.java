package id.dinsos.rentan.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The benchmark's tables, in Markdown so that they can go into the README as printed. */
final class Report {
    private Report() {
    }

    static String of(List<ColdStartBench.Run> runs, ColdStartBench.Options options) {
        Map<String, List<ColdStartBench.Run>> cold = byScenario(runs, false);
        List<ColdStartBench.Run> bare = cold.get(ColdStartBench.BARE);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Cold start: a new JVM per run, medians of %d runs; ratio = function / bare handler of the same round, median over rounds%n%n",
                options.runs()));
        b.append("| function | event | JVM up ms | handler made ms | first answer ms | CPU ms | ratio wall | ratio CPU | 2nd request ms |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        cold.forEach((name, list) -> b.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %s | %s | %.1f |%n",
                name, event(name), median(list, ColdStartBench.Run::jvmUpMs), median(list, ColdStartBench.Run::initMs),
                median(list, ColdStartBench.Run::answerMs), median(list, ColdStartBench.Run::cpuMs),
                name.equals(ColdStartBench.BARE) ? "1" : ratio(list, bare, ColdStartBench.Run::answerMs),
                name.equals(ColdStartBench.BARE) ? "1" : ratio(list, bare, ColdStartBench.Run::cpuMs),
                median(list, ColdStartBench.Run::warmMs))));
        Map<String, List<ColdStartBench.Run>> snap = byScenario(runs, true);
        if (!snap.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nSnapStart: the same, with the CRaC hooks run as Lambda runs them around a snapshot;"
                    + " measured from the restore (after-restore hooks included) to the first answer, medians of %d runs%n%n", options.runs()));
            b.append("| function | restore to first answer ms | its CPU ms | 2nd request ms | before-checkpoint hooks ms (paid once, at publishing) |\n");
            b.append("|---|---:|---:|---:|---:|\n");
            snap.forEach((name, list) -> b.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.1f | %.0f |%n", name,
                    median(list, ColdStartBench.Run::restoreWallMs), median(list, ColdStartBench.Run::restoreCpuMs),
                    median(list, ColdStartBench.Run::warmMs),
                    median(list, ColdStartBench.Run::checkpointMs))));
        }
        return b.toString();
    }

    private static String event(String scenario) {
        ColdStartBench.Sample sample = ColdStartBench.SAMPLES.get(scenario);
        return sample == null ? "registration/get-programme-staff.json" : sample.event();
    }

    /** The bare handler first, then the functions in the order of {@link ColdStartBench#SAMPLES}, whatever order they ran in. */
    private static Map<String, List<ColdStartBench.Run>> byScenario(List<ColdStartBench.Run> runs, boolean snapStart) {
        List<String> order = new ArrayList<>();
        order.add(ColdStartBench.BARE);
        order.addAll(ColdStartBench.SAMPLES.keySet());
        Map<String, List<ColdStartBench.Run>> grouped = new LinkedHashMap<>();
        order.forEach(name -> runs.stream().filter(r -> r.snapStart() == snapStart && r.scenario().equals(name))
                .forEach(r -> grouped.computeIfAbsent(name, k -> new ArrayList<>()).add(r)));
        return grouped;
    }

    /** The i-th run of every scenario belongs to round i, so runs pair by position. */
    private static String ratio(List<ColdStartBench.Run> runs, List<ColdStartBench.Run> bare, ToDoubleFunction<ColdStartBench.Run> value) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(runs.size(), bare.size()); i++) {
            ratios.add(value.applyAsDouble(runs.get(i)) / value.applyAsDouble(bare.get(i)));
        }
        return String.format(Locale.ROOT, "%.2f", median(ratios));
    }

    static double median(List<ColdStartBench.Run> runs, ToDoubleFunction<ColdStartBench.Run> value) {
        return median(runs.stream().map(value::applyAsDouble).toList());
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
