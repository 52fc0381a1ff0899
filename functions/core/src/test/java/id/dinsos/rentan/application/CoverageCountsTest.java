package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.BudgetAllocation;
import id.dinsos.rentan.domain.EndReason;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.testsupport.Fixtures;
import id.dinsos.rentan.testsupport.Services;
import id.dinsos.rentan.testsupport.TickingClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coverage counts the monthly run plans with (R-20, R-21, R-22): after every kind of change to
 * coverage (approval, decree import dated back, waitlist promotion, end before and within coverage,
 * lapse for arrears R-06, re-enrolment), alone and at once, the participants enrolled in each month
 * by the counts equal the registrations the coverage index holds for that month. On DynamoDB Local.
 */
class CoverageCountsTest extends ApplicationTestBase {
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");
    private static final List<YearMonth> MONTHS = IntStream.range(0, 26).mapToObj(i -> YearMonth.of(2024, 12).plusMonths(i)).toList();

    private Services on(String date) {
        return new Services(client, table, TickingClock.startingAt(LocalDate.parse(date).atTime(LocalTime.of(9, 0)).atZone(JAKARTA)
                .toInstant(), Duration.ofMillis(1), JAKARTA), metrics);
    }

    /** The participants of {@code month} as the coverage index holds them: every shard counted. */
    private long onTheIndex(YearMonth month) {
        long count = 0;
        for (int shard = 0; shard < services.participants.shards(); shard++) {
            count += services.participants.countChargeable(programmeId, month, null, LATER, shard);
        }
        return count;
    }

    private void assertCountsMatchTheIndex(String when) {
        for (YearMonth month : MONTHS) {
            assertThat(services.participants.enrolled(programmeId, month)).as(when + ", " + month).isEqualTo(onTheIndex(month));
        }
    }

    private void save(Services s, int quota, long allocation) {
        Programme base = Fixtures.programme(programmeId, quota);
        s.settings.save(new Programme(programmeId, base.name(), quota, base.kecamatan(), base.eligibleOccupations(),
                base.dtsenMaxDecile(), base.minAge(), base.maxAge(), 1, base.rates(),
                List.of(new BudgetAllocation(2025, allocation)), List.of(), Programme.DEFAULT_WADAH_CODE), STAFF);
    }

    private List<String> decree(Services s, int from, int to, LocalDate start) {
        List<DecreeRow> rows = new ArrayList<>();
        for (int seq = from; seq <= to; seq++) {
            rows.add(new DecreeRow(seq + 1, Fixtures.nik(seq).value(), Fixtures.applicant(seq), start, List.of()));
        }
        return s.importList.run(programmeId, rows, STAFF).rows().stream().map(ImportDecreeList.RowResult::registrationId).toList();
    }

    @Test
    void everyKindOfCoverageChange_keepsTheCountsEqualToTheIndex_monthByMonth_R06_R17_R20_R21() {
        Services march = on("2025-03-10");
        save(march, 6, 1_199_923_200L);
        assertCountsMatchTheIndex("a new programme");
        List<String> approved = new ArrayList<>();
        for (int seq = 1; seq <= 8; seq++) {
            Registration submitted = march.register.submit(programmeId, Fixtures.applicant(seq),
                    id.dinsos.rentan.domain.RegistrationSource.STAFF, STAFF);
            approved.add(march.decide.approve(submitted.id(), STAFF).registration().id());
        }
        assertThat(count(RegistrationStatus.WAITLISTED)).isEqualTo(2);
        assertCountsMatchTheIndex("approvals, two waitlisted");

        // Ended before coverage began: never covered; the head of the waitlist takes the place (R-17, R-20).
        march.end.end(approved.get(0), EndReason.DIED, LocalDate.of(2025, 3, 10), STAFF);
        assertCountsMatchTheIndex("an end before coverage, a promotion");

        // A pending registration approved by a decree that dates its coverage back; a decree whose rows wait.
        Registration pending = march.register.submit(programmeId, Fixtures.applicant(30),
                id.dinsos.rentan.domain.RegistrationSource.STAFF, STAFF);
        save(march, 8, 1_199_923_200L); // one place for the last waiting, one for the decree
        decree(march, 30, 30, LocalDate.of(2025, 1, 1));
        assertThat(stored(pending.id()).coverageStart()).isEqualTo(LocalDate.of(2025, 1, 1));
        decree(march, 20, 22, LocalDate.of(2025, 2, 1));
        assertCountsMatchTheIndex("decrees dated back, rows waitlisted");

        // More places: the waitlist is promoted (R-17).
        save(march, 12, 1_199_923_200L);
        assertCountsMatchTheIndex("the waitlist promoted");

        // An end within coverage (R-20).
        on("2025-06-20").end.end(approved.get(1), EndReason.MOVED_AWAY, LocalDate.of(2025, 6, 10), STAFF);
        assertCountsMatchTheIndex("an end within coverage");

        // Nobody pays: the August run ends the memberships four months in arrears (R-06), then everyone is re-enrolled.
        for (YearMonth m : List.of(YearMonth.of(2025, 4), YearMonth.of(2025, 5), YearMonth.of(2025, 6), YearMonth.of(2025, 7),
                YearMonth.of(2025, 8))) {
            on(m.atDay(1).toString()).runMonth.run(programmeId, m, false, 2, STAFF);
        }
        assertThat(services.programmes.find(programmeId).orElseThrow().lapsed()).isPositive();
        assertCountsMatchTheIndex("lapses");
        assertThat(on("2025-08-05").lapses.reEnrolAll(programmeId, STAFF)).isNotEmpty();
        assertCountsMatchTheIndex("re-enrolments");
    }

    @Test
    void changesAtOnce_keepTheCountsExact_R17_R20() throws Exception {
        Services march = on("2025-03-10");
        save(march, 10, 1_199_923_200L);
        List<String> submitted = IntStream.rangeClosed(1, 24).mapToObj(seq -> march.register.submit(programmeId,
                Fixtures.applicant(seq), id.dinsos.rentan.domain.RegistrationSource.STAFF, STAFF).id()).toList();
        // 8 staff approve 3 each at once, racing for 10 places: the rest wait.
        together(8, i -> {
            for (int k = 0; k < 3; k++) {
                march.decide.approve(submitted.get(i * 3 + k), STAFF);
            }
            return null;
        });
        assertThat(count(RegistrationStatus.ACTIVE)).isEqualTo(10);
        assertCountsMatchTheIndex("approvals at once");

        // At once: ends (each promoting the head of the waitlist), decrees dating coverage back, and more places.
        List<String> active = submitted.stream().filter(id -> stored(id).status() == RegistrationStatus.ACTIVE).toList();
        Services june = on("2025-06-02");
        together(8, i -> {
            if (i < 4) {
                june.end.end(active.get(i), EndReason.DIED, LocalDate.of(2025, 5, 20 + i), STAFF);
            } else if (i < 7) {
                decree(june, 100 + 3 * i, 102 + 3 * i, LocalDate.of(2025, 2, 1));
            } else {
                save(june, 20, 1_199_923_200L);
            }
            return null;
        });
        assertCountsMatchTheIndex("ends, decrees and promotions at once");
        // Those promoted in June are covered from July: by then every ACTIVE registration is enrolled.
        assertThat(services.participants.enrolled(programmeId, YearMonth.of(2025, 7))).isEqualTo(count(RegistrationStatus.ACTIVE));
    }

    @Test
    void theBudgetGuard_blocksAtExactlyOneRupiahShort_onTheCounts_R22() {
        Services march = on("2025-03-10");
        // 7 covered in April: 5 from a decree dated back to February, 3 approved (one waits for April), one ended in March.
        save(march, 20, 1L);
        List<String> decreed = decree(march, 1, 5, LocalDate.of(2025, 2, 1));
        for (int seq = 6; seq <= 8; seq++) {
            Registration r = march.register.submit(programmeId, Fixtures.applicant(seq), id.dinsos.rentan.domain.RegistrationSource.STAFF, STAFF);
            march.decide.approve(r.id(), STAFF);
        }
        march.end.end(decreed.get(0), EndReason.DIED, LocalDate.of(2025, 3, 5), STAFF);
        assertThat(services.participants.enrolled(programmeId, YearMonth.of(2025, 4))).isEqualTo(7);

        Services april = on("2025-04-01");
        save(april, 20, 7 * 16_800 - 1);
        MonthlyRunView blocked = april.runMonth.run(programmeId, YearMonth.of(2025, 4), false, 2, STAFF);
        assertThat(blocked.run().status()).isEqualTo(RunStatus.BLOCKED_BUDGET);
        assertThat(blocked.run().shortfall()).isEqualTo(1);
        assertThat(services.ledgerStore.lines(programmeId, YearMonth.of(2025, 4))).isEmpty();

        save(april, 20, 7 * 16_800);
        MonthlyRunView run = april.runMonth.run(programmeId, YearMonth.of(2025, 4), false, 2, STAFF);
        assertThat(run.run().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.run().participants()).isEqualTo(7);
        assertThat(run.budget().remaining()).isZero();
    }

    @Test
    void registrationsWrittenBeforeTheCounts_areCountedOnceFromTheIndex_andKeptExactAfter_R21() {
        Services march = on("2025-03-10");
        save(march, 20, 1_199_923_200L);
        decree(march, 1, 6, LocalDate.of(2025, 2, 1));
        // A programme whose registrations predate the counts: its coverage item is not there.
        client.deleteItem(r -> r.tableName(table).key(Map.of("PK", AttributeValue.fromS("PROG#" + programmeId),
                "SK", AttributeValue.fromS("COVERAGE"))));
        decree(march, 7, 8, LocalDate.of(2025, 4, 1)); // added to an item without a baseline
        assertThat(services.participants.enrolled(programmeId, YearMonth.of(2025, 4))).isEqualTo(8);
        assertThat(client.getItem(r -> r.tableName(table).key(Map.of("PK", AttributeValue.fromS("PROG#" + programmeId),
                "SK", AttributeValue.fromS("COVERAGE")))).item()).containsEntry("baseline", AttributeValue.fromBool(true));
        decree(march, 9, 9, LocalDate.of(2025, 3, 1));
        assertCountsMatchTheIndex("after the baseline");
    }

    /** Runs {@code task(i)} for i in 0..n-1 on n threads released together; fails on the first failure. */
    private static void together(int n, IndexedTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<Object>) () -> {
                    go.await();
                    return task.run(index);
                }));
            }
            go.countDown();
            for (Future<Object> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private interface IndexedTask {
        Object run(int index) throws Exception;
    }
}
