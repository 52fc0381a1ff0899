package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.CoverageCounts;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Participant;
import id.dinsos.rentan.port.Page;
import id.dinsos.rentan.port.ParticipantSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * One consistent GetItem of the coverage item ({@link CoverageItems}). An item without a baseline
     * (the programme's registrations predate the counters) is first rebuilt once from the coverage
     * index: see {@link #baseline}.
     */
    @Override
    public long enrolled(String programmeId, YearMonth month) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(CoverageItems.key(programmeId)).consistentRead(true));
        if (response.hasItem() && CoverageItems.hasBaseline(response.item())) {
            return CoverageItems.counts(response.item()).enrolledIn(month);
        }
        return baseline(programmeId).enrolledIn(month);
    }

    /** Attempts at an exact baseline before answering with a count that is not stored. */
    private static final int BASELINE_ATTEMPTS = 5;
    /** How long a baseline lets the last registration write reach the index (eventually consistent) before counting it. */
    static final Duration SETTLE = Duration.ofSeconds(1);

    /**
     * The one-time backfill for registrations written before the counters existed: counts every
     * registration on the coverage index once, shard by shard (never a Scan), and stores the counts as
     * the coverage item's baseline, on condition that no registration changed meanwhile. Every
     * registration write adds one to the programme item's {@code changeCount} in its own transaction,
     * so an unchanged count means the registrations counted are the registrations there are; the
     * count starts {@link #SETTLE} after that count was read, so writes made before it are on the
     * index. Under a stream of writes that never lets the condition hold, it answers the count
     * without storing it; a later run tries again.
     */
    private CoverageCounts baseline(String programmeId) {
        Map<YearMonth, Long> starts = new TreeMap<>();
        Map<YearMonth, Long> ends = new TreeMap<>();
        for (int attempt = 1; attempt <= BASELINE_ATTEMPTS; attempt++) {
            GetItemResponse programme = dynamo.getItem(r -> r.tableName(table).key(DynamoDbProgrammeStore.key(programmeId))
                    .consistentRead(true));
            long changes = programme.hasItem() ? Attr.number(programme.item(), DynamoDbProgrammeStore.CHANGE_COUNT, 0) : 0;
            Backoff.pause(SETTLE);
            starts.clear();
            ends.clear();
            for (int shard = 0; shard < shards(); shard++) {
                QueryRequest request = QueryRequest.builder().tableName(table).indexName(TableLayout.COVERAGE.name())
                        .keyConditionExpression("#pk = :pk")
                        .projectionExpression("coverageStart, coverageEnd")
                        .expressionAttributeNames(Map.of("#pk", TableLayout.COVERAGE.partitionKey()))
                        .expressionAttributeValues(Map.of(":pk", s(Keys.covered(programmeId, shard))))
                        .build();
                dynamo.queryPaginator(request).items().forEach(item -> {
                    LocalDate start = Attr.date(item, "coverageStart");
                    LocalDate end = Attr.date(item, "coverageEnd");
                    CoverageCounts.add(start == null ? null : YearMonth.from(start), end == null ? null : YearMonth.from(end), 1,
                            starts, ends);
                });
            }
            Map<String, AttributeValue> item = CoverageItems.baselineItem(programmeId, starts, ends);
            try {
                dynamo.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                                .key(DynamoDbProgrammeStore.key(programmeId))
                                .conditionExpression(changes == 0 ? "attribute_not_exists(#changes) OR #changes = :changes" : "#changes = :changes")
                                .expressionAttributeNames(Map.of("#changes", DynamoDbProgrammeStore.CHANGE_COUNT))
                                .expressionAttributeValues(Map.of(":changes", Attr.n(changes))).build()).build(),
                        TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build()));
                break;
            } catch (TransactionCanceledException changedMeanwhile) {
                Backoff.sleep(attempt, 10, 200);
            }
        }
        return new CoverageCounts(new TreeMap<>(starts), new TreeMap<>(ends));
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
