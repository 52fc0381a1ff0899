package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.application.Lapses;
import id.dinsos.rentan.application.Ledger;
import id.dinsos.rentan.application.MonthlyRunView;
import id.dinsos.rentan.application.RunMonth;
import id.dinsos.rentan.application.RunSegment;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.TableFromTemplate;
import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.Address;
import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.BudgetAllocation;
import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Participant;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.domain.Sex;
import id.dinsos.rentan.port.SegmentQueue;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monthly run against a plain BatchWriteItem of the same number of lines, side by side in one
 * JVM on one DynamoDB Local table (issue 11 target: run <= 1.2 x plain write at every size, and
 * linear growth). Not part of the test command; run with
 * {@code mvn -B -ntp -P benchmark -pl functions/core -am verify}
 * ({@code -Dbenchmark.sizes=10000,100000} by default, {@code -Dbenchmark.segments=4} as the
 * template's {@code RunSegments}; {@code -Dbenchmark.endpoint=http://127.0.0.1:8000} uses a DynamoDB
 * Local server started apart instead of an in-process one). It asserts only correctness, never time.
 *
 * <p>Both sides write through {@link DynamoDbLedgerStore#writeLines} in pages of {@link RunSegment#PAGE}
 * lines, with the same number of threads (one per shard the run works on at once: segments x
 * {@code RunSegment.PARALLEL_SHARDS}, at most 16), so the comparison isolates what the run adds:
 * counting participants for the budget guard, reading them shard by shard, checkpointing each page
 * and completing the run. The run's segments run side by side, one worker each, as separate
 * invocations fed by SQS would. Each size does a warm-up, then alternates plain write and run twice,
 * each on a month of its own, and reports the medians, lines per second, the growth from the
 * previous size, and a per-call profile of both sides (count and time of each DynamoDB operation):
 * the time DynamoDB Local spends answering, against the wall time the run takes.
 */
class MonthlyRunBenchmark {
    private static final String PROGRAMME = "bench";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-20T03:00:00Z"), ZoneId.of("Asia/Jakarta"));
    private static final ContributionRate RATE = new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800);
    /** Repetitions of each side per size ({@code -Dbenchmark.reps}); 1 with {@code -Dbenchmark.warmup=false} at 1,000,000. */
    private static final int REPS = Integer.getInteger("benchmark.reps", 2);
    private static final boolean WARM_UP = Boolean.parseBoolean(System.getProperty("benchmark.warmup", "true"));

    @Test
    void monthlyRun_versusPlainBatchWrite() {
        String sizes = System.getProperty("benchmark.sizes", "10000,100000");
        int segments = Integer.parseInt(System.getProperty("benchmark.segments", "4"));
        String endpoint = System.getProperty("benchmark.endpoint", "");
        List<String> report = new ArrayList<>();
        List<String> profiles = new ArrayList<>();
        report.add(String.format("%-9s %10s %10s %7s %12s %12s %9s %9s", "N", "plain ms", "run ms", "ratio",
                "plain line/s", "run line/s", "growth pl", "growth run"));
        long[] previous = null;
        for (String size : sizes.split(",")) {
            int n = Integer.parseInt(size.trim());
            Measured m = measure(n, segments, endpoint);
            String growth = previous == null ? String.format(" %9s %9s", "-", "-")
                    : String.format(" %9.2f %9.2f", (double) m.plainMs / previous[0], (double) m.runMs / previous[1]);
            report.add(String.format("%-9d %10d %10d %7.2f %12.0f %12.0f", n, m.plainMs, m.runMs, (double) m.runMs / m.plainMs,
                    n * 1000.0 / m.plainMs, n * 1000.0 / m.runMs) + growth);
            profiles.add("N=" + n + ", plain write (last repetition): " + m.plainProfile);
            profiles.add("N=" + n + ", monthly run (last repetition):  " + m.runProfile);
            profiles.add(String.format("N=%d, CPU time of this JVM (medians): plain write %d ms, monthly run %d ms%s", n, m.plainCpuMs,
                    m.runCpuMs, endpoint.isEmpty() ? " (DynamoDB Local included: it runs in this JVM)"
                            : " (DynamoDB Local excluded: our code, the SDK and HTTP only)"));
            previous = new long[]{m.plainMs, m.runMs};
        }
        System.out.println("\nMonthly run vs plain BatchWriteItem of the same lines (DynamoDB Local "
                + (endpoint.isEmpty() ? "in-process" : "server at " + endpoint) + ", " + segments + " segments, medians of " + REPS
                + "; growth = time / previous size's time):");
        report.forEach(System.out::println);
        System.out.println("\nPer-call profile (operation: calls, total ms of call time summed over threads, mean ms):");
        profiles.forEach(System.out::println);
    }

    private record Measured(long plainMs, long runMs, String plainProfile, String runProfile, long plainCpuMs, long runCpuMs) {
    }

    private Measured measure(int n, int segments, String endpoint) {
        Profile profile = new Profile();
        DynamoDbClient dynamo = profile.wrap(endpoint.isEmpty() ? DynamoDbLocal.embedded() : DynamoDbLocal.client(URI.create(endpoint)));
        String table = "bench-" + n + "-" + System.nanoTime();
        TableFromTemplate.create(dynamo, ProjectFiles.readTemplate(), table);
        DynamoDbProgrammeStore programmes = new DynamoDbProgrammeStore(dynamo, table);
        DynamoDbLedgerStore ledgerStore = new DynamoDbLedgerStore(dynamo, table);
        DynamoDbParticipantSource participants = new DynamoDbParticipantSource(dynamo, table);
        programmes.save(new Programme(PROGRAMME, "Benchmark", n, List.of("Karawaci"), Set.of(Occupation.FARMER), 4, 15, 65,
                1, List.of(RATE), List.of(new BudgetAllocation(2026, Long.MAX_VALUE / 4)), List.of(), "SG"));
        List<Participant> seeded = seed(dynamo, table, n);
        // Seeded without the registration store's transactions, so like registrations older than the coverage counts:
        // drop the empty counts the new programme started with, and the warm-up run takes their one-time baseline.
        dynamo.deleteItem(r -> r.tableName(table).key(CoverageItems.key(PROGRAMME)));

        // One worker per segment, as one Lambda invocation per SQS message; the segments run side by side.
        List<RunSegment> workers = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            workers.add(new RunSegment(participants, ledgerStore, CLOCK));
        }
        ExecutorService invocations = Executors.newFixedThreadPool(segments);
        SegmentQueue parallel = list -> {
            List<Future<RunSegment.Outcome>> done = list.stream()
                    .map(s -> invocations.submit(() -> workers.get(s.index()).process(s, () -> Long.MAX_VALUE, 0))).toList();
            done.forEach(MonthlyRunBenchmark::await);
        };
        Ledger ledger = new Ledger(ledgerStore, CLOCK);
        RunMonth runMonth = new RunMonth(programmes, participants, ledgerStore, ledger, parallel,
                new Lapses(programmes, new DynamoDbRegistrationStore(dynamo, table), ledgerStore, ledger, CLOCK), CLOCK);
        int writers = Math.min(participants.shards(), segments * 4);
        ExecutorService writerPool = Executors.newFixedThreadPool(writers);
        try {
            if (WARM_UP) {
                // Warm-up: JIT, DynamoDB Local's statement caches (and the coverage counts' one-time baseline).
                plainWrite(ledgerStore, seeded, YearMonth.of(2026, 1), writerPool, writers);
                run(runMonth, YearMonth.of(2026, 2), n, segments);
            } else {
                long start = System.nanoTime();
                participants.enrolled(PROGRAMME, YearMonth.of(2026, 1));
                System.out.printf("N=%d: the coverage counts' one-time baseline from the index took %d ms%n", n,
                        (System.nanoTime() - start) / 1_000_000);
            }

            long[] plain = new long[REPS];
            long[] runs = new long[REPS];
            long[] plainCpu = new long[REPS];
            long[] runCpu = new long[REPS];
            String plainProfile = "";
            String runProfile = "";
            for (int rep = 0; rep < REPS; rep++) {
                profile.reset();
                long cpu = cpuMillis();
                plain[rep] = plainWrite(ledgerStore, seeded, YearMonth.of(2026, 3 + 2 * rep), writerPool, writers);
                plainCpu[rep] = cpuMillis() - cpu;
                plainProfile = profile.summary();
                profile.reset();
                cpu = cpuMillis();
                runs[rep] = run(runMonth, YearMonth.of(2026, 4 + 2 * rep), n, segments);
                runCpu[rep] = cpuMillis() - cpu;
                runProfile = profile.summary();
            }
            return new Measured(median(plain), median(runs), plainProfile, runProfile, median(plainCpu), median(runCpu));
        } finally {
            writerPool.shutdown();
            invocations.shutdown();
        }
    }

    /** The same lines in pages of {@link RunSegment#PAGE}, {@code writers} pages at a time. */
    private static long plainWrite(DynamoDbLedgerStore ledger, List<Participant> seeded, YearMonth month,
                                   ExecutorService pool, int writers) {
        List<ContributionLine> lines = seeded.stream().map(p -> ContributionLine.charge(p, month, 1, RATE)).toList();
        long start = System.nanoTime();
        List<Future<?>> stripes = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int stripe = w;
            stripes.add(pool.submit(() -> {
                for (int from = stripe * RunSegment.PAGE; from < lines.size(); from += writers * RunSegment.PAGE) {
                    ledger.writeLines(PROGRAMME, lines.subList(from, Math.min(lines.size(), from + RunSegment.PAGE)));
                }
            }));
        }
        stripes.forEach(MonthlyRunBenchmark::await);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long run(RunMonth runMonth, YearMonth month, int n, int segments) {
        long start = System.nanoTime();
        MonthlyRunView view = runMonth.run(PROGRAMME, month, false, segments, Actor.system("benchmark"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(view.run().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(view.run().participants()).isEqualTo(n);
        return ms;
    }

    /** CPU time of this whole JVM, every thread. */
    private static long cpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Count and time of each DynamoDB operation, over every thread, since the last reset. */
    private static final class Profile {
        private final Map<String, LongAdder[]> calls = new ConcurrentSkipListMap<>();

        DynamoDbClient wrap(DynamoDbClient delegate) {
            return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[]{DynamoDbClient.class},
                    (proxy, method, args) -> {
                        long start = System.nanoTime();
                        try {
                            return method.invoke(delegate, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        } finally {
                            LongAdder[] stats = calls.computeIfAbsent(method.getName(), k -> new LongAdder[]{new LongAdder(), new LongAdder()});
                            stats[0].increment();
                            stats[1].add(System.nanoTime() - start);
                        }
                    });
        }

        void reset() {
            calls.clear();
        }

        String summary() {
            StringBuilder text = new StringBuilder();
            calls.forEach((op, stats) -> {
                long count = stats[0].sum();
                double ms = stats[1].sum() / 1e6;
                text.append(String.format("%s %d / %.0f ms / %.1f; ", op, count, ms, ms / count));
            });
            return text.toString();
        }
    }

    /** N ACTIVE registrations covered from January 2026, written with plain batch writes (not timed). */
    private static List<Participant> seed(DynamoDbClient dynamo, String table, int n) {
        OffsetDateTime at = OffsetDateTime.now(CLOCK);
        List<Participant> participants = new ArrayList<>(n);
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Nik nik = Nik.of(String.format("367101%02d0190%04d", 1 + i % 28, 1 + i % 9999));
            Application application = new Application(nik, "Peserta " + i, LocalDate.of(1990, 1, 1 + i % 28), Sex.M, null,
                    new Address("Jl. " + i, "Sukajadi", "Karawaci"), Occupation.FARMER, null, false);
            Registration registration = Registration.submitted(String.format("bench-%07d", i), PROGRAMME, application,
                    RegistrationSource.IMPORT, Actor.system("benchmark"), at).activate(LocalDate.of(2026, 1, 1), Actor.system("benchmark"), at, "seed");
            participants.add(new Participant(registration.id(), nik, application.fullName(), null, registration.coverageStart(), null,
                    registration.coverageGrantedAt().toInstant()));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(RegistrationItems.toItem(registration, 1)).build()).build());
            if (batch.size() == 25 || i == n - 1) {
                Map<String, List<WriteRequest>> request = Map.of(table, List.copyOf(batch));
                dynamo.batchWriteItem(r -> r.requestItems(request));
                batch.clear();
            }
        }
        return participants;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
