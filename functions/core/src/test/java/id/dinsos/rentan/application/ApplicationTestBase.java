package id.dinsos.rentan.application;

import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.StatusCounts;
import id.dinsos.rentan.testsupport.Fixtures;
import id.dinsos.rentan.testsupport.LocalDynamo;
import id.dinsos.rentan.testsupport.Services;
import id.dinsos.rentan.testsupport.TickingClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static id.dinsos.rentan.testsupport.Fixtures.STAFF;

/**
 * Use cases on DynamoDB Local: one embedded instance and table per class, one programme per test.
 * The clock starts at {@link Fixtures#CLOCK}'s instant and ticks a millisecond per reading, so
 * approvals join the waitlist in the order they are made, and every date is still 2025-03-10.
 */
abstract class ApplicationTestBase {
    static DynamoDbClient client;
    static String table;

    Services services;
    String programmeId;
    /** What the use cases counted (README "Metrics"); printed nowhere. */
    final id.dinsos.rentan.testsupport.RecordingMetrics metrics = new id.dinsos.rentan.testsupport.RecordingMetrics();

    @BeforeAll
    static void startDynamo() {
        client = DynamoDbLocal.embedded();
        table = LocalDynamo.newTable(client, "application");
    }

    @AfterAll
    static void stopDynamo() {
        client.close();
    }

    @BeforeEach
    void wire() {
        services = new Services(client, table, TickingClock.fromFixturesNow(), metrics);
        programmeId = Fixtures.uniqueId("prog");
    }

    void setUpProgramme(int quota) {
        services.settings.save(Fixtures.programme(programmeId, quota), STAFF);
    }

    Registration submit(int seq) {
        return services.register.submit(programmeId, Fixtures.applicant(seq), RegistrationSource.STAFF, STAFF);
    }

    RegistrationView submitAndApprove(int seq) {
        return services.decide.approve(submit(seq).id(), STAFF);
    }

    Registration stored(String id) {
        return services.registrations.find(id).orElseThrow();
    }

    StatusCounts counts() {
        return services.programmes.find(programmeId).orElseThrow().counts();
    }

    long count(RegistrationStatus status) {
        return counts().of(status);
    }
}
