package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.port.IdempotencyStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static id.dinsos.rentan.dynamodb.Attr.n;
import static id.dinsos.rentan.dynamodb.Attr.s;

/**
 * {@link IdempotencyStore} on the single table. The claim is a conditional put, so two requests
 * racing with one key cannot both run; the record expires through the table's TTL attribute.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbIdempotencyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of(TableLayout.PK, s(Keys.idempotency(key)), TableLayout.SK, s(Keys.IDEMPOTENCY_SK));
    }

    @Override
    public Optional<Record> claim(String key, String requestHash, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(key));
        item.put("type", s("IdempotencyRecord"));
        item.put("requestHash", s(requestHash));
        item.put(TableLayout.TTL_ATTRIBUTE, n(expiresAt.getEpochSecond()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    // An expired record that TTL has not swept yet counts as gone.
                    .conditionExpression("attribute_not_exists(PK) OR #ttl < :now")
                    .expressionAttributeNames(Map.of("#ttl", TableLayout.TTL_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":now", n(Instant.now().getEpochSecond())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> old = taken.hasItem() ? taken.item() : dynamo.getItem(r -> r.tableName(table)
                    .key(key(key)).consistentRead(true)).item();
            return Optional.of(toRecord(old));
        }
    }

    @Override
    public void complete(String key, StoredResponse response, Instant expiresAt) {
        Map<String, AttributeValue> headers = new HashMap<>();
        response.headers().forEach((name, value) -> headers.put(name, s(value)));
        dynamo.updateItem(r -> r.tableName(table).key(key(key))
                .updateExpression("SET #status = :status, #headers = :headers, #body = :body, #ttl = :ttl")
                .expressionAttributeNames(Map.of("#status", "responseStatus", "#headers", "responseHeaders",
                        "#body", "responseBody", "#ttl", TableLayout.TTL_ATTRIBUTE))
                .expressionAttributeValues(Map.of(":status", n(response.status()), ":headers", AttributeValue.fromM(headers),
                        ":body", s(response.body() == null ? "" : response.body()), ":ttl", n(expiresAt.getEpochSecond()))));
    }

    @Override
    public void release(String key) {
        dynamo.deleteItem(r -> r.tableName(table).key(key(key)));
    }

    private static Record toRecord(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey("responseStatus")) {
            return new Record(item == null ? "" : Attr.string(item, "requestHash"), null);
        }
        Map<String, String> headers = new HashMap<>();
        AttributeValue stored = item.get("responseHeaders");
        if (stored != null && stored.hasM()) {
            stored.m().forEach((name, value) -> headers.put(name, value.s()));
        }
        return new Record(Attr.string(item, "requestHash"), new StoredResponse(
                (int) Attr.number(item, "responseStatus", 500), headers, Attr.string(item, "responseBody")));
    }
}
