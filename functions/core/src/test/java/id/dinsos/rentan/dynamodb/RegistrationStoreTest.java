package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.EndReason;
import id.dinsos.rentan.domain.NameSearch;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.StatusBreakdown;
import id.dinsos.rentan.domain.StatusCounts;
import id.dinsos.rentan.port.Page;
import id.dinsos.rentan.port.RegistrationStore.Change;
import id.dinsos.rentan.port.RegistrationStore.Listed;
import id.dinsos.rentan.port.RegistrationStore.Query;
import id.dinsos.rentan.port.RegistrationStore.QuotaGuard;
import id.dinsos.rentan.port.RegistrationStore.WriteResult;
import id.dinsos.rentan.testsupport.Fixtures;
import id.dinsos.rentan.testsupport.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static id.dinsos.rentan.testsupport.Fixtures.NEXT_MONTH;
import static id.dinsos.rentan.testsupport.Fixtures.NOW;
import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registration store against DynamoDB Local, on the table template.yaml defines. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // engine() is overridable, so the lifecycle methods are not static
class RegistrationStoreTest {
    private DynamoDbClient client;
    private String table;

    private DynamoDbRegistrationStore store;
    private DynamoDbProgrammeStore programmes;
    private String programmeId;

    /** The engine the contract runs on: DynamoDB Local, in-process; a subclass names another (or null: not there). */
    DynamoDbClient engine() {
        return DynamoDbLocal.embedded();
    }

    /** Skips the test when the engine is not there; DynamoDB Local always is. */
    void assumeEngine(DynamoDbClient engine) {
    }

    @BeforeAll
    void startDynamo() {
        client = engine();
        if (client != null) {
            table = LocalDynamo.newTable(client, "registration-store");
        }
    }

    @AfterAll
    void stopDynamo() {
        if (client != null) {
            client.close();
        }
    }

    @BeforeEach
    void freshProgramme() {
        assumeEngine(client);
        store = new DynamoDbRegistrationStore(client, table);
        programmes = new DynamoDbProgrammeStore(client, table);
        programmeId = Fixtures.uniqueId("prog");
        programmes.save(Fixtures.programme(programmeId, 3));
    }

    private Registration create(Registration r) {
        assertThat(store.write(List.of(Change.create(r)), QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
        return store.find(r.id()).orElseThrow();
    }

    private Registration createPending(int seq) {
        return create(Fixtures.pending(programmeId, seq));
    }

    private Registration createPending(int seq, String kecamatan) {
        return create(Fixtures.pending(programmeId, Fixtures.applicant(seq, kecamatan)));
    }

    private WriteResult change(Registration before, Registration after, QuotaGuard guard) {
        return store.write(List.of(new Change(before, after)), guard);
    }

    private StatusCounts counts() {
        return programmes.find(programmeId).orElseThrow().counts();
    }

    @Test
    void create_thenFind_returnsTheSameRegistration_withVersion1() {
        Registration written = Fixtures.pending(programmeId, Fixtures.siti());
        Registration found = create(written);
        assertThat(found).usingRecursiveComparison().ignoringFields("version").isEqualTo(written);
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.application().dtsen().decile()).isEqualTo(3);
        assertThat(found.history()).hasSize(1);
    }

    @Test
    void create_withoutDtsenOrPhone_roundTrips() {
        Registration r = Fixtures.pending(programmeId, new id.dinsos.rentan.domain.Application(Fixtures.nik(77), "Ahmad Fauzi",
                LocalDate.of(1979, 3, 12), id.dinsos.rentan.domain.Sex.M, null,
                new id.dinsos.rentan.domain.Address("Jl. Imam Bonjol 12", "Bojong Jaya", "Karawaci"),
                id.dinsos.rentan.domain.Occupation.PUBLIC_TRANSPORT_DRIVER, null, true));
        Registration found = create(r);
        assertThat(found.application()).isEqualTo(r.application());
    }

    @Test
    void find_unknownId_isEmpty() {
        assertThat(store.find("no-such-id")).isEmpty();
    }

    @Test
    void create_countsThePendingRegistration() {
        createPending(1);
        createPending(2);
        assertThat(counts().of(RegistrationStatus.PENDING_REVIEW)).isEqualTo(2);
        assertThat(counts().active()).isZero();
    }

    @Test
    void decisions_moveTheCountersBetweenStatuses() {
        Registration a = createPending(1);
        Registration b = createPending(2);
        change(a, a.activate(NEXT_MONTH, STAFF, NOW, "approved"), QuotaGuard.ONE_PLACE_FREE);
        change(b, b.reject("no", STAFF, NOW), QuotaGuard.NONE);
        StatusCounts counts = counts();
        assertThat(counts.of(RegistrationStatus.PENDING_REVIEW)).isZero();
        assertThat(counts.active()).isEqualTo(1);
        assertThat(counts.of(RegistrationStatus.REJECTED)).isEqualTo(1);
    }

    @Test
    void update_incrementsTheVersion_andKeepsHistory() {
        Registration r = createPending(1);
        change(r, r.activate(NEXT_MONTH, STAFF, NOW, "approved"), QuotaGuard.ONE_PLACE_FREE);
        Registration found = store.find(r.id()).orElseThrow();
        assertThat(found.version()).isEqualTo(2);
        assertThat(found.status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(found.coverageStart()).isEqualTo(NEXT_MONTH);
        assertThat(found.history()).extracting(h -> h.to()).containsExactly(RegistrationStatus.PENDING_REVIEW, RegistrationStatus.ACTIVE);
    }

    @Test
    void secondLiveRegistrationOfTheSameNik_isNikTaken_andNothingIsWritten_R16() {
        Registration first = createPending(1);
        Registration second = Fixtures.pending(programmeId, 1);
        assertThat(store.write(List.of(Change.create(second)), QuotaGuard.NONE)).isEqualTo(new WriteResult.NikTaken(List.of(0)));
        assertThat(store.find(second.id())).isEmpty();
        assertThat(store.findLive(programmeId, Fixtures.nik(1))).map(Registration::id).contains(first.id());
        assertThat(counts().of(RegistrationStatus.PENDING_REVIEW)).isEqualTo(1);
    }

    @Test
    void aWriteOfSeveralChanges_isAllOrNothing_R16() {
        createPending(2);
        Registration fresh = Fixtures.pending(programmeId, 1);
        Registration clash = Fixtures.pending(programmeId, 2);
        WriteResult result = store.write(List.of(Change.create(fresh), Change.create(clash)), QuotaGuard.NONE);
        assertThat(result).isEqualTo(new WriteResult.NikTaken(List.of(1)));
        assertThat(store.find(fresh.id())).isEmpty();
        assertThat(store.findLive(programmeId, Fixtures.nik(1))).isEmpty();
    }

    @Test
    void sameNik_inAnotherProgramme_isNotTaken_R16() {
        createPending(1);
        String other = Fixtures.uniqueId("other");
        programmes.save(Fixtures.programme(other, 3));
        assertThat(store.write(List.of(Change.create(Fixtures.pending(other, 1))), QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
    }

    @Test
    void nikLock_isReleasedWhenRejected_soTheNikCanRegisterAgain_R16() {
        Registration first = createPending(1);
        assertThat(change(first, first.reject("KTP tidak terbaca", STAFF, NOW), QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
        assertThat(store.findLive(programmeId, Fixtures.nik(1))).isEmpty();

        Registration again = createPending(1);
        assertThat(store.findLive(programmeId, Fixtures.nik(1))).map(Registration::id).contains(again.id());
        assertThat(store.findByNik(programmeId, Fixtures.nik(1))).extracting(Registration::id)
                .containsExactlyInAnyOrder(first.id(), again.id());
    }

    @Test
    void nikLock_isReleasedWhenEnded_soTheNikMustAndCanRegisterAgain_R06_R16() {
        Registration first = createPending(1);
        change(first, first.activate(NEXT_MONTH, STAFF, NOW, "approved"), QuotaGuard.ONE_PLACE_FREE);
        Registration active = store.find(first.id()).orElseThrow();
        assertThat(change(active, active.end(EndReason.ARREARS, LocalDate.of(2025, 3, 10), STAFF, NOW), QuotaGuard.NONE))
                .isEqualTo(WriteResult.WRITTEN);
        assertThat(store.findLive(programmeId, Fixtures.nik(1))).isEmpty();
        assertThat(counts().active()).isZero();
        assertThat(counts().of(RegistrationStatus.ENDED)).isEqualTo(1);

        Registration again = createPending(1);
        assertThat(store.findLive(programmeId, Fixtures.nik(1))).map(Registration::id).contains(again.id());
    }

    @Test
    void movingBetweenLiveStatuses_keepsTheNikLock_R16() {
        Registration r = createPending(1);
        change(r, r.waitlist(STAFF, NOW), QuotaGuard.NONE);
        Registration waiting = store.find(r.id()).orElseThrow();
        change(waiting, waiting.activate(NEXT_MONTH, STAFF, NOW, "promoted"), QuotaGuard.ONE_PLACE_FREE);
        assertThat(store.findLive(programmeId, Fixtures.nik(1))).map(Registration::status).contains(RegistrationStatus.ACTIVE);
        assertThat(store.write(List.of(Change.create(Fixtures.pending(programmeId, 1))), QuotaGuard.NONE))
                .isInstanceOf(WriteResult.NikTaken.class);
    }

    @Test
    void writeFromAStaleRead_isStale_andChangesNothing() {
        Registration read = createPending(1);
        assertThat(change(read, read.reject("first", STAFF, NOW), QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
        // A second decision made from the same (now outdated) read.
        WriteResult result = change(read, read.activate(NEXT_MONTH, STAFF, NOW, "approved"), QuotaGuard.ONE_PLACE_FREE);
        assertThat(result).isEqualTo(new WriteResult.Stale(List.of(0)));
        assertThat(store.find(read.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.REJECTED);
        assertThat(counts().active()).isZero();
    }

    @Test
    void onePlaceFreeGuard_atQuota_isQuotaFull_andChangesNothing_R17() {
        for (int i = 1; i <= 3; i++) {
            Registration r = createPending(i);
            assertThat(change(r, r.activate(NEXT_MONTH, STAFF, NOW, "approved"), QuotaGuard.ONE_PLACE_FREE)).isEqualTo(WriteResult.WRITTEN);
        }
        Registration fourth = createPending(4);
        assertThat(change(fourth, fourth.activate(NEXT_MONTH, STAFF, NOW, "approved"), QuotaGuard.ONE_PLACE_FREE))
                .isEqualTo(WriteResult.QUOTA_FULL);
        assertThat(store.find(fourth.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.PENDING_REVIEW);
        assertThat(counts().active()).isEqualTo(3);
    }

    @Test
    void activeStillAtGuard_failsWhenTheCountMovedSinceRead_R17() {
        Registration a = createPending(1);
        Registration b = createPending(2);
        // The caller read ACTIVE = 0; meanwhile someone activated a.
        change(a, a.activate(NEXT_MONTH, STAFF, NOW, "approved"), QuotaGuard.ONE_PLACE_FREE);
        assertThat(change(b, b.activate(NEXT_MONTH, STAFF, NOW, "decree"), new QuotaGuard.ActiveStillAt(0, 3)))
                .isEqualTo(WriteResult.QUOTA_FULL);
        assertThat(change(b, b.activate(NEXT_MONTH, STAFF, NOW, "decree"), new QuotaGuard.ActiveStillAt(1, 3)))
                .isEqualTo(WriteResult.WRITTEN);
    }

    @Test
    void write_forAProgrammeThatIsNotSetUp_isProgrammeNotFound() {
        Registration r = Fixtures.pending("never-set-up", 1);
        assertThatThrownBy(() -> store.write(List.of(Change.create(r)), QuotaGuard.NONE))
                .isInstanceOfSatisfying(Refusal.NotFound.class, e -> assertThat(e.code()).isEqualTo("PROGRAMME_NOT_FOUND"));
        assertThat(store.find(r.id())).isEmpty();
    }

    /*
     * Corrected with issue 8: the waitlist used to be ordered by the waitlistedAt timestamps, read
     * from an eventually consistent index, so two concurrent approvals could both be told they were
     * 15th. Places are now numbered in the order their writes commit (R-17), and read consistently.
     */
    @Test
    void waitlist_isOrderedByTheOrderPlacesWereTaken_R17() {
        List<Registration> waiting = new ArrayList<>();
        int[] minutes = {20, 0, 10}; // the clock readings do not decide the order: the commits do
        for (int i = 0; i < 3; i++) {
            Registration r = createPending(i + 1);
            change(r, r.waitlist(STAFF, NOW.plusMinutes(minutes[i])), QuotaGuard.NONE);
            waiting.add(store.find(r.id()).orElseThrow());
        }
        assertThat(store.waitlistHead(programmeId)).map(Registration::id).contains(waiting.get(0).id());
        assertThat(store.waitlistPosition(waiting.get(0))).isEqualTo(1);
        assertThat(store.waitlistPosition(waiting.get(1))).isEqualTo(2);
        assertThat(store.waitlistPosition(waiting.get(2))).isEqualTo(3);
        // Leaving the waitlist moves everyone behind up at once.
        change(waiting.get(0), waiting.get(0).reject("moved away", STAFF, NOW), QuotaGuard.NONE);
        assertThat(store.waitlistHead(programmeId)).map(Registration::id).contains(waiting.get(1).id());
        assertThat(store.waitlistPosition(waiting.get(2))).isEqualTo(2);
    }

    @Test
    void waitlistHead_skipsRegistrationsThatLeftTheWaitlist_R17() {
        Registration a = createPending(1);
        Registration b = createPending(2);
        change(a, a.waitlist(STAFF, NOW), QuotaGuard.NONE);
        change(b, b.waitlist(STAFF, NOW.plusMinutes(1)), QuotaGuard.NONE);
        Registration head = store.waitlistHead(programmeId).orElseThrow();
        assertThat(head.id()).isEqualTo(a.id());
        change(head, head.activate(NEXT_MONTH, STAFF, NOW, "promoted"), QuotaGuard.ONE_PLACE_FREE);
        Registration next = store.waitlistHead(programmeId).orElseThrow();
        assertThat(next.id()).isEqualTo(b.id());
        assertThat(store.waitlistPosition(next)).isEqualTo(1);
    }

    @Test
    void waitlistHead_ofAnEmptyWaitlist_isEmpty_andPositionOfOthersIsZero() {
        Registration r = createPending(1);
        assertThat(store.waitlistHead(programmeId)).isEmpty();
        assertThat(store.waitlistPosition(r)).isZero();
    }

    @Test
    void list_byStatus_pagesWithLimit2Over5Items_withoutDuplicates() {
        Set<String> created = new HashSet<>();
        for (int i = 1; i <= 5; i++) {
            created.add(createPending(i).id());
        }
        Registration rejected = createPending(6); // rejected: not in the PENDING_REVIEW list
        change(rejected, rejected.reject("no", STAFF, NOW), QuotaGuard.NONE);

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Page<Registration> page = store.list(new Query(programmeId, RegistrationStatus.PENDING_REVIEW, null), 2, cursor).map(Listed::registration);
            pageSizes.add(page.items().size());
            page.items().forEach(r -> seen.add(r.id()));
            cursor = page.nextCursor();
        } while (cursor != null && pageSizes.size() < 10);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(pageSizes.subList(0, 2)).containsExactly(2, 2);
        assertThat(pageSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5);
        assertThat(pageSizes.get(pageSizes.size() - 1)).isLessThanOrEqualTo(2);
    }

    @Test
    void list_withoutStatus_walksEveryStatus_withoutDuplicates() {
        Set<String> all = new HashSet<>();
        for (int i = 1; i <= 5; i++) {
            Registration r = createPending(i);
            all.add(r.id());
            if (i == 2) {
                change(r, r.activate(NEXT_MONTH, STAFF, NOW, "approved"), QuotaGuard.ONE_PLACE_FREE);
            } else if (i == 3) {
                change(r, r.waitlist(STAFF, NOW), QuotaGuard.NONE);
            } else if (i == 4) {
                change(r, r.reject("no", STAFF, NOW), QuotaGuard.NONE);
            }
        }
        List<Registration> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Registration> page = store.list(new Query(programmeId, null, null), 2, cursor).map(Listed::registration);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(seen).extracting(Registration::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        assertThat(seen).extracting(Registration::status).contains(RegistrationStatus.PENDING_REVIEW, RegistrationStatus.ACTIVE,
                RegistrationStatus.WAITLISTED, RegistrationStatus.REJECTED);
    }

    @Test
    void list_byKecamatan_ignoresCase_andOnlyReturnsThatKecamatan() {
        Registration karawaci1 = createPending(1, "Karawaci");
        createPending(2, "Cipondoh");
        Registration karawaci2 = createPending(3, "Karawaci");
        Page<Registration> page = store.list(new Query(programmeId, RegistrationStatus.PENDING_REVIEW, "karawaci"), 50, null).map(Listed::registration);
        assertThat(page.items()).extracting(Registration::id).containsExactlyInAnyOrder(karawaci1.id(), karawaci2.id());
        assertThat(page.nextCursor()).isNull();
        Page<Registration> anyStatus = store.list(new Query(programmeId, null, "KARAWACI"), 50, null).map(Listed::registration);
        assertThat(anyStatus.items()).hasSize(2);
    }

    @Test
    void list_kecamatanPrefix_doesNotMatchALongerName() {
        createPending(1, "Benda");
        createPending(2, "Bendasari");
        assertThat(store.list(new Query(programmeId, null, "Benda"), 50, null).map(Listed::registration).items())
                .extracting(Registration::kecamatan).containsExactly("Benda");
    }

    @Test
    void list_withAnExactlyFullLastPage_endsWithoutAnEmptyExtraPageOrDuplicates() {
        for (int i = 1; i <= 4; i++) {
            createPending(i);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Registration> page = store.list(new Query(programmeId, RegistrationStatus.PENDING_REVIEW, null), 2, cursor).map(Listed::registration);
            page.items().forEach(r -> seen.add(r.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void list_withAForgedCursor_isInvalidCursor() {
        for (String cursor : List.of("not-a-cursor", "djJ8OTk", "%%%", java.util.Base64.getUrlEncoder().encodeToString("v1|x".getBytes()))) {
            assertThatThrownBy(() -> store.list(new Query(programmeId, null, null), 2, cursor))
                    .as(cursor)
                    .isInstanceOfSatisfying(Refusal.Invalid.class, e -> {
                        assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
                        assertThat(e.errors()).extracting(Refusal.FieldError::field, Refusal.FieldError::code)
                                .containsExactly(org.assertj.core.groups.Tuple.tuple("cursor", "INVALID_CURSOR"));
                    });
        }
    }

    @Test
    void list_cursorFromAnotherQuery_isInvalidCursor() {
        for (int i = 1; i <= 3; i++) {
            createPending(i, "Karawaci");
        }
        for (int i = 4; i <= 6; i++) {
            Registration r = createPending(i, "Cipondoh");
            change(r, r.reject("no", STAFF, NOW), QuotaGuard.NONE);
        }
        String pendingCursor = store.list(new Query(programmeId, RegistrationStatus.PENDING_REVIEW, null), 1, null).nextCursor();
        String karawaciCursor = store.list(new Query(programmeId, null, "Karawaci"), 1, null).nextCursor();
        String laterPartitionCursor = store.list(new Query(programmeId, null, null), 4, null).nextCursor();
        assertThat(List.of(pendingCursor, karawaciCursor, laterPartitionCursor)).doesNotContainNull();

        assertInvalidCursor(new Query(programmeId, RegistrationStatus.REJECTED, null), pendingCursor);
        assertInvalidCursor(new Query(programmeId, null, "Cipondoh"), karawaciCursor);
        assertInvalidCursor(new Query(programmeId, RegistrationStatus.PENDING_REVIEW, null), laterPartitionCursor);
        assertInvalidCursor(new Query(Fixtures.uniqueId("elsewhere"), RegistrationStatus.PENDING_REVIEW, null), pendingCursor);
    }

    private void assertInvalidCursor(Query query, String cursor) {
        assertThatThrownBy(() -> store.list(query, 2, cursor))
                .as("%s with cursor %s", query, cursor)
                .isInstanceOfSatisfying(Refusal.Invalid.class, e -> assertThat(e.errors())
                        .extracting(Refusal.FieldError::code).containsExactly("INVALID_CURSOR"));
    }

    @Test
    void findLive_batch_returnsTheLiveRegistrationOfEachNik() {
        Registration a = createPending(1);
        Registration b = createPending(2);
        Registration c = createPending(3);
        change(c, c.reject("no", STAFF, NOW), QuotaGuard.NONE);
        change(b, b.activate(NEXT_MONTH, STAFF, NOW, "approved"), QuotaGuard.ONE_PLACE_FREE);

        Map<Nik, Registration> live = store.findLive(programmeId, List.of(Fixtures.nik(1), Fixtures.nik(2), Fixtures.nik(3), Fixtures.nik(4)));
        assertThat(live).containsOnlyKeys(Fixtures.nik(1), Fixtures.nik(2));
        assertThat(live.get(Fixtures.nik(1)).id()).isEqualTo(a.id());
        assertThat(live.get(Fixtures.nik(2)).status()).isEqualTo(RegistrationStatus.ACTIVE);
    }

    @Test
    void findLive_batch_handlesMoreThan100Niks() {
        List<Nik> niks = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (int i = 1; i <= 130; i++) {
            niks.add(Fixtures.nik(i));
            if (i % 2 == 0) {
                changes.add(Change.create(Fixtures.pending(programmeId, i)));
            }
            if (changes.size() == 40) {
                assertThat(store.write(changes, QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
                changes.clear();
            }
        }
        assertThat(store.write(changes, QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
        assertThat(store.findLive(programmeId, niks)).hasSize(65);
    }

    @Test
    void findByNik_returnsNewestFirst() {
        Registration first = createPending(1);
        change(first, first.reject("no", STAFF, NOW), QuotaGuard.NONE);
        Registration later = create(Registration.submitted("later-" + first.id(), programmeId, Fixtures.applicant(1),
                id.dinsos.rentan.domain.RegistrationSource.STAFF, STAFF, NOW.plusDays(1)));
        assertThat(store.findByNik(programmeId, Fixtures.nik(1))).extracting(Registration::id).containsExactly(later.id(), first.id());
        assertThat(store.findByNik(programmeId, Fixtures.nik(2))).isEmpty();
    }

    @Test
    void tooManyChangesForOneTransaction_areRefusedBeforeWriting() {
        List<Change> changes = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            changes.add(Change.create(Fixtures.pending(programmeId, i)));
        }
        assertThatThrownBy(() -> store.write(changes, QuotaGuard.NONE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.findLive(programmeId, Fixtures.nik(1))).isEmpty();
    }

    // ------------------------------------------------------------------ the waitlist in order, search by name

    /** A pending application of applicant {@code seq} named {@code fullName}, living in {@code kecamatan}. */
    private Registration createNamed(int seq, String fullName, String kecamatan) {
        Application a = Fixtures.applicant(seq, kecamatan);
        return create(Fixtures.pending(programmeId, new Application(a.nik(), fullName, a.birthDate(), a.sex(), a.phone(),
                a.address(), a.occupation(), a.dtsen(), a.disability())));
    }

    /** Every page of a list, followed to its end (at most 50 pages). */
    private List<Listed> all(Query query, int limit) {
        List<Listed> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Listed> page = store.list(query, limit, cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && ++pages < 50);
        assertThat(cursor).as("the list ends").isNull();
        return seen;
    }

    @Test
    void list_ofWaitlisted_isInWaitlistOrder_withEachPosition_acrossPages_R17() {
        // Submitted and sorted by kecamatan in one order, waitlisted in another: the waitlist's order wins.
        String[] kecamatan = {"Benda", "Tangerang", "Ciledug", "Batuceper", "Karawaci"};
        List<Registration> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pending.add(createPending(i + 1, kecamatan[i]));
        }
        List<String> waitlistOrder = new ArrayList<>();
        for (int i : new int[]{3, 1, 4, 0, 2}) {
            Registration r = pending.get(i);
            change(r, r.waitlist(STAFF, NOW), QuotaGuard.NONE);
            waitlistOrder.add(r.id());
        }

        List<Listed> listed = all(new Query(programmeId, RegistrationStatus.WAITLISTED, null), 2);
        assertThat(listed).extracting(l -> l.registration().id()).containsExactlyElementsOf(waitlistOrder);
        assertThat(listed).extracting(Listed::waitlistPosition).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(listed).allSatisfy(l -> assertThat(l.waitlistPosition()).isEqualTo(store.waitlistPosition(l.registration())));

        // One kecamatan: only its registrations, each with its place on the whole waitlist.
        List<Listed> ciledug = all(new Query(programmeId, RegistrationStatus.WAITLISTED, "ciledug"), 1);
        assertThat(ciledug).extracting(l -> l.registration().kecamatan()).containsExactly("Ciledug");
        assertThat(ciledug).extracting(Listed::waitlistPosition).containsExactly(5L);

        // The head leaves: everyone behind moves up at once.
        Registration head = store.find(waitlistOrder.get(0)).orElseThrow();
        change(head, head.activate(NEXT_MONTH, STAFF, NOW, "promoted"), QuotaGuard.ONE_PLACE_FREE);
        assertThat(all(new Query(programmeId, RegistrationStatus.WAITLISTED, null), 3)).extracting(Listed::waitlistPosition)
                .containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void list_withoutStatus_walksTheWaitlistInOrderInItsTurn_andOnlyWaitlistedHavePositions() {
        Registration active = createPending(1, "Benda");
        change(active, active.activate(NEXT_MONTH, STAFF, NOW, "approved"), QuotaGuard.ONE_PLACE_FREE);
        Registration later = createPending(2, "Benda");
        Registration first = createPending(3, "Tangerang");
        change(first, first.waitlist(STAFF, NOW), QuotaGuard.NONE);
        change(later, later.waitlist(STAFF, NOW), QuotaGuard.NONE);
        createPending(4, "Ciledug");

        List<Listed> listed = all(new Query(programmeId, null, null), 1);
        assertThat(listed).extracting(l -> l.registration().status()).containsExactly(RegistrationStatus.PENDING_REVIEW,
                RegistrationStatus.ACTIVE, RegistrationStatus.WAITLISTED, RegistrationStatus.WAITLISTED);
        assertThat(listed.subList(2, 4)).extracting(l -> l.registration().id()).containsExactly(first.id(), later.id());
        assertThat(listed).extracting(Listed::waitlistPosition).containsExactly(0L, 0L, 1L, 2L);
    }

    @Test
    void list_ofWaitlisted_refusesACursorOfTheStatusIndex_orOfAnotherProgrammesWaitlist() {
        for (int i = 1; i <= 3; i++) {
            Registration r = createPending(i);
            change(r, r.waitlist(STAFF, NOW), QuotaGuard.NONE);
        }
        String waitlistCursor = store.list(new Query(programmeId, RegistrationStatus.WAITLISTED, null), 1, null).nextCursor();
        String pendingCursor;
        createPending(10);
        createPending(11);
        pendingCursor = store.list(new Query(programmeId, RegistrationStatus.PENDING_REVIEW, null), 1, null).nextCursor();
        assertThat(List.of(waitlistCursor, pendingCursor)).doesNotContainNull();
        assertInvalidCursor(new Query(programmeId, RegistrationStatus.WAITLISTED, null), pendingCursor);
        assertInvalidCursor(new Query(programmeId, RegistrationStatus.PENDING_REVIEW, null), waitlistCursor);
        assertInvalidCursor(new Query(Fixtures.uniqueId("elsewhere"), RegistrationStatus.WAITLISTED, null), waitlistCursor);
    }

    @Test
    void list_byName_findsEveryWordAnywhereInTheName_ignoringCaseAndAccents_combinedWithTheOtherFilters() {
        Registration siti = createNamed(1, "Siti Aminah", "Karawaci");
        Registration sena = createNamed(2, "S\u00e9na \u00c1min-Putri", "Ciledug");
        Registration maruf = createNamed(3, "Ma'ruf Hidayat", "Karawaci");
        createNamed(4, "Budi Santoso", "Karawaci");
        change(sena, sena.reject("no", STAFF, NOW), QuotaGuard.NONE);

        assertThat(names(new Query(programmeId, null, null, NameSearch.of("AMIN")))).containsExactlyInAnyOrder(siti.id(), sena.id());
        assertThat(names(new Query(programmeId, null, null, NameSearch.of("amin siti")))).containsExactly(siti.id());
        assertThat(names(new Query(programmeId, null, null, NameSearch.of("sena putri")))).containsExactly(sena.id());
        assertThat(names(new Query(programmeId, null, null, NameSearch.of("maruf")))).containsExactly(maruf.id());
        assertThat(names(new Query(programmeId, null, null, NameSearch.of("Ma\u2019ruf")))).containsExactly(maruf.id());
        assertThat(names(new Query(programmeId, RegistrationStatus.PENDING_REVIEW, null, NameSearch.of("amin")))).containsExactly(siti.id());
        assertThat(names(new Query(programmeId, null, "ciledug", NameSearch.of("amin")))).containsExactly(sena.id());
        assertThat(names(new Query(programmeId, null, null, NameSearch.of("siti budi")))).isEmpty();
        assertThat(client.getItem(r -> r.tableName(table).key(Map.of("PK", AttributeValue.fromS("REG#" + sena.id()),
                "SK", AttributeValue.fromS("REGISTRATION")))).item().get(RegistrationItems.NAME_SEARCH).s()).isEqualTo("sena amin putri");
    }

    @Test
    void list_byName_findsRegistrationsWrittenBeforeTheSearchableName_byTheirFullName() {
        Registration old = createNamed(1, "Dewi Lestari", "Batuceper");
        client.updateItem(r -> r.tableName(table).key(Map.of("PK", AttributeValue.fromS("REG#" + old.id()),
                "SK", AttributeValue.fromS("REGISTRATION"))).updateExpression("REMOVE " + RegistrationItems.NAME_SEARCH));
        createNamed(2, "Rina Marlina", "Batuceper");
        assertThat(names(new Query(programmeId, null, null, NameSearch.of("lestari")))).containsExactly(old.id());
        assertThat(names(new Query(programmeId, RegistrationStatus.PENDING_REVIEW, null, NameSearch.of("DEWI")))).containsExactly(old.id());
    }

    @Test
    void list_byName_readsABoundedNumberOfRegistrationsAPage_andFindsEachMatchOnceAcrossThePages() {
        DynamoDbRegistrationStore bounded = new DynamoDbRegistrationStore(client, table, 3);
        List<String> wanted = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            Registration r = createNamed(i, i % 4 == 0 ? "Joko Susilo" : "Budi Santoso", "Cipondoh");
            if (i % 4 == 0) {
                wanted.add(r.id());
            }
        }
        List<String> found = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Listed> page = bounded.list(new Query(programmeId, null, null, NameSearch.of("joko")), 50, cursor);
            page.items().forEach(l -> found.add(l.registration().id()));
            sizes.add(page.items().size());
            cursor = page.nextCursor();
        } while (cursor != null && ++pages < 50);
        assertThat(found).containsExactlyInAnyOrderElementsOf(wanted).doesNotHaveDuplicates();
        assertThat(sizes.size()).as("ten registrations, three read a page").isGreaterThanOrEqualTo(4);
        assertThat(sizes).contains(0); // a page may find nothing and still have a next one
    }

    private List<String> names(Query query) {
        return all(query, 50).stream().map(l -> l.registration().id()).toList();
    }

    // ------------------------------------------------------------------ counts by kecamatan and occupation

    /** A pending application of applicant {@code seq} living in {@code kecamatan}, working as {@code occupation}. */
    private Registration createPending(int seq, String kecamatan, Occupation occupation) {
        Application a = Fixtures.applicant(seq, kecamatan);
        return create(Fixtures.pending(programmeId, new Application(a.nik(), a.fullName(), a.birthDate(), a.sex(), a.phone(),
                a.address(), occupation, a.dtsen(), a.disability())));
    }

    private static long count(StatusBreakdown breakdown, String kecamatan, RegistrationStatus status) {
        return breakdown.byKecamatan().getOrDefault(StatusBreakdown.kecamatanKey(kecamatan), StatusCounts.empty()).of(status);
    }

    @Test
    void breakdown_movesWithEveryStatusChange_byKecamatanAndOccupation_inTheSameWrite() {
        // The first read of a programme takes the baseline (here: nobody); every count below comes from the writes.
        assertThat(programmes.breakdown(programmeId).totalByKecamatan(RegistrationStatus.PENDING_REVIEW)).isZero();
        assertThat(storedBreakdown()).containsEntry(BreakdownItems.BASELINE, AttributeValue.fromBool(true));
        Registration a = createPending(1, "Ciledug", Occupation.FISHER);
        Registration b = createPending(2, "ciledug ", Occupation.FARMER); // one kecamatan, whatever its case (R-12)
        Registration c = createPending(3, "Karawaci", Occupation.FISHER);
        change(a, a.activate(NEXT_MONTH, STAFF, NOW, "approved"), QuotaGuard.ONE_PLACE_FREE);
        change(b, b.reject("no", STAFF, NOW), QuotaGuard.NONE);
        Registration cStored = store.find(c.id()).orElseThrow();
        Registration kpjOnly = cStored.withKpj("25031234567");
        change(cStored, kpjOnly, QuotaGuard.NONE); // no status change: no count moves

        assertThat(storedBreakdown()).as("still the baseline, added to by each write")
                .containsEntry(BreakdownItems.BASELINE, AttributeValue.fromBool(true))
                .containsEntry("K#ACTIVE#CILEDUG", AttributeValue.fromN("1"))
                .containsEntry("K#PENDING_REVIEW#CILEDUG", AttributeValue.fromN("0"))
                .containsEntry("O#REJECTED#FARMER", AttributeValue.fromN("1"));
        StatusBreakdown breakdown = programmes.breakdown(programmeId);
        assertThat(count(breakdown, "Ciledug", RegistrationStatus.ACTIVE)).isEqualTo(1);
        assertThat(count(breakdown, "Ciledug", RegistrationStatus.REJECTED)).isEqualTo(1);
        assertThat(count(breakdown, "Ciledug", RegistrationStatus.PENDING_REVIEW)).isZero();
        assertThat(count(breakdown, "Karawaci", RegistrationStatus.PENDING_REVIEW)).isEqualTo(1);
        assertThat(breakdown.byOccupation().get(Occupation.FISHER).of(RegistrationStatus.ACTIVE)).isEqualTo(1);
        assertThat(breakdown.byOccupation().get(Occupation.FISHER).of(RegistrationStatus.PENDING_REVIEW)).isEqualTo(1);
        assertThat(breakdown.byOccupation().get(Occupation.FARMER).of(RegistrationStatus.REJECTED)).isEqualTo(1);
        assertThat(breakdown.byOccupation().get(Occupation.OJEK_DRIVER)).isEqualTo(StatusCounts.empty());
        for (RegistrationStatus status : RegistrationStatus.values()) {
            assertThat(breakdown.totalByKecamatan(status)).as(status.name()).isEqualTo(counts().of(status));
            assertThat(breakdown.totalByOccupation(status)).as(status.name()).isEqualTo(counts().of(status));
        }
    }

    @Test
    void breakdown_ofRegistrationsWrittenBeforeTheCounters_isCountedOnceFromTheRegistrations_thenKeptByEachWrite() {
        Registration a = createPending(1, "Ciledug", Occupation.FISHER);
        createPending(2, "Benda", Occupation.FARMER);
        Registration c = createPending(3, "Benda", Occupation.FARMER);
        change(c, c.reject("no", STAFF, NOW), QuotaGuard.NONE);
        // As a table written before the counters existed: no breakdown item at all.
        client.deleteItem(r -> r.tableName(table).key(BreakdownItems.key(programmeId)));

        StatusBreakdown first = programmes.breakdown(programmeId);
        assertThat(count(first, "Benda", RegistrationStatus.PENDING_REVIEW)).isEqualTo(1);
        assertThat(count(first, "Benda", RegistrationStatus.REJECTED)).isEqualTo(1);
        assertThat(count(first, "Ciledug", RegistrationStatus.PENDING_REVIEW)).isEqualTo(1);
        assertThat(storedBreakdown()).containsEntry(BreakdownItems.BASELINE, AttributeValue.fromBool(true));

        change(store.find(a.id()).orElseThrow(), store.find(a.id()).orElseThrow().activate(NEXT_MONTH, STAFF, NOW, "ok"),
                QuotaGuard.ONE_PLACE_FREE);
        StatusBreakdown after = programmes.breakdown(programmeId);
        assertThat(count(after, "Ciledug", RegistrationStatus.ACTIVE)).isEqualTo(1);
        assertThat(count(after, "Ciledug", RegistrationStatus.PENDING_REVIEW)).isZero();
        assertThat(after.totalByKecamatan(RegistrationStatus.PENDING_REVIEW)).isEqualTo(counts().of(RegistrationStatus.PENDING_REVIEW));
    }

    @Test
    void breakdown_onlyAddedToSinceItAppeared_isRebuiltExactly_notCountedTwice() {
        createPending(1, "Ciledug", Occupation.FISHER);
        client.deleteItem(r -> r.tableName(table).key(BreakdownItems.key(programmeId)));
        // Written after the upgrade: the item reappears, holding this write only, without a baseline.
        createPending(2, "Ciledug", Occupation.FISHER);
        assertThat(storedBreakdown()).doesNotContainKey(BreakdownItems.BASELINE);

        StatusBreakdown breakdown = programmes.breakdown(programmeId);
        assertThat(count(breakdown, "Ciledug", RegistrationStatus.PENDING_REVIEW)).isEqualTo(2);
        assertThat(breakdown.byOccupation().get(Occupation.FISHER).of(RegistrationStatus.PENDING_REVIEW)).isEqualTo(2);
        assertThat(programmes.breakdown(programmeId)).isEqualTo(breakdown);
    }

    @Test
    void breakdown_ofAProgrammeNotSetUp_isEmpty() {
        assertThat(programmes.breakdown(Fixtures.uniqueId("none"))).isEqualTo(StatusBreakdown.empty());
    }

    private Map<String, AttributeValue> storedBreakdown() {
        return client.getItem(r -> r.tableName(table).key(BreakdownItems.key(programmeId)).consistentRead(true)).item();
    }

    // ------------------------------------------------------------------ KPJ numbers (R-21)

    @Test
    void kpj_alreadyAnotherNiks_isKpjTaken_andNothingIsWritten_R21() {
        Registration first = createPending(1);
        Registration second = createPending(2);
        assertThat(change(first, first.withKpj("25031234561"), QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);

        WriteResult result = store.write(List.of(new Change(second, second.withKpj("25031234561"))), QuotaGuard.NONE);

        assertThat(result).isEqualTo(new WriteResult.KpjTaken(List.of(0)));
        assertThat(store.find(second.id()).orElseThrow().kpj()).isNull();
        assertThat(store.find(second.id()).orElseThrow().version()).isEqualTo(second.version());
    }

    @Test
    void kpj_ofTheSameNik_mayGoOnItsNextRegistration_R21() {
        Registration first = createPending(1);
        change(first, first.withKpj("25031234561"), QuotaGuard.NONE);
        Registration withKpj = store.find(first.id()).orElseThrow();
        Registration rejected = withKpj.reject("moved", STAFF, NOW);
        change(withKpj, rejected, QuotaGuard.NONE);
        Registration again = createPending(1);

        assertThat(change(again, again.withKpj("25031234561"), QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
    }

    @Test
    void kpj_corrected_freesTheOldNumberForAnotherNik_R21() {
        Registration first = createPending(1);
        Registration second = createPending(2);
        change(first, first.withKpj("25031234561"), QuotaGuard.NONE);
        Registration typo = store.find(first.id()).orElseThrow();

        assertThat(change(typo, typo.withKpj("25031234569"), QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
        assertThat(change(second, second.withKpj("25031234561"), QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
    }

    @Test
    void kpj_onAStaleRead_isStale_R21() {
        Registration first = createPending(1);
        change(first, first.withKpj("25031234561"), QuotaGuard.NONE);

        assertThat(change(first, first.withKpj("25031234562"), QuotaGuard.NONE)).isEqualTo(new WriteResult.Stale(List.of(0)));
    }
}
