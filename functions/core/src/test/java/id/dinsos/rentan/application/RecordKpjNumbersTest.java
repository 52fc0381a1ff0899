package id.dinsos.rentan.application;

import id.dinsos.rentan.application.RecordKpjNumbers.Outcome;
import id.dinsos.rentan.application.RecordKpjNumbers.RowResult;
import id.dinsos.rentan.domain.EndReason;
import id.dinsos.rentan.domain.Participant;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static id.dinsos.rentan.testsupport.Fixtures.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** recording the KPJ numbers BPJS assigns, on DynamoDB Local, and what the monthly run then reads. */
class RecordKpjNumbersTest extends ApplicationTestBase {
    private static final String KPJ_1 = "25031234561";
    private static final String KPJ_2 = "25031234562";
    private static final String KPJ_3 = "25031234563";

    private RecordKpjNumbers recordKpj() {
        return new RecordKpjNumbers(services.programmes, services.registrations);
    }

    private static String nik(int seq) {
        return Fixtures.nik(seq).value();
    }

    /** Rows from (nik, kpj) pairs, numbered from line 2 as under a header. */
    private static List<KpjRow> rows(String... nikAndKpj) {
        List<KpjRow> rows = new ArrayList<>();
        for (int i = 0; i < nikAndKpj.length; i += 2) {
            rows.add(new KpjRow(i / 2 + 2, nikAndKpj[i], nikAndKpj[i + 1]));
        }
        return rows;
    }

    private RecordKpjNumbers.Result record(String... nikAndKpj) {
        return recordKpj().run(programmeId, rows(nikAndKpj));
    }

    private static List<String> codes(RowResult row) {
        return row.reasons().stream().map(ImportDecreeList.RowReason::code).toList();
    }

    /** Every participant a run of {@code month} would read, over all shards. */
    private List<Participant> participantsIn(YearMonth month) {
        List<Participant> all = new ArrayList<>();
        for (int shard = 0; shard < services.participants.shards(); shard++) {
            String cursor = null;
            do {
                var page = services.participants.chargeable(programmeId, month, null, Instant.parse("2030-01-01T00:00:00Z"), shard, cursor, 100);
                all.addAll(page.items());
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        return all;
    }

    @Test
    void recordedKpj_isWhatTheParticipantSourceReturnsForTheNextRun_R21() {
        setUpProgramme(10);
        String budi = submitAndApprove(1).registration().id();
        String other = submitAndApprove(2).registration().id();

        RecordKpjNumbers.Result result = record(nik(1), KPJ_1);

        assertThat(result.recorded()).isEqualTo(1);
        assertThat(stored(budi).kpj()).isEqualTo(KPJ_1);
        List<Participant> april = participantsIn(YearMonth.of(2025, 4));
        assertThat(april).extracting(Participant::registrationId).containsExactlyInAnyOrder(budi, other);
        assertThat(april).filteredOn(p -> p.registrationId().equals(budi)).singleElement()
                .satisfies(p -> assertThat(p.kpj()).isEqualTo(KPJ_1));
        assertThat(april).filteredOn(p -> p.registrationId().equals(other)).singleElement()
                .satisfies(p -> assertThat(p.kpj()).isNull());
    }

    @Test
    void theSameFileAgain_reportsEveryRowUnchanged_andWritesNothing_R21() {
        setUpProgramme(10);
        String budi = submitAndApprove(1).registration().id();
        submitAndApprove(2);
        assertThat(record(nik(1), KPJ_1, nik(2), KPJ_2).recorded()).isEqualTo(2);
        long version = stored(budi).version();

        RecordKpjNumbers.Result again = record(nik(1), KPJ_1, nik(2), KPJ_2);

        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(again.recorded()).isZero();
        assertThat(again.rows()).extracting(RowResult::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(stored(budi).version()).isEqualTo(version);
    }

    @Test
    void eachRowIsCheckedOnItsOwn_withAStableCode_R10_R21() {
        setUpProgramme(10);
        submitAndApprove(1);
        submitAndApprove(2);

        RecordKpjNumbers.Result result = record(
                "12345", KPJ_1,                 // line 2: not a NIK
                nik(1), "2503123",              // line 3: not 11 digits
                nik(9), KPJ_3,                  // line 4: no registration
                nik(1), KPJ_1,                  // line 5: recorded
                nik(2), KPJ_1,                  // line 6: line 5 gave KPJ_1 to another NIK
                nik(1), KPJ_2,                  // line 7: line 5 already names this NIK
                null, null);                    // line 8: both empty

        assertThat(result.rows()).extracting(RowResult::line).containsExactly(2, 3, 4, 5, 6, 7, 8);
        assertThat(codes(result.rows().get(0))).containsExactly("NIK_INVALID");
        assertThat(codes(result.rows().get(1))).containsExactly("KPJ_INVALID");
        assertThat(codes(result.rows().get(2))).containsExactly("NOT_REGISTERED");
        assertThat(result.rows().get(3).outcome()).isEqualTo(Outcome.RECORDED);
        assertThat(codes(result.rows().get(4))).containsExactly("KPJ_TAKEN");
        assertThat(codes(result.rows().get(5))).containsExactly("DUPLICATE_IN_FILE");
        assertThat(codes(result.rows().get(6))).containsExactly("NIK_INVALID", "KPJ_INVALID");
        assertThat(result.recorded()).isEqualTo(1);
        assertThat(result.rejected()).isEqualTo(6);
        assertThat(result.rows()).extracting(RowResult::maskedNik).allSatisfy(n -> assertThat(n).doesNotContain(nik(1)));
    }

    @Test
    void aNumberAnotherNikAlreadyHas_isKpjTaken_andTheRowChangesNothing_R21() {
        setUpProgramme(10);
        submitAndApprove(1);
        String second = submitAndApprove(2).registration().id();
        record(nik(1), KPJ_1);

        RecordKpjNumbers.Result result = record(nik(2), KPJ_1);

        assertThat(codes(result.rows().get(0))).containsExactly("KPJ_TAKEN");
        assertThat(stored(second).kpj()).isNull();
    }

    @Test
    void aCorrectedNumber_freesTheOldOne_forItsOwnerInTheSameFile_R21() {
        setUpProgramme(10);
        String first = submitAndApprove(1).registration().id();
        String second = submitAndApprove(2).registration().id();
        record(nik(1), KPJ_2); // a typing error: KPJ_2 is the second person's

        RecordKpjNumbers.Result result = record(nik(1), KPJ_1, nik(2), KPJ_2);

        assertThat(result.recorded()).isEqualTo(2);
        assertThat(stored(first).kpj()).isEqualTo(KPJ_1);
        assertThat(stored(second).kpj()).isEqualTo(KPJ_2);
    }

    @Test
    void theNumberGoesToTheLiveRegistration_elseToTheNewest_R16_R21() {
        setUpProgramme(10);
        // The first person left and applied again: the ACTIVE registration takes the number, not the ended one.
        String ended = submitAndApprove(1).registration().id();
        services.end.end(ended, EndReason.MOVED_AWAY, TODAY, STAFF);
        String active = submitAndApprove(1).registration().id();
        // The second person's only registration ended: it is the newest, so it takes the number.
        String endedOnly = submitAndApprove(2).registration().id();
        services.end.end(endedOnly, EndReason.WITHDREW, TODAY, STAFF);

        assertThat(record(nik(1), KPJ_1, nik(2), KPJ_2).recorded()).isEqualTo(2);

        assertThat(stored(active).kpj()).isEqualTo(KPJ_1);
        assertThat(stored(ended).kpj()).isNull();
        assertThat(stored(endedOnly).status()).isEqualTo(RegistrationStatus.ENDED);
        assertThat(stored(endedOnly).kpj()).isEqualTo(KPJ_2);
    }

    @Test
    void recordingANumber_keepsTheStatusHistoryAndCoverage_R21() {
        setUpProgramme(10);
        Registration before = stored(submitAndApprove(1).registration().id());
        record(nik(1), KPJ_1);
        Registration after = stored(before.id());
        assertThat(after.status()).isEqualTo(before.status());
        assertThat(after.history()).isEqualTo(before.history());
        assertThat(after.coverageStart()).isEqualTo(before.coverageStart());
        assertThat(after.coverageGrantedAt()).isEqualTo(before.coverageGrantedAt());
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(count(RegistrationStatus.ACTIVE)).isEqualTo(1);
    }

    @Test
    void beforeTheProgrammeIsSetUp_isProgrammeNotFound() {
        assertThatThrownBy(() -> record(nik(1), KPJ_1))
                .isInstanceOfSatisfying(Refusal.NotFound.class, e -> assertThat(e.code()).isEqualTo("PROGRAMME_NOT_FOUND"));
    }
}
