package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Participant;
import id.dinsos.rentan.port.Page;
import id.dinsos.rentan.port.ParticipantSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

import static id.dinsos.rentan.dynamodb.Attr.s;

/**
 * {@link ParticipantSource} on the sparse, sharded coverage index (GSI4): only registrations that
 * have coverage carry its keys, sorted by the month coverage started. "Enrolled in M" is a key
 * condition (started by M) plus a filter (not ended before M).
 */
public final class DynamoDbParticipantSource implements ParticipantSource {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbParticipantSource(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public int shards() {
        return TableLayout.COVERAGE_SHARDS;
    }

    @Override
    public long countChargeable(String programmeId, YearMonth month, Instant grantedAfter, Instant plannedAt, int shard) {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = query(programmeId, month, grantedAfter, plannedAt, shard).select(Select.COUNT);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(request.build());
            count += response.count();
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    @Override
    public Page<Participant> chargeable(String programmeId, YearMonth month, Instant grantedAfter, Instant plannedAt, int shard,
                                        String cursor, int limit) {
        QueryRequest.Builder request = query(programmeId, month, grantedAfter, plannedAt, shard).limit(limit);
        if (cursor != null) {
            request.exclusiveStartKey(KeyCodec.decode(cursor));
        }
        QueryResponse response = dynamo.query(request.build());
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? KeyCodec.encode(response.lastEvaluatedKey()) : null;
        return new Page<>(response.items().stream().map(DynamoDbParticipantSource::participant).toList(), next);
    }

    private QueryRequest.Builder query(String programmeId, YearMonth month, Instant grantedAfter, Instant plannedAt, int shard) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":pk", s(Keys.covered(programmeId, shard)),
                ":after", s(Keys.coveredAfter(month)),
                ":monthStart", s(month.atDay(1).toString()),
                ":plannedAt", Attr.n(plannedAt.toEpochMilli())));
        String granted;
        if (grantedAfter == null) {
            granted = "(attribute_not_exists(coverageGrantedMillis) OR coverageGrantedMillis <= :plannedAt)";
        } else {
            // A supplementary part: only coverage granted since the previous part was planned.
            granted = "(coverageGrantedMillis > :grantedAfter AND coverageGrantedMillis <= :plannedAt)";
            values.put(":grantedAfter", Attr.n(grantedAfter.toEpochMilli()));
        }
        return QueryRequest.builder()
                .tableName(table)
                .indexName(TableLayout.COVERAGE.name())
                .keyConditionExpression("#pk = :pk AND #sk < :after")
                .filterExpression("(attribute_not_exists(coverageEnd) OR coverageEnd >= :monthStart) AND " + granted)
                .expressionAttributeNames(Map.of("#pk", TableLayout.COVERAGE.partitionKey(), "#sk", TableLayout.COVERAGE.sortKey()))
                .expressionAttributeValues(values);
    }

    private static Participant participant(Map<String, AttributeValue> item) {
        return new Participant(Attr.string(item, "id"), Nik.of(Attr.string(item, "nik")), Attr.string(item, "fullName"),
                Attr.string(item, "kpj"), Attr.date(item, "coverageStart"), Attr.date(item, "coverageEnd"),
                item.containsKey("coverageGrantedMillis") ? Instant.ofEpochMilli(Attr.number(item, "coverageGrantedMillis", 0)) : null);
    }
}
