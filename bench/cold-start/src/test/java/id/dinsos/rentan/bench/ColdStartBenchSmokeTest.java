package id.dinsos.rentan.bench;

import id.dinsos.rentan.devkit.ProjectFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One round of the cold-start benchmark for one function and the bare handler, cold and SnapStart,
 * so that the harness keeps working as the functions change. It asserts what was answered, never how
 * fast: timings on a shared two-core machine are the benchmark's business (README, Performance).
 */
class ColdStartBenchSmokeTest {

    @Test
    void oneRound_loadsEachJarAsTheLambdaRuntimeDoes_andEveryRunAnswersAsExpected() {
        assumeTrue(Files.isRegularFile(ProjectFiles.root().resolve("functions/registration/target/registration-function.jar")),
                "the deployable jars are made by the package phase; run mvn verify (or package) from the project root");
        ColdStartBench.Options options = ColdStartBench.Options.parse("--runs", "1", "--warmups", "0", "--only", "RegistrationFunction");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        List<ColdStartBench.Run> runs = new ColdStartBench(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).measure();

        assertThat(runs).extracting(ColdStartBench.Run::scenario, ColdStartBench.Run::snapStart, ColdStartBench.Run::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ColdStartBench.BARE, false, "-"),
                        org.assertj.core.groups.Tuple.tuple(ColdStartBench.BARE, true, "-"),
                        org.assertj.core.groups.Tuple.tuple("RegistrationFunction", false, "200"),
                        org.assertj.core.groups.Tuple.tuple("RegistrationFunction", true, "200"));
        assertThat(runs).filteredOn(r -> r.scenario().equals("RegistrationFunction"))
                .allSatisfy(r -> assertThat(r.answer()).contains("\"statusCode\":200").contains("kota-tangerang"));
        assertThat(runs).filteredOn(r -> r.scenario().equals(ColdStartBench.BARE)).allSatisfy(r -> assertThat(r.answer()).isEqualTo("\"ok\""));
        String report = Report.of(runs, options);
        assertThat(report).contains("| bare handler |", "| RegistrationFunction | registration/get-programme-staff.json |", "SnapStart");
    }
}
