package id.dinsos.rentan.application;

import id.dinsos.rentan.application.ImportDecreeList.Outcome;
import id.dinsos.rentan.application.ImportDecreeList.Result;
import id.dinsos.rentan.application.ImportDecreeList.RowResult;
import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.Address;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.StatusCounts;
import id.dinsos.rentan.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static id.dinsos.rentan.testsupport.Fixtures.NEXT_MONTH;
import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decree list: approved in file order while places last; importing it again changes nothing. */
class ImportDecreeListTest extends ApplicationTestBase {

    /** Line 1 is the header, so the n-th data row is line n + 1. */
    private static DecreeRow row(int index, Application application, LocalDate coverageStart) {
        return new DecreeRow(index + 1, application.nik().value(), application, coverageStart, List.of());
    }

    private static List<DecreeRow> rows(int count) {
        List<DecreeRow> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(row(i, Fixtures.applicant(i), null));
        }
        return rows;
    }

    private Result run(List<DecreeRow> rows) {
        return services.importList.run(programmeId, rows, STAFF);
    }

    @Test
    void rows_areActiveUntilTheQuota_thenWaitlistedInFileOrder_R17() {
        setUpProgramme(2);
        Result result = run(rows(5));

        assertThat(result.accepted()).isEqualTo(5);
        assertThat(result.rejected()).isZero();
        assertThat(result.rows()).extracting(RowResult::line).containsExactly(2, 3, 4, 5, 6);
        assertThat(result.rows()).extracting(RowResult::status).containsExactly(RegistrationStatus.ACTIVE, RegistrationStatus.ACTIVE,
                RegistrationStatus.WAITLISTED, RegistrationStatus.WAITLISTED, RegistrationStatus.WAITLISTED);
        assertThat(result.rows()).extracting(RowResult::maskedNik).allSatisfy(n -> assertThat(n).matches("3671\\*{8}\\d{4}"));
        List<Long> positions = result.rows().subList(2, 5).stream()
                .map(r -> services.find.get(r.registrationId()).waitlistPosition()).toList();
        assertThat(positions).containsExactly(1L, 2L, 3L);
        Registration first = stored(result.rows().get(0).registrationId());
        assertThat(first.source()).isEqualTo(RegistrationSource.IMPORT);
        assertThat(first.coverageStart()).isEqualTo(NEXT_MONTH);
        assertThat(counts().active()).isEqualTo(2);
        assertThat(count(RegistrationStatus.WAITLISTED)).isEqualTo(3);
    }

    @Test
    void reimport_isAllUnchanged_andChangesNothing_R17() {
        setUpProgramme(2);
        List<DecreeRow> rows = rows(4);
        Result first = run(rows);
        StatusCounts before = counts();
        List<Registration> storedBefore = first.rows().stream().map(r -> stored(r.registrationId())).toList();

        Result again = run(rows);

        assertThat(again.accepted()).isZero();
        assertThat(again.rejected()).isZero();
        assertThat(again.unchanged()).isEqualTo(4);
        assertThat(again.rows()).extracting(RowResult::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(again.rows()).extracting(RowResult::registrationId)
                .containsExactlyElementsOf(first.rows().stream().map(RowResult::registrationId).toList());
        assertThat(again.rows()).extracting(RowResult::status).containsExactlyElementsOf(first.rows().stream().map(RowResult::status).toList());
        assertThat(counts()).isEqualTo(before);
        assertThat(first.rows().stream().map(r -> stored(r.registrationId())).toList()).isEqualTo(storedBefore);
    }

    @Test
    void duplicateNikInTheFile_isRejectedAsDuplicateInFile_onTheLaterLine() {
        setUpProgramme(5);
        List<DecreeRow> rows = List.of(row(1, Fixtures.applicant(1), null), row(2, Fixtures.applicant(2), null),
                row(3, Fixtures.applicant(1), null));
        Result result = run(rows);
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.rejected()).isEqualTo(1);
        RowResult duplicate = result.rows().get(2);
        assertThat(duplicate.line()).isEqualTo(4);
        assertThat(duplicate.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(duplicate.registrationId()).isNull();
        assertThat(duplicate.reasons()).extracting(ImportDecreeList.RowReason::code).containsExactly("DUPLICATE_IN_FILE");
        assertThat(counts().active()).isEqualTo(2);
    }

    @Test
    void pendingRegistration_isApprovedByTheImport_keepingItsId_R17() {
        setUpProgramme(5);
        Registration pending = submit(1);
        Result result = run(List.of(row(1, Fixtures.applicant(1), null)));
        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.rows().get(0).registrationId()).isEqualTo(pending.id());
        Registration approved = stored(pending.id());
        assertThat(approved.status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(approved.history()).last().extracting(h -> h.reason()).isEqualTo("approved by decree list");
        assertThat(count(RegistrationStatus.PENDING_REVIEW)).isZero();
        assertThat(counts().active()).isEqualTo(1);
    }

    @Test
    void coverageStartOfTheRow_isKept_andMayDateBackToTheBudgetYear_R17_R20() {
        setUpProgramme(5);
        Result result = run(List.of(row(1, Fixtures.applicant(1), LocalDate.of(2025, 1, 1))));
        assertThat(stored(result.rows().get(0).registrationId()).coverageStart()).isEqualTo(LocalDate.of(2025, 1, 1));
    }

    @Test
    void coverageStartBeforeTheBudgetYear_isRejected_R22() {
        setUpProgramme(5);
        Result result = run(List.of(row(1, Fixtures.applicant(1), LocalDate.of(2024, 12, 1))));
        assertThat(result.rejected()).isEqualTo(1);
        assertThat(result.rows().get(0).reasons()).extracting(ImportDecreeList.RowReason::code)
                .containsExactly("COVERAGE_START_BEFORE_BUDGET_YEAR");
    }

    @Test
    void coverageStartInALaterBudgetYear_isRejected_butLaterInThisYearIsKept_R17() {
        setUpProgramme(5);
        Result result = run(List.of(
                row(1, Fixtures.applicant(1), LocalDate.of(2026, 1, 1)),
                row(2, Fixtures.applicant(2), LocalDate.of(2025, 12, 1))));
        assertThat(result.rows().get(0).reasons()).extracting(ImportDecreeList.RowReason::code)
                .containsExactly("COVERAGE_START_AFTER_BUDGET_YEAR");
        assertThat(result.rows().get(1).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(stored(result.rows().get(1).registrationId()).coverageStart()).isEqualTo(LocalDate.of(2025, 12, 1));
    }

    @Test
    void ineligibleAndUnreadableRows_areRejectedWithTheirReasons_andTheRestImport() {
        setUpProgramme(5);
        Application a = Fixtures.applicant(2);
        Application outside = new Application(a.nik(), a.fullName(), a.birthDate(), a.sex(), a.phone(),
                new Address("Jl. Citarum 10", "Citarum", "Bandung Wetan"), a.occupation(), a.dtsen(), false);
        DecreeRow unreadable = new DecreeRow(4, "12345", null, null,
                List.of(new Refusal.FieldError("nik", "INVALID_FORMAT", "NIK must be exactly 16 digits.")));
        Result result = run(List.of(row(1, Fixtures.applicant(1), null), row(2, outside, null), unreadable));

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.rows().get(1).reasons()).extracting(ImportDecreeList.RowReason::code)
                .containsExactly("KECAMATAN_NOT_IN_PROGRAMME");
        assertThat(result.rows().get(2).reasons()).extracting(ImportDecreeList.RowReason::code, ImportDecreeList.RowReason::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("INVALID_FORMAT", "nik"));
        assertThat(result.rows().get(2).maskedNik()).doesNotContain("12345");
    }

    @Test
    void moreRowsThanOneTransaction_stillFillTheQuotaExactly_R17() {
        setUpProgramme(42);
        Result result = run(rows(45));
        assertThat(result.accepted()).isEqualTo(45);
        assertThat(result.rows()).filteredOn(r -> r.status() == RegistrationStatus.ACTIVE).hasSize(42);
        assertThat(result.rows().subList(42, 45)).extracting(RowResult::status).containsOnly(RegistrationStatus.WAITLISTED);
        assertThat(counts().active()).isEqualTo(42);
        assertThat(count(RegistrationStatus.WAITLISTED)).isEqualTo(3);
    }

    @Test
    void import_beforeTheProgrammeIsSetUp_isProgrammeNotFound() {
        assertThatThrownBy(() -> run(rows(1)))
                .isInstanceOfSatisfying(Refusal.NotFound.class, e -> assertThat(e.code()).isEqualTo("PROGRAMME_NOT_FOUND"));
    }
}
