package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.port.DecreeImportStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static id.dinsos.rentan.dynamodb.Attr.n;
import static id.dinsos.rentan.dynamodb.Attr.number;
import static id.dinsos.rentan.dynamodb.Attr.s;
import static id.dinsos.rentan.dynamodb.Attr.string;

/**
 * {@link DecreeImportStore} on the single table: the import {@code IMPORT#<id>} / {@code IMPORT} with
 * its counters, and each recorded chunk {@code IMPORT#<id>} / {@code CHUNK#<5 digits>} with its rows.
 * Both expire (TTL) 30 days after the import was asked for, as the uploaded file does in its bucket.
 */
public final class DynamoDbDecreeImportStore implements DecreeImportStore {
    static final String SK = "IMPORT";
    static final Duration KEPT_FOR = Duration.ofDays(30);
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbDecreeImportStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String pk(String id) {
        return "IMPORT#" + id;
    }

    static String chunkSk(int index) {
        return String.format("CHUNK#%05d", index);
    }

    private static Map<String, AttributeValue> key(String id, String sk) {
        return Map.of(TableLayout.PK, s(pk(id)), TableLayout.SK, s(sk));
    }

    @Override
    public void create(DecreeImport i) {
        Map<String, AttributeValue> item = new HashMap<>(key(i.id(), SK));
        item.put("programmeId", s(i.programmeId()));
        item.put("status", s(i.status().name()));
        item.put("sizeBytes", n(i.sizeBytes()));
        item.put("actorId", s(i.createdBy().id()));
        item.put("actorKind", s(i.createdBy().kind().name()));
        item.put("createdAt", s(i.createdAt().toString()));
        item.put("rowsTotal", n(i.rowsTotal()));
        item.put("chunks", n(i.chunks()));
        item.put("chunksDone", n(0));
        for (String counter : List.of("done", "active", "waitlisted", "unchanged", "refused")) {
            item.put("cnt_" + counter, n(0));
        }
        item.put(TableLayout.TTL_ATTRIBUTE, n(expiry()));
        dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
    }

    @Override
    public Optional<DecreeImport> find(String id) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(key(id, SK)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        Refusal.Invalid failure = null;
        if (item.containsKey("failureCode")) {
            failure = new Refusal.Invalid(string(item, "failureCode"), string(item, "failureDetail"),
                    errors(item.get("failureErrors")));
        }
        return Optional.of(new DecreeImport(id, string(item, "programmeId"), Status.valueOf(string(item, "status")),
                number(item, "sizeBytes", 0), new Actor(string(item, "actorId"), Actor.Kind.valueOf(string(item, "actorKind"))),
                Attr.time(item, "createdAt"), (int) number(item, "rowsTotal", 0), (int) number(item, "chunks", 0),
                (int) number(item, "chunksDone", 0),
                new Counts((int) number(item, "cnt_done", 0), (int) number(item, "cnt_active", 0),
                        (int) number(item, "cnt_waitlisted", 0), (int) number(item, "cnt_unchanged", 0),
                        (int) number(item, "cnt_refused", 0)),
                failure, string(item, "fileDigest"), item.containsKey("reportWritten") && Boolean.TRUE.equals(item.get("reportWritten").bool()),
                plan(item)));
    }

    /** The chunk plan: planVersion, planStarts (chunks + 1 offsets), planLines and planWholeFile (chunk numbers), lists of numbers. */
    private static ChunkPlan plan(Map<String, AttributeValue> item) {
        if (!item.containsKey("planVersion")) {
            return null;
        }
        return new ChunkPlan(string(item, "planVersion"),
                item.get("planStarts").l().stream().map(v -> Long.parseLong(v.n())).toList(),
                item.get("planLines").l().stream().map(v -> Integer.parseInt(v.n())).toList(),
                new java.util.HashSet<>(item.get("planWholeFile").l().stream().map(v -> Integer.parseInt(v.n())).toList()));
    }

    private static AttributeValue numbers(java.util.Collection<? extends Number> values) {
        return AttributeValue.fromL(values.stream().map(v -> n(v.longValue())).toList());
    }

    @Override
    public boolean start(String id, int rowsTotal, int chunks, String fileDigest, ChunkPlan plan) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":progress", s(Status.IN_PROGRESS.name()), ":waiting",
                s(Status.WAITING_FOR_FILE.name()), ":rows", n(rowsTotal), ":chunks", n(chunks), ":digest", s(fileDigest)));
        String set = "SET #status = :progress, rowsTotal = :rows, chunks = :chunks, fileDigest = :digest";
        if (plan != null) {
            set += ", planVersion = :version, planStarts = :starts, planLines = :lines, planWholeFile = :whole";
            values.put(":version", s(plan.fileVersion()));
            values.put(":starts", numbers(plan.starts()));
            values.put(":lines", numbers(plan.firstLines()));
            values.put(":whole", numbers(new java.util.TreeSet<>(plan.wholeFileChunks())));
        }
        String update = set;
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(id, SK))
                    .updateExpression(update)
                    .conditionExpression("#status = :waiting")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException alreadyStarted) {
            return false;
        }
    }

    @Override
    public boolean fail(String id, Refusal.Invalid failure) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(id, SK))
                    .updateExpression("SET #status = :failed, failureCode = :code, failureDetail = :detail, failureErrors = :errors")
                    .conditionExpression("#status IN (:waiting, :progress)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":failed", s(Status.FAILED.name()), ":waiting", s(Status.WAITING_FOR_FILE.name()),
                            ":progress", s(Status.IN_PROGRESS.name()),
                            ":code", s(failure.code()), ":detail", s(failure.getMessage()), ":errors", errorList(failure.errors()))));
            return true;
        } catch (ConditionalCheckFailedException notWaiting) {
            return false;
        }
    }

    @Override
    public boolean completeChunk(String id, int index, Counts add, List<ReportRow> rows, boolean last) {
        Map<String, AttributeValue> chunk = new HashMap<>(key(id, chunkSk(index)));
        List<AttributeValue> list = new ArrayList<>();
        for (ReportRow row : rows) {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("line", n(row.line()));
            m.put("nik", s(row.maskedNik()));
            m.put("outcome", s(row.outcome()));
            Attr.putIfPresent(m, "status", row.status());
            Attr.putIfPresent(m, "registrationId", row.registrationId());
            if (!row.reasons().isEmpty()) {
                m.put("reasons", errorList(row.reasons()));
            }
            list.add(AttributeValue.fromM(m));
        }
        chunk.put("rows", AttributeValue.fromL(list));
        chunk.put(TableLayout.TTL_ATTRIBUTE, n(expiry()));
        TransactWriteItem putChunk = TransactWriteItem.builder().put(p -> p.tableName(table).item(chunk)
                .conditionExpression("attribute_not_exists(PK)")).build();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":index", n(index));
        values.put(":next", n(index + 1));
        values.put(":progress", s(Status.IN_PROGRESS.name()));
        values.put(":after", s((last ? Status.COMPLETED : Status.IN_PROGRESS).name()));
        values.put(":done", n(add.done()));
        values.put(":active", n(add.active()));
        values.put(":waitlisted", n(add.waitlisted()));
        values.put(":unchanged", n(add.unchanged()));
        values.put(":refused", n(add.refused()));
        TransactWriteItem count = TransactWriteItem.builder().update(u -> u.tableName(table).key(key(id, SK))
                .updateExpression("SET chunksDone = :next, #status = :after ADD cnt_done :done, cnt_active :active, "
                        + "cnt_waitlisted :waitlisted, cnt_unchanged :unchanged, cnt_refused :refused")
                // Chunks are recorded in order, each once.
                .conditionExpression("#status = :progress AND chunksDone = :index")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)).build();
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(putChunk, count));
                return true;
            } catch (TransactionCanceledException cancelled) {
                boolean conflictOnly = cancelled.cancellationReasons().stream()
                        .noneMatch(reason -> "ConditionalCheckFailed".equals(reason.code()));
                if (!conflictOnly) {
                    return false; // recorded by another delivery of the same chunk
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw cancelled;
                }
                Backoff.sleep(attempt, 10, 500);
            }
        }
    }

    @Override
    public void reportWritten(String id) {
        dynamo.updateItem(r -> r.tableName(table).key(key(id, SK)).updateExpression("SET reportWritten = :yes")
                .conditionExpression("attribute_exists(PK)").expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
    }

    @Override
    public List<ReportRow> chunkRows(String id, int index) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(key(id, chunkSk(index))).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return List.of();
        }
        List<ReportRow> rows = new ArrayList<>();
        for (AttributeValue v : response.item().get("rows").l()) {
            Map<String, AttributeValue> m = v.m();
            rows.add(new ReportRow((int) number(m, "line", 0), string(m, "nik"), string(m, "outcome"), string(m, "status"),
                    string(m, "registrationId"), errors(m.get("reasons"))));
        }
        return rows;
    }

    private static AttributeValue errorList(List<Refusal.FieldError> errors) {
        List<AttributeValue> list = new ArrayList<>();
        for (Refusal.FieldError e : errors) {
            Map<String, AttributeValue> m = new HashMap<>();
            Attr.putIfPresent(m, "field", e.field());
            m.put("code", s(e.code()));
            Attr.putIfPresent(m, "message", e.message());
            list.add(AttributeValue.fromM(m));
        }
        return AttributeValue.fromL(list);
    }

    private static List<Refusal.FieldError> errors(AttributeValue value) {
        if (value == null || !value.hasL()) {
            return List.of();
        }
        return value.l().stream().map(v -> new Refusal.FieldError(string(v.m(), "field"), string(v.m(), "code"),
                string(v.m(), "message"))).toList();
    }

    private static long expiry() {
        return Instant.now().plus(KEPT_FOR).getEpochSecond();
    }
}
