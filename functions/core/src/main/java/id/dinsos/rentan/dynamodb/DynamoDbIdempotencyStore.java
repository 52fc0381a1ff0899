package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.port.IdempotencyStore;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static id.dinsos.rentan.dynamodb.Attr.n;
import static id.dinsos.rentan.dynamodb.Attr.s;

/**
 * {@link IdempotencyStore} on the single table. The claim is a conditional put, so two requests
 * racing with one key cannot both run; the record expires through the table's TTL attribute.
 *
 * <p>A stored answer is gzipped; one that is still larger than a DynamoDB item may hold (400 KB,
 * e.g. the per-row report of a 5,952-row decree) is split over chunk items in the record's
 * partition, so every answer can be replayed whatever its size.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
    /** Room for the compressed body in one item, well under DynamoDB's 400 KB item limit. */
    static final int CHUNK_BYTES = 300_000;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbIdempotencyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of(TableLayout.PK, s(Keys.idempotency(key)), TableLayout.SK, s(Keys.IDEMPOTENCY_SK));
    }

    private static Map<String, AttributeValue> chunkKey(String key, int index) {
        return Map.of(TableLayout.PK, s(Keys.idempotency(key)), TableLayout.SK, s(Keys.idempotencyChunk(index)));
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
            return Optional.of(toRecord(key, old));
        }
    }

    /**
     * The answer of a {@link Receipt} as an action of the caller's transaction: it records the answer
     * only while the key is still claimed by the request that hashes alike and has no answer yet (so a
     * claim that expired and was taken by another request fails the whole transaction). Empty when the
     * answer is too large for one item: then it is recorded by {@link #complete}, after the work.
     */
    static Optional<Update> receiptUpdate(String table, Receipt receipt) {
        byte[] body = gzip(receipt.response().body() == null ? "" : receipt.response().body());
        if (body.length > CHUNK_BYTES) {
            return Optional.empty();
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String update = answer(receipt.response(), receipt.expiresAt(), names, values) + ", #body = :body";
        names.put("#body", "responseBodyGzip");
        values.put(":body", AttributeValue.fromB(SdkBytes.fromByteArray(body)));
        names.put("#hash", "requestHash");
        values.put(":hash", s(receipt.requestHash()));
        return Optional.of(Update.builder().tableName(table).key(key(receipt.key())).updateExpression(update)
                .conditionExpression("#hash = :hash AND attribute_not_exists(#status)")
                .expressionAttributeNames(names).expressionAttributeValues(values).build());
    }

    /** The SET expression of an answer's status, headers and expiry (not its body), filling {@code names} and {@code values}. */
    private static String answer(StoredResponse response, Instant expiresAt, Map<String, String> names,
                                 Map<String, AttributeValue> values) {
        Map<String, AttributeValue> headers = new HashMap<>();
        response.headers().forEach((name, value) -> headers.put(name, s(value)));
        names.putAll(Map.of("#status", "responseStatus", "#headers", "responseHeaders", "#ttl", TableLayout.TTL_ATTRIBUTE));
        values.putAll(Map.of(":status", n(response.status()), ":headers", AttributeValue.fromM(headers),
                ":ttl", n(expiresAt.getEpochSecond())));
        return "SET #status = :status, #headers = :headers, #ttl = :ttl";
    }

    @Override
    public void complete(String key, StoredResponse response, Instant expiresAt) {
        byte[] body = gzip(response.body() == null ? "" : response.body());
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String update = answer(response, expiresAt, names, values);
        if (body.length <= CHUNK_BYTES) {
            names.put("#body", "responseBodyGzip");
            values.put(":body", AttributeValue.fromB(SdkBytes.fromByteArray(body)));
            update += ", #body = :body";
        } else {
            // The chunks go first: the record says how many there are only once they all exist.
            int chunks = (body.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
            for (int i = 0; i < chunks; i++) {
                Map<String, AttributeValue> chunk = new HashMap<>(chunkKey(key, i));
                chunk.put("type", s("IdempotencyChunk"));
                chunk.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(
                        java.util.Arrays.copyOfRange(body, i * CHUNK_BYTES, Math.min(body.length, (i + 1) * CHUNK_BYTES)))));
                chunk.put(TableLayout.TTL_ATTRIBUTE, n(expiresAt.getEpochSecond()));
                dynamo.putItem(r -> r.tableName(table).item(chunk));
            }
            names.put("#chunks", "responseChunks");
            values.put(":chunks", n(chunks));
            update += ", #chunks = :chunks";
        }
        String expression = update;
        dynamo.updateItem(r -> r.tableName(table).key(key(key)).updateExpression(expression)
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    @Override
    public void release(String key) {
        dynamo.deleteItem(r -> r.tableName(table).key(key(key)));
        for (Map<String, AttributeValue> chunk : chunks(key)) {
            dynamo.deleteItem(r -> r.tableName(table).key(Map.of(TableLayout.PK, chunk.get(TableLayout.PK), TableLayout.SK,
                    chunk.get(TableLayout.SK))));
        }
    }

    private List<Map<String, AttributeValue>> chunks(String key) {
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.idempotency(key)), ":prefix", s(Keys.idempotencyChunksPrefix())))
                .build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(request).items().forEach(items::add);
        return items;
    }

    private Record toRecord(String key, Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey("responseStatus")) {
            return new Record(item == null ? "" : Attr.string(item, "requestHash"), null);
        }
        Map<String, String> headers = new HashMap<>();
        AttributeValue stored = item.get("responseHeaders");
        if (stored != null && stored.hasM()) {
            stored.m().forEach((name, value) -> headers.put(name, value.s()));
        }
        String body;
        if (item.containsKey("responseBodyGzip")) {
            body = gunzip(item.get("responseBodyGzip").b().asByteArray());
        } else if (item.containsKey("responseChunks")) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            chunks(key).stream().sorted(java.util.Comparator.comparing(c -> c.get(TableLayout.SK).s()))
                    .forEach(c -> all.writeBytes(c.get("data").b().asByteArray()));
            body = gunzip(all.toByteArray());
        } else {
            body = Attr.string(item, "responseBody"); // records written before answers were compressed
        }
        return new Record(Attr.string(item, "requestHash"), new StoredResponse(
                (int) Attr.number(item, "responseStatus", 500), headers, body));
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
