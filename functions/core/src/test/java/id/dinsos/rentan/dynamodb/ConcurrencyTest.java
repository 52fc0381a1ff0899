package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.application.EndRegistration;
import id.dinsos.rentan.application.RegistrationView;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.EndReason;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.StatusBreakdown;
import id.dinsos.rentan.domain.StatusCounts;
import id.dinsos.rentan.port.RegistrationStore.Change;
import id.dinsos.rentan.port.RegistrationStore.QuotaGuard;
import id.dinsos.rentan.port.RegistrationStore.WriteResult;
import id.dinsos.rentan.testsupport.Breakdowns;
import id.dinsos.rentan.testsupport.Fixtures;
import id.dinsos.rentan.testsupport.LocalDynamo;
import id.dinsos.rentan.testsupport.Services;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static id.dinsos.rentan.testsupport.Fixtures.CLOCK;
import static id.dinsos.rentan.testsupport.Fixtures.NEXT_MONTH;
import static id.dinsos.rentan.testsupport.Fixtures.NOW;
import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many requests at once must never break the invariants that span items: the quota and one
 * live registration per NIK. Threads start together on a latch; the outcome is checked by
 * counting, never by timing.
 */
class ConcurrencyTest {
    private static DynamoDbClient client;
    private static String table;

    private Services services;
    private String programmeId;

    @BeforeAll
    static void startDynamo() {
        client = DynamoDbLocal.embedded();
        table = LocalDynamo.newTable(client, "concurrency");
    }

    @AfterAll
    static void stopDynamo() {
        client.close();
    }

    @BeforeEach
    void setUp() {
        services = new Services(client, table, CLOCK);
        programmeId = Fixtures.uniqueId("prog");
    }

    /** Runs every task on its own thread, all released at once; returns each task's outcome (value or exception). */
    private static <T> List<Object> together(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return task.call();
                    } catch (Exception e) {
                        return e;
                    }
                }));
            }
            ready.await();
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                outcomes.add(f.get(2, TimeUnit.MINUTES));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private StatusCounts counts() {
        return services.programmes.find(programmeId).orElseThrow().counts();
    }

    @Test
    void fiftySimultaneousApprovals_withQuota10_give10ActiveAnd40Waitlisted_R17() throws Exception {
        services.programmes.save(Fixtures.programme(programmeId, 10));
        List<String> ids = new ArrayList<>();
        List<Change> batch = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            Registration r = Fixtures.pending(programmeId, i);
            ids.add(r.id());
            batch.add(Change.create(r));
            if (batch.size() == 25) {
                assertThat(services.registrations.write(batch, QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
                batch.clear();
            }
        }

        List<Callable<RegistrationView>> approvals = ids.stream()
                .<Callable<RegistrationView>>map(id -> () -> services.decide.approve(id, STAFF)).toList();
        List<Object> outcomes = together(approvals);

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(RegistrationView.class));
        List<Registration> stored = ids.stream().map(id -> services.registrations.find(id).orElseThrow()).toList();
        assertThat(stored).filteredOn(r -> r.status() == RegistrationStatus.ACTIVE).hasSize(10)
                .allSatisfy(r -> assertThat(r.coverageStart()).isEqualTo(NEXT_MONTH));
        List<Registration> waiting = stored.stream().filter(r -> r.status() == RegistrationStatus.WAITLISTED).toList();
        assertThat(waiting).hasSize(40);

        StatusCounts counts = counts();
        assertThat(counts.active()).isEqualTo(10);
        assertThat(counts.of(RegistrationStatus.WAITLISTED)).isEqualTo(40);
        assertThat(counts.of(RegistrationStatus.PENDING_REVIEW)).isZero();

        List<Long> positions = waiting.stream().map(services.registrations::waitlistPosition).sorted().toList();
        assertThat(positions).doesNotHaveDuplicates().first().isEqualTo(1L);
        assertThat(positions).last().isEqualTo(40L);
        // What each caller was told agrees with what was stored.
        assertThat(outcomes).map(o -> ((RegistrationView) o).registration().status())
                .filteredOn(s -> s == RegistrationStatus.ACTIVE).hasSize(10);
        // Issue 8: each waitlisted caller was told the position its own write took: 1..40, no two alike,
        // each the position stored for it (nobody left the waitlist meanwhile).
        List<RegistrationView> told = outcomes.stream().map(o -> (RegistrationView) o)
                .filter(v -> v.registration().status() == RegistrationStatus.WAITLISTED).toList();
        assertThat(told).extracting(RegistrationView::waitlistPosition).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(told).allSatisfy(v -> assertThat(v.waitlistPosition())
                .isEqualTo(services.registrations.waitlistPosition(services.registrations.find(v.registration().id()).orElseThrow())));
    }

    @Test
    void twentySimultaneousApplications_ofOneNik_letExactlyOneThrough_R16() throws Exception {
        services.programmes.save(Fixtures.programme(programmeId, 10));
        List<Callable<Registration>> submissions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            submissions.add(() -> services.register.submit(programmeId, Fixtures.siti(), RegistrationSource.PORTAL, Fixtures.PORTAL));
        }
        List<Object> outcomes = together(submissions);

        assertThat(outcomes).filteredOn(o -> o instanceof Registration).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof Registration)).hasSize(19)
                .allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(Refusal.Conflict.class,
                        c -> assertThat(c.code()).isEqualTo("ALREADY_REGISTERED")));
        assertThat(services.registrations.findByNik(programmeId, Fixtures.siti().nik())).hasSize(1);
        assertThat(counts().of(RegistrationStatus.PENDING_REVIEW)).isEqualTo(1);
    }

    @Test
    void fiveSimultaneousEnds_withAWaitlistOf3_promoteEachWaitingOnceAndNeverExceedTheQuota_R17() throws Exception {
        services.programmes.save(Fixtures.programme(programmeId, 5));
        List<String> active = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Registration r = Fixtures.pending(programmeId, i).activate(NEXT_MONTH, STAFF, NOW, "approved");
            assertThat(services.registrations.write(List.of(Change.create(r)), QuotaGuard.ONE_PLACE_FREE)).isEqualTo(WriteResult.WRITTEN);
            active.add(r.id());
        }
        for (int i = 6; i <= 8; i++) {
            Registration r = Fixtures.pending(programmeId, i).waitlist(STAFF, NOW.plusMinutes(i));
            assertThat(services.registrations.write(List.of(Change.create(r)), QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
            waiting.add(r.id());
        }

        // A watcher samples the programme's ACTIVE counter for as long as the ends run.
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong maxActive = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                maxActive.accumulateAndGet(counts().active(), Math::max);
                samples.incrementAndGet();
            }
        });
        watcher.start();
        List<Object> outcomes;
        try {
            outcomes = together(active.stream().<Callable<EndRegistration.Outcome>>map(id ->
                    () -> services.end.end(id, EndReason.DIED, LocalDate.of(2025, 3, 10), STAFF)).toList());
        } finally {
            running.set(false);
            watcher.join();
        }

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(EndRegistration.Outcome.class));
        List<String> promoted = outcomes.stream().map(o -> ((EndRegistration.Outcome) o).promoted())
                .flatMap(java.util.Optional::stream).map(v -> v.registration().id()).toList();
        assertThat(promoted).hasSize(3).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(waiting);
        assertThat(active).allSatisfy(id ->
                assertThat(services.registrations.find(id).orElseThrow().status()).isEqualTo(RegistrationStatus.ENDED));
        assertThat(waiting).allSatisfy(id -> {
            Registration r = services.registrations.find(id).orElseThrow();
            assertThat(r.status()).isEqualTo(RegistrationStatus.ACTIVE);
            // Promoted once: exactly one WAITLISTED -> ACTIVE change in its history.
            assertThat(r.history()).filteredOn(h -> h.to() == RegistrationStatus.ACTIVE).hasSize(1);
        });

        StatusCounts counts = counts();
        assertThat(counts.active()).isEqualTo(3);
        assertThat(counts.of(RegistrationStatus.ENDED)).isEqualTo(5);
        assertThat(counts.of(RegistrationStatus.WAITLISTED)).isZero();
        assertThat(samples.get()).isPositive();
        assertThat(maxActive.get()).isLessThanOrEqualTo(5);
    }

    @Test
    void simultaneousApprovalsAndEnds_keepTheCountsByKecamatanAndOccupationExact_R17() throws Exception {
        services.programmes.save(Fixtures.programme(programmeId, 10));
        assertThat(services.programmes.breakdown(programmeId)).isEqualTo(StatusBreakdown.empty()); // the baseline: nobody
        List<String> kecamatan = List.of("Ciledug", "Karawaci", "Benda");
        List<Occupation> occupations = List.of(Occupation.FISHER, Occupation.FARMER, Occupation.DAILY_LABOURER);
        List<String> ids = new ArrayList<>();
        List<Change> batch = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            Application a = Fixtures.applicant(i, kecamatan.get(i % 3));
            Registration r = Fixtures.pending(programmeId, new Application(a.nik(), a.fullName(), a.birthDate(), a.sex(), a.phone(),
                    a.address(), occupations.get((i / 3) % 3), a.dtsen(), a.disability()));
            ids.add(r.id());
            batch.add(Change.create(r));
        }
        assertThat(services.registrations.write(batch, QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);

        List<Object> approvals = together(ids.stream().<Callable<RegistrationView>>map(id -> () -> services.decide.approve(id, STAFF)).toList());
        assertThat(approvals).allSatisfy(o -> assertThat(o).isInstanceOf(RegistrationView.class));
        StatusBreakdown afterApprovals = services.programmes.breakdown(programmeId);
        Breakdowns.assertSameCounts(afterApprovals, Breakdowns.countedFromListing(services.registrations, programmeId));
        assertThat(afterApprovals.totalByKecamatan(RegistrationStatus.ACTIVE)).isEqualTo(10);
        assertThat(afterApprovals.totalByOccupation(RegistrationStatus.WAITLISTED)).isEqualTo(20);
        assertThat(afterApprovals.totalByKecamatan(RegistrationStatus.PENDING_REVIEW)).isZero();

        List<String> active = ids.stream().filter(id -> services.registrations.find(id).orElseThrow().status() == RegistrationStatus.ACTIVE)
                .limit(6).toList();
        List<Object> ends = together(active.stream().<Callable<EndRegistration.Outcome>>map(id ->
                () -> services.end.end(id, EndReason.MOVED_AWAY, LocalDate.of(2025, 3, 10), STAFF)).toList());
        assertThat(ends).allSatisfy(o -> assertThat(o).isInstanceOf(EndRegistration.Outcome.class));
        StatusBreakdown afterEnds = services.programmes.breakdown(programmeId);
        Breakdowns.assertSameCounts(afterEnds, Breakdowns.countedFromListing(services.registrations, programmeId));
        assertThat(afterEnds.totalByKecamatan(RegistrationStatus.ENDED)).isEqualTo(6);
        assertThat(afterEnds.totalByKecamatan(RegistrationStatus.ACTIVE)).isEqualTo(counts().active()).isEqualTo(10);
        assertThat(afterEnds.totalByOccupation(RegistrationStatus.WAITLISTED)).isEqualTo(14);
    }
}
