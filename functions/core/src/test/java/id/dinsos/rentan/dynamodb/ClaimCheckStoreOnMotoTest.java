package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.testsupport.MotoDynamo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link ClaimCheckStoreTest}'s contract on moto's DynamoDB ({@code moto_server}), on the same table
 * template.yaml defines: a second engine beside DynamoDB Local. Skipped when no moto_server is named
 * (see {@link MotoDynamo}).
 */
class ClaimCheckStoreOnMotoTest extends ClaimCheckStoreTest {
    @Override
    DynamoDbClient engine() {
        return MotoDynamo.clientOrNull();
    }

    @Override
    void assumeEngine(DynamoDbClient engine) {
        assumeTrue(engine != null, MotoDynamo.NOT_RUNNING);
    }
}
