package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.ClaimCheck;
import id.dinsos.rentan.port.ClaimCheckStore;
import id.dinsos.rentan.port.IdempotencyStore;
import id.dinsos.rentan.port.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static id.dinsos.rentan.dynamodb.Attr.s;

/**
 * {@link ClaimCheckStore} on the single table: one item per check, written once. Each check also
 * carries keys of the status index (GSI2) in a partition of the programme's checks, sorted by when it
 * was asked, so staff page through them newest first with one Query per page.
 */
public final class DynamoDbClaimCheckStore implements ClaimCheckStore {
    /** A check's sort key on the index: {@code <15-digit millis>#<id>}. */
    private static final Pattern SORT = Pattern.compile("[0-9]{15}#([^#]+)");
    private static final int MAX_PARTITION_KEY_BYTES = 2048;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbClaimCheckStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean save(ClaimCheck check, IdempotencyStore.Receipt receipt) {
        Put put = Put.builder().tableName(table).item(ClaimCheckItems.toItem(check)).conditionExpression("attribute_not_exists(PK)").build();
        if (receipt == null) {
            dynamo.putItem(r -> r.tableName(table).item(put.item()).conditionExpression(put.conditionExpression()));
            return true;
        }
        // The check and the answer to the request that asked for it, in one call (IdempotencyStore.Receipt).
        Optional<Update> answer = DynamoDbIdempotencyStore.receiptUpdate(table, receipt);
        if (answer.isEmpty()) {
            return false;
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().put(put).build(),
                    TransactWriteItem.builder().update(answer.get()).build()));
            return true;
        } catch (TransactionCanceledException cancelled) {
            // A new check's id is a fresh UUID: only the receipt's claim can have failed.
            return false;
        }
    }

    @Override
    public Optional<ClaimCheck> find(String id) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(ClaimCheckItems.key(id)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(ClaimCheckItems.fromItem(response.item()))
                : Optional.empty();
    }

    /** One Query of GSI2 {@code PROG#<pid>#CLAIMCHECKS}, descending, {@code limit} items. */
    @Override
    public Page<ClaimCheck> list(String programmeId, int limit, String cursor) {
        ListCursor position = ListCursor.decode(cursor, 1);
        Map<String, AttributeValue> startKey = position.startKey();
        if (startKey != null && !startKeyFits(startKey, programmeId)) {
            throw ListCursor.invalid();
        }
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .indexName(TableLayout.BY_STATUS.name())
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", TableLayout.BY_STATUS.partitionKey()))
                .expressionAttributeValues(Map.of(":pk", s(Keys.claimChecks(programmeId))))
                .scanIndexForward(false)
                .limit(limit);
        if (startKey != null) {
            request.exclusiveStartKey(startKey);
        }
        QueryResponse response = dynamo.query(request.build());
        List<ClaimCheck> items = response.items().stream().map(ClaimCheckItems::fromItem).toList();
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Page<>(items, more ? new ListCursor(0, response.lastEvaluatedKey()).encode() : null);
    }

    /** A position this list could have stopped at: a check's key with its index keys, in this programme's partition. */
    private static boolean startKeyFits(Map<String, AttributeValue> key, String programmeId) {
        String pk = text(key, TableLayout.PK);
        String sk = text(key, TableLayout.SK);
        String indexPk = text(key, TableLayout.BY_STATUS.partitionKey());
        String indexSk = text(key, TableLayout.BY_STATUS.sortKey());
        if (key.size() != 4 || pk == null || !pk.startsWith(Keys.claimCheck("")) || !Keys.CLAIM_CHECK_SK.equals(sk)
                || !Keys.claimChecks(programmeId).equals(indexPk) || indexSk == null
                || pk.getBytes(StandardCharsets.UTF_8).length > MAX_PARTITION_KEY_BYTES) {
            return false;
        }
        Matcher sort = SORT.matcher(indexSk);
        return sort.matches() && Keys.claimCheck(sort.group(1)).equals(pk);
    }

    private static String text(Map<String, AttributeValue> key, String name) {
        AttributeValue value = key.get(name);
        return value == null ? null : value.s();
    }
}
