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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monthly run against a plain BatchWriteItem of the same number of lines, side by side in one
 * JVM on one DynamoDB Local table (issue target: run <= 1.5 x plain write). Not part of the test
 * command; run with {@code mvn -B -ntp -P benchmark -pl functions/core -am verify}
 * ({@code -Dbenchmark.sizes=10000,100000} by default). It asserts only correctness, never time.
 *
 * <p>Both sides write through {@link DynamoDbLedgerStore#writeLines} in pages of {@link RunSegment#PAGE}
 * lines, so the comparison isolates what the run adds: counting participants for the budget guard,
 * reading them shard by shard, checkpointing each page and completing the run. Each size does a
 * warm-up, then alternates plain write and run twice, each on a month of its own, and reports the
 * medians.
 */
class MonthlyRunBenchmark {
    private static final String PROGRAMME = "bench";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-20T03:00:00Z"), ZoneId.of("Asia/Jakarta"));
    private static final ContributionRate RATE = new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800);

    @Test
    void monthlyRun_versusPlainBatchWrite() {
        String sizes = System.getProperty("benchmark.sizes", "10000,100000");
        List<String> report = new ArrayList<>();
        report.add(String.format("%-10s %14s %14s %8s", "N", "plain write ms", "monthly run ms", "ratio"));
        for (String size : sizes.split(",")) {
            int n = Integer.parseInt(size.trim());
            report.add(measure(n));
        }
        System.out.println("\nMonthly run vs plain BatchWriteItem of the same lines (DynamoDB Local, in-process, medians of 2):");
        report.forEach(System.out::println);
    }

    private String measure(int n) {
        DynamoDbClient dynamo = DynamoDbLocal.embedded();
        String table = "bench-" + n;
        TableFromTemplate.create(dynamo, ProjectFiles.readTemplate(), table);
        DynamoDbProgrammeStore programmes = new DynamoDbProgrammeStore(dynamo, table);
        DynamoDbLedgerStore ledgerStore = new DynamoDbLedgerStore(dynamo, table);
        DynamoDbParticipantSource participants = new DynamoDbParticipantSource(dynamo, table);
        programmes.save(new Programme(PROGRAMME, "Benchmark", n, List.of("Karawaci"), Set.of(Occupation.FARMER), 4, 15, 65,
                1, List.of(RATE), List.of(new BudgetAllocation(2026, Long.MAX_VALUE / 4)), List.of(), "SG"));
        List<Participant> seeded = seed(dynamo, table, n);

        RunSegment worker = new RunSegment(participants, ledgerStore, CLOCK);
        SegmentQueue inline = segments -> segments.forEach(s -> worker.process(s, () -> Long.MAX_VALUE, 0));
        Ledger ledger = new Ledger(ledgerStore, CLOCK);
        RunMonth runMonth = new RunMonth(programmes, participants, ledgerStore, ledger, inline,
                new Lapses(programmes, new DynamoDbRegistrationStore(dynamo, table), ledgerStore, ledger, CLOCK), CLOCK);

        // Warm-up: JIT, DynamoDB Local's statement caches.
        plainWrite(ledgerStore, seeded, YearMonth.of(2026, 1));
        run(runMonth, YearMonth.of(2026, 2), n);

        long[] plain = new long[2];
        long[] runs = new long[2];
        for (int rep = 0; rep < 2; rep++) {
            plain[rep] = plainWrite(ledgerStore, seeded, YearMonth.of(2026, 3 + 2 * rep));
            runs[rep] = run(runMonth, YearMonth.of(2026, 4 + 2 * rep), n);
        }
        long plainMs = median(plain);
        long runMs = median(runs);
        return String.format("%-10d %14d %14d %8.2f", n, plainMs, runMs, (double) runMs / plainMs);
    }

    private static long plainWrite(DynamoDbLedgerStore ledger, List<Participant> seeded, YearMonth month) {
        List<ContributionLine> lines = seeded.stream().map(p -> ContributionLine.charge(p, month, 1, RATE)).toList();
        long start = System.nanoTime();
        for (int from = 0; from < lines.size(); from += RunSegment.PAGE) {
            ledger.writeLines(PROGRAMME, lines.subList(from, Math.min(lines.size(), from + RunSegment.PAGE)));
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long run(RunMonth runMonth, YearMonth month, int n) {
        long start = System.nanoTime();
        MonthlyRunView view = runMonth.run(PROGRAMME, month, false, 1, Actor.system("benchmark"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(view.run().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(view.run().participants()).isEqualTo(n);
        return ms;
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
