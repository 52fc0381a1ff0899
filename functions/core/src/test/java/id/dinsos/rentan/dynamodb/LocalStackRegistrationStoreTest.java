package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.port.RegistrationStore.Change;
import id.dinsos.rentan.port.RegistrationStore.QuotaGuard;
import id.dinsos.rentan.port.RegistrationStore.WriteResult;
import id.dinsos.rentan.testsupport.Fixtures;
import id.dinsos.rentan.testsupport.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;

import static id.dinsos.rentan.testsupport.Fixtures.NOW;
import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same store against LocalStack's DynamoDB in a container, as a second opinion on the
 * transaction and index behaviour DynamoDB Local gives. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackRegistrationStoreTest {
    @Container
    static LocalStackContainer localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"));

    private static DynamoDbClient client;
    private static String table;

    @BeforeAll
    static void connect() {
        client = DynamoDbClient.builder()
                .endpointOverride(localstack.getEndpoint())
                .region(Region.of(localstack.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        table = LocalDynamo.newTable(client, "localstack");
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void createFindAndNikLock_roundTrip_R16() {
        DynamoDbProgrammeStore programmes = new DynamoDbProgrammeStore(client, table);
        DynamoDbRegistrationStore store = new DynamoDbRegistrationStore(client, table);
        String programmeId = Fixtures.uniqueId("prog");
        programmes.save(Fixtures.programme(programmeId, 2));

        Registration created = Fixtures.pending(programmeId, Fixtures.siti());
        assertThat(store.write(List.of(Change.create(created)), QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
        Registration found = store.find(created.id()).orElseThrow();
        assertThat(found.application()).isEqualTo(created.application());
        assertThat(store.findLive(programmeId, created.nik())).map(Registration::id).contains(created.id());

        Registration twin = Fixtures.pending(programmeId, Fixtures.siti());
        assertThat(store.write(List.of(Change.create(twin)), QuotaGuard.NONE)).isEqualTo(new WriteResult.NikTaken(List.of(0)));

        assertThat(store.write(List.of(new Change(found, found.reject("test", STAFF, NOW))), QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
        assertThat(store.findLive(programmeId, created.nik())).isEmpty();
        assertThat(store.write(List.of(Change.create(twin)), QuotaGuard.NONE)).isEqualTo(WriteResult.WRITTEN);
        assertThat(programmes.find(programmeId).orElseThrow().counts().of(RegistrationStatus.PENDING_REVIEW)).isEqualTo(1);
    }
}
