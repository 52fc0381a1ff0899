package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.ClaimCheck;
import id.dinsos.rentan.port.ClaimCheckStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.util.Optional;

/** {@link ClaimCheckStore} on the single table: one item per check, written once. */
public final class DynamoDbClaimCheckStore implements ClaimCheckStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbClaimCheckStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void save(ClaimCheck check) {
        dynamo.putItem(r -> r.tableName(table).item(ClaimCheckItems.toItem(check)).conditionExpression("attribute_not_exists(PK)"));
    }

    @Override
    public Optional<ClaimCheck> find(String id) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(ClaimCheckItems.key(id)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(ClaimCheckItems.fromItem(response.item()))
                : Optional.empty();
    }
}
