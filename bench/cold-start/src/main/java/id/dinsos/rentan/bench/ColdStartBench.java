package id.dinsos.rentan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.bench.probe.LambdaProbe;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SamTemplate;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The cold-start benchmark: for every function of template.yaml with a sample event chosen below, a new
 * JVM per run ({@link LambdaProbe}) that loads the deployable jar as the Lambda Java runtime does and
 * answers one event from {@code events/} against DynamoDB Local on 127.0.0.1; in the same rounds, in a
 * shuffled order, the same for the bare handler (bench/bare-function). It prints, per function, the
 * medians of the time to the first answer (wall and CPU time of the child process) and the ratio to
 * the bare handler, taken per round and then the median, so that a busy machine slows both sides of
 * a ratio alike. With SnapStart mode it also runs each function's CRaC hooks as Lambda does around a
 * snapshot and measures from the restore to the first answer.
 *
 * <pre>
 * mvn -B -ntp -q package -DskipTests
 * java -jar bench/cold-start/target/cold-start-bench.jar [--runs 10] [--only RegistrationFunction,...] [--no-snapstart]
 *     [--class-log DIR]
 * </pre>
 */
public final class ColdStartBench {
    static final String TABLE = "cold-start";
    static final String BARE = "bare handler";
    /** A placeholder queue: no measured event sends to it, but the function builds its SQS client as in AWS. */
    private static final String NO_QUEUE = "http://127.0.0.1:9/000000000000/cold-start-segments";
    private static final String PLACEHOLDER_ID = "00000000-0000-4000-8000-000000000001";

    /** The event each function answers: a route its callers use most, on the data {@link Seed} writes. */
    static final Map<String, Sample> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("RegistrationFunction", new Sample("registration/get-programme-staff.json", "200"));
        SAMPLES.put("MonthlySubsidyApiFunction", new Sample("monthly-subsidy/get-run.json", "200"));
        SAMPLES.put("MonthlySubsidyFunction", new Sample("monthly-subsidy/sqs-segment.json", "-"));
        SAMPLES.put("ClaimCheckFunction", new Sample("claim-check/post-check-jkm-staff.json", "201"));
    }

    record Sample(String event, String expectedStatus) {
    }

    /** What one child JVM runs: a jar, its handler, its event, its environment. */
    record Scenario(String name, Path jar, String handler, Sample sample, Map<String, String> environment) {
        boolean bare() {
            return name.equals(BARE);
        }
    }

    /** One run's figures, in milliseconds from the child's start unless named otherwise. */
    record Run(String scenario, boolean snapStart, double jvmUpMs, double initMs, double answerMs, double cpuMs,
               double checkpointMs, double restoreWallMs, double restoreCpuMs, double warmMs, String status, String answer) {
    }

    /** {@code classLog}: a folder for each child's class-loading log, or null (the log slows the child: not for figures). */
    record Options(int runs, int warmups, List<String> only, boolean snapStart, String java, Path classLog) {
        static Options parse(String... args) {
            int runs = 10;
            int warmups = 1;
            List<String> only = List.of();
            boolean snapStart = true;
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path classLog = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                    case "--only" -> only = List.of(args[++i].split(","));
                    case "--no-snapstart" -> snapStart = false;
                    case "--java" -> java = args[++i];
                    case "--class-log" -> classLog = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: [--runs N] [--warmups N] [--only Function,...] [--no-snapstart] [--java PATH]"
                            + " [--class-log DIR]");
                }
            }
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1");
            }
            return new Options(runs, warmups, only, snapStart, java, classLog);
        }
    }

    private final Options options;
    private final Path root;
    private final Path target;
    private final PrintStream progress;

    ColdStartBench(Options options, PrintStream progress) {
        this.options = options;
        this.root = ProjectFiles.root();
        this.target = ownTarget();
        this.progress = progress;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<Run> runs = new ColdStartBench(options, System.err).measure();
        System.out.println(Report.of(runs, options));
        // DynamoDB Local leaves non-daemon threads behind.
        System.exit(0);
    }

    /** Seeds DynamoDB Local, then runs the warm-up rounds and the measured rounds; returns the measured runs. */
    List<Run> measure() {
        SamTemplate template = ProjectFiles.readTemplate();
        try (DynamoDbLocal.Server dynamo = DynamoDbLocal.start(0, null)) {
            String programmeId = template.root().path("Parameters").path("ProgrammeId").path("Default").asText();
            DynamoDbClient client = DynamoDbLocal.client(dynamo.endpoint());
            TableFromTemplate.create(client, template, TABLE);
            Seed seed = Seed.write(client, TABLE, programmeId, root.resolve("events"));
            List<Scenario> scenarios = scenarios(template, dynamo.endpoint().toString(), programmeId);
            progress.printf(Locale.ROOT, "cold-start benchmark: %d scenarios, %d warm-up and %d measured rounds%s%n", scenarios.size(),
                    options.warmups(), options.runs(), options.snapStart() ? ", each cold and SnapStart" : "");
            List<Run> measured = new ArrayList<>();
            int counter = 0;
            for (int round = -options.warmups(); round < options.runs(); round++) {
                List<Scenario> order = new ArrayList<>(scenarios);
                // A fixed shuffle per round: no function always runs right after the bare handler.
                Collections.shuffle(order, new Random(round));
                for (Scenario s : order) {
                    for (boolean snapStart : options.snapStart() ? List.of(false, true) : List.of(false)) {
                        Run run = runOnce(s, snapStart, seed, ++counter);
                        if (!run.status().equals(s.sample().expectedStatus())) {
                            throw new IllegalStateException(s.name() + " answered " + run.status() + " where "
                                    + s.sample().expectedStatus() + " was expected: " + run.answer());
                        }
                        if (round >= 0) {
                            measured.add(run);
                        }
                    }
                }
                progress.printf(Locale.ROOT, "  round %d of %d done%n", round + 1 + options.warmups(), options.runs() + options.warmups());
            }
            return measured;
        }
    }

    private List<Scenario> scenarios(SamTemplate template, String endpoint, String programmeId) {
        Map<String, String> refs = new LinkedHashMap<>();
        template.root().path("Parameters").fields().forEachRemaining(p -> refs.put(p.getKey(), p.getValue().path("Default").asText()));
        refs.put(template.table().getKey(), TABLE);
        refs.put("ProgrammeId", programmeId);
        refs.put("SegmentQueue", NO_QUEUE);
        List<Scenario> scenarios = new ArrayList<>();
        String javaToolOptions = null;
        for (SamTemplate.Function f : template.functions()) {
            Map<String, String> env = lambdaEnvironment(f.logicalId(), endpoint);
            f.environment().forEach((name, value) -> env.put(name, SamTemplate.resolve(value, refs)));
            javaToolOptions = env.get("JAVA_TOOL_OPTIONS");
            Sample sample = SAMPLES.get(f.logicalId());
            if (sample == null || (!options.only().isEmpty() && !options.only().contains(f.logicalId()))) {
                continue;
            }
            Path jar = root.resolve(f.codeUri());
            requireFile(jar, "the function's deployable jar; build it with: mvn -B -ntp -q package -DskipTests");
            scenarios.add(new Scenario(f.logicalId(), jar, f.handler(), sample, env));
        }
        Map<String, String> bareEnv = lambdaEnvironment("BareFunction", endpoint);
        if (javaToolOptions != null) {
            bareEnv.put("JAVA_TOOL_OPTIONS", javaToolOptions);
        }
        Path bareJar = root.resolve("bench/bare-function/target/bare-function.jar");
        requireFile(bareJar, "the bare handler's jar; build it with: mvn -B -ntp -q package -DskipTests");
        scenarios.add(0, new Scenario(BARE, bareJar, "id.dinsos.rentan.bench.bare.BareHandler::handleRequest",
                new Sample("registration/get-programme-staff.json", "-"), bareEnv));
        return scenarios;
    }

    /**
     * What Lambda puts in a function's environment, with DynamoDB Local as the endpoint. Nothing is
     * inherited from the shell that started the benchmark (a developer's AWS keys stay out of it).
     */
    private static Map<String, String> lambdaEnvironment(String function, String endpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_REGION", "ap-southeast-3");
        env.put("AWS_DEFAULT_REGION", "ap-southeast-3");
        // Without SnapStart, Lambda hands the function's role credentials over in these variables.
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SESSION_TOKEN", "local");
        env.put("DYNAMODB_ENDPOINT", endpoint);
        return env;
    }

    private Run runOnce(Scenario s, boolean snapStart, Seed seed, int counter) {
        Path event = eventFor(s, seed, counter, "");
        // The second request is a new one too (its own idempotency key), so that it does the route's whole work warm.
        Path second = eventFor(s, seed, counter, "-2nd");
        List<String> command = new ArrayList<>(List.of(options.java(),
                // The collector a one- or two-vCPU function gets; G1's extra threads would only add noise here.
                "-XX:+UseSerialGC"));
        if (options.classLog() != null) {
            // On the child's standard output, between the probe's marks: what each phase loaded.
            command.add("-Xlog:class+load=info:stdout");
        }
        if (snapStart) {
            // org.crac finds the probe's stand-in for the runtime's CRaC support under this name.
            command.add("-Dorg.crac.Core.Compat=id.dinsos.rentan.bench.probe.crac");
        }
        command.addAll(List.of("-cp", probeClasspath(), LambdaProbe.class.getName(),
                s.jar().toString(), s.handler(), event.toString(), snapStart ? "snapstart" : "cold", second.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(target.toFile());
        builder.environment().clear();
        builder.environment().putAll(s.environment());
        builder.redirectErrorStream(false);
        long started = System.nanoTime();
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + options.java(), e);
        }
        BlockingQueue<Mark> marks = new LinkedBlockingQueue<>();
        StringBuilder stderr = new StringBuilder();
        StringBuilder log = new StringBuilder();
        Thread out = reader(child.getInputStream(), line -> {
            if (options.classLog() != null) {
                log.append(line).append('\n');
            }
            if (line.startsWith(LambdaProbe.MARK)) {
                marks.add(new Mark(System.nanoTime(), line.substring(LambdaProbe.MARK.length())));
            }
        });
        Thread err = reader(child.getErrorStream(), line -> {
            synchronized (stderr) {
                stderr.append(line).append('\n');
            }
        });
        try {
            double jvmUp = since(started, await(marks, "main", child, stderr).at());
            double init = since(started, await(marks, "init", child, stderr).at());
            double checkpoint = Double.NaN;
            double restoreWall = Double.NaN;
            double restoreCpu = Double.NaN;
            double snapshotCpu = 0;
            long snapshotAt = 0;
            if (snapStart) {
                Mark snapshot = await(marks, "snapshot", child, stderr);
                checkpoint = since(started, snapshot.at()) - init;
                snapshotCpu = cpuMillis(child);
                snapshotAt = System.nanoTime();
                go(child);
            }
            Mark answer = await(marks, "answer", child, stderr);
            double cpu = cpuMillis(child);
            if (snapStart) {
                restoreWall = (answer.at() - snapshotAt) / 1e6;
                restoreCpu = cpu - snapshotCpu;
            }
            String[] parts = answer.text().split(" ", 3);
            go(child);
            Mark warm = await(marks, "warm", child, stderr);
            child.waitFor(30, TimeUnit.SECONDS);
            out.join(5_000);
            err.join(5_000);
            if (options.classLog() != null) {
                writeClassLog(s, snapStart, counter, log);
            }
            return new Run(s.name(), snapStart, jvmUp, init, since(started, answer.at()), cpu, checkpoint, restoreWall, restoreCpu,
                    Double.parseDouble(warm.text().substring("warm ".length())) / 1_000, parts[1], parts.length > 2 ? parts[2] : "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            child.destroyForcibly();
            try {
                Files.deleteIfExists(event);
                Files.deleteIfExists(second);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temp folder
            }
        }
    }

    /** The sample event as the function gets it; the claim check's made unique per run (see README, Performance). */
    private Path eventFor(Scenario s, Seed seed, int counter, String keySuffix) {
        Path source = root.resolve("events").resolve(s.sample().event());
        JsonNode event = SampleEvents.readTree(source);
        String text = event.toString();
        if (!s.bare() && text.contains(PLACEHOLDER_ID)) {
            text = text.replace(PLACEHOLDER_ID, seed.participantId);
        }
        try {
            JsonNode rewritten = SampleEvents.MAPPER.readTree(text);
            if (rewritten.path("headers").has("idempotency-key")) {
                // A key used once replays its first answer: every run must do the route's whole work.
                ((ObjectNode) rewritten.get("headers")).put("idempotency-key", "cold-start-" + ProcessHandle.current().pid() + "-" + counter + keySuffix);
            }
            Path file = Files.createTempFile("cold-start-event-", ".json");
            Files.writeString(file, SampleEvents.MAPPER.writeValueAsString(rewritten));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Mark(long at, String text) {
    }

    private static Mark await(BlockingQueue<Mark> marks, String what, Process child, StringBuilder stderr) throws InterruptedException {
        Mark mark = marks.poll(120, TimeUnit.SECONDS);
        if (mark == null || !mark.text().startsWith(what)) {
            child.destroyForcibly();
            synchronized (stderr) {
                throw new IllegalStateException("the probe did not report '" + what + "' (got " + (mark == null ? "nothing" : mark.text())
                        + "); its standard error:\n" + stderr);
            }
        }
        return mark;
    }

    private static void go(Process child) {
        try {
            OutputStream in = child.getOutputStream();
            in.write('\n');
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeClassLog(Scenario s, boolean snapStart, int counter, CharSequence log) {
        try {
            Files.createDirectories(options.classLog());
            Files.writeString(options.classLog().resolve(s.name().replace(' ', '-') + (snapStart ? "-snapstart-" : "-cold-")
                    + counter + ".log"), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the class log to " + options.classLog(), e);
        }
    }

    /** User and system CPU time of the whole child process so far (all its threads: JIT and GC included). */
    private static double cpuMillis(Process child) {
        return child.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElseThrow(
                () -> new IllegalStateException("this OS does not report a process's CPU time")) / 1e6;
    }

    private static double since(long started, long at) {
        return (at - started) / 1e6;
    }

    private static Thread reader(java.io.InputStream stream, java.util.function.Consumer<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        }, "probe-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * The probe's class path: this module's classes (only the probe's are loaded) and the runtime's two
     * libraries, nothing else, so that the child loads what a Lambda runtime would and no more.
     */
    private String probeClasspath() {
        Path classes = target.resolve("classes");
        requireFile(classes, "the probe's classes; build with: mvn -B -ntp -q package -DskipTests");
        try (Stream<Path> libs = Files.list(target.resolve("probe-lib"))) {
            return Stream.concat(Stream.of(classes), libs.sorted()).map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException("no " + target.resolve("probe-lib") + "; build with: mvn -B -ntp -q package -DskipTests", e);
        }
    }

    /** bench/cold-start/target, found from where this class was loaded (target/classes or target/*.jar). */
    private static Path ownTarget() {
        try {
            Path location = Path.of(ColdStartBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireFile(Path path, String what) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("missing " + path + ": " + what);
        }
    }
}
