package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Payment;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.port.LedgerStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static id.dinsos.rentan.dynamodb.Attr.n;
import static id.dinsos.rentan.dynamodb.Attr.number;
import static id.dinsos.rentan.dynamodb.Attr.s;

/**
 * {@link LedgerStore} on the single table. Run parts, shard progress and budget years live in the
 * programme's partition; each contribution line lives in its person's partition (PK
 * PROG#pid#NIK#hash, SK LINE#month), so one person can never have two lines for a month however
 * many registrations it has had, and is indexed by month and shard for the bill.
 */
public final class DynamoDbLedgerStore implements LedgerStore {
    private static final int BATCH = 25;
    private static final int WRITERS = 4;
    private static final int MAX_ATTEMPTS = 12;

    private final DynamoDbClient dynamo;
    private final String table;
    /** Batches of one page are written side by side; made once per container, daemon threads. */
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, r -> {
        Thread t = new Thread(r, "ledger-writer");
        t.setDaemon(true);
        return t;
    });

    public DynamoDbLedgerStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> programmeItem(String programmeId, String sk) {
        return Map.of(TableLayout.PK, s(Keys.programme(programmeId)), TableLayout.SK, s(sk));
    }

    @Override
    public Optional<MonthlyRun> findPart(String programmeId, YearMonth month, int part) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(LedgerItems.runKey(programmeId, month, part))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(LedgerItems.run(programmeId, response.item()))
                : Optional.empty();
    }

    @Override
    public List<MonthlyRun> parts(String programmeId, YearMonth month) {
        return sorted(queryPrefix(programmeId, Keys.runPartsPrefix(month)).stream().map(item -> LedgerItems.run(programmeId, item)).toList());
    }

    /** One Query: {@code begins_with(SK, RUN#<year>-)} in the programme's partition. */
    @Override
    public List<MonthlyRun> partsOfYear(String programmeId, int year) {
        return sorted(queryPrefix(programmeId, Keys.runsOfYearPrefix(year)).stream().map(item -> LedgerItems.run(programmeId, item)).toList());
    }

    @Override
    public List<MonthlyRun> runs(String programmeId) {
        return sorted(queryPrefix(programmeId, Keys.runsPrefix()).stream().map(item -> LedgerItems.run(programmeId, item)).toList());
    }

    private static List<MonthlyRun> sorted(List<MonthlyRun> parts) {
        return parts.stream().sorted(Comparator.comparing(MonthlyRun::month).thenComparingInt(MonthlyRun::part)).toList();
    }

    @Override
    public Map<Integer, BudgetUse> budgetUse(String programmeId) {
        Map<Integer, BudgetUse> use = new HashMap<>();
        for (Map<String, AttributeValue> item : queryPrefix(programmeId, Keys.budgetsPrefix())) {
            use.put(LedgerItems.budgetYear(item), LedgerItems.budgetUse(item));
        }
        return use;
    }

    private List<Map<String, AttributeValue>> queryPrefix(String programmeId, String prefix) {
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.programme(programmeId)), ":prefix", s(prefix)))
                .build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(request).items().forEach(items::add);
        return items;
    }

    @Override
    public StartResult start(MonthlyRun run, long allocation) {
        long cost = run.plannedCost();
        if (cost > allocation) {
            return StartResult.OVER_BUDGET; // not even an empty year could pay it (the condition below assumes room >= 0)
        }
        TransactWriteItem putRun = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(LedgerItems.run(run))
                // each part of a month is started once; only a part the budget blocked may be started again.
                .conditionExpression("attribute_not_exists(PK) OR #status = :blocked")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":blocked", s(RunStatus.BLOCKED_BUDGET.name())))).build();
        TransactWriteItem reserve = TransactWriteItem.builder().update(budgetCharge(run.programmeId(), run.month().getYear(), cost,
                // what is charged to the year may never exceed its allocation.
                "attribute_not_exists(charged) OR charged <= :maxBefore", Map.of(":maxBefore", n(allocation - cost)))).build();
        try {
            transact(List.of(putRun, reserve));
            return StartResult.STARTED;
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            if ("ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return StartResult.ALREADY_STARTED;
            }
            if ("ConditionalCheckFailed".equals(reasons.get(1).code())) {
                return StartResult.OVER_BUDGET;
            }
            // Conflicts that outlasted the retries say nothing about the budget: never record a blocked run for them.
            throw new Refusal.Conflict("CONCURRENT_UPDATE", "The month's run is being changed by another request; please try again.");
        }
    }

    private Update budgetCharge(String programmeId, int year, long cost, String condition, Map<String, AttributeValue> conditionValues) {
        Map<String, AttributeValue> values = new HashMap<>(conditionValues);
        values.put(":cost", n(cost));
        values.put(":zero", n(0));
        values.put(":year", n(year));
        values.put(":type", s("BudgetYear"));
        Update.Builder update = Update.builder().tableName(table)
                .key(programmeItem(programmeId, Keys.budget(year)))
                .updateExpression("SET charged = if_not_exists(charged, :zero) + :cost, spent = if_not_exists(spent, :zero), "
                        + "#year = :year, #type = :type")
                .expressionAttributeNames(Map.of("#year", "year", "#type", "type"))
                .expressionAttributeValues(values);
        if (condition != null) {
            update.conditionExpression(condition);
        }
        return update.build();
    }

    @Override
    public void recordBlocked(MonthlyRun blocked) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(LedgerItems.run(blocked))
                    .conditionExpression("attribute_not_exists(PK) OR #status = :blocked")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":blocked", s(RunStatus.BLOCKED_BUDGET.name()))));
        } catch (ConditionalCheckFailedException startedMeanwhile) {
            // Another invocation started the month in between: its run stands, and nothing was written here.
        }
    }

    @Override
    public ShardProgress progress(String programmeId, YearMonth month, int part, int shard) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table)
                .key(programmeItem(programmeId, Keys.runShard(month, part, shard))).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return ShardProgress.start(shard);
        }
        Map<String, AttributeValue> item = response.item();
        return new ShardProgress(shard, number(item, "step", 0), Attr.string(item, "cursor"), number(item, "charged", 0),
                Attr.bool(item, "done"));
    }

    @Override
    public boolean lease(String programmeId, YearMonth month, int part, int shard, String owner, java.time.Instant until,
                         java.time.Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(programmeItem(programmeId, Keys.runShard(month, part, shard)))
                    .updateExpression("SET leaseOwner = :owner, leaseUntil = :until, #type = :type")
                    .conditionExpression("attribute_not_exists(leaseUntil) OR leaseOwner = :owner OR leaseUntil < :now")
                    .expressionAttributeNames(Map.of("#type", "type"))
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":until", n(until.toEpochMilli()),
                            ":now", n(now.toEpochMilli()), ":type", s("RunShard"))));
            return true;
        } catch (ConditionalCheckFailedException heldByAnother) {
            return false;
        }
    }

    @Override
    public void releaseLease(String programmeId, YearMonth month, int part, int shard, String owner) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(programmeItem(programmeId, Keys.runShard(month, part, shard)))
                    .updateExpression("REMOVE leaseOwner, leaseUntil")
                    .conditionExpression("leaseOwner = :owner")
                    .expressionAttributeValues(Map.of(":owner", s(owner))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Another invocation took the lease over after ours ran out: it is theirs to keep.
        }
    }

    @Override
    public boolean checkpoint(String programmeId, YearMonth month, int part, ShardProgress expected, String next, long charged) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":next", n(expected.step() + 1));
        values.put(":charged", n(charged));
        values.put(":zero", n(0));
        values.put(":type", s("RunShard"));
        String set = "SET step = :next, charged = if_not_exists(charged, :zero) + :charged, #type = :type";
        if (next != null) {
            values.put(":cursor", s(next));
            set += ", #cursor = :cursor";
        } else {
            values.put(":done", AttributeValue.fromBool(true));
            set += ", done = :done REMOVE #cursor";
        }
        String condition;
        if (expected.step() == 0) {
            condition = "attribute_not_exists(step)";
        } else {
            condition = "step = :expected";
            values.put(":expected", n(expected.step()));
        }
        Map<String, AttributeValue> key = programmeItem(programmeId, Keys.runShard(month, part, expected.shard()));
        Map<String, String> names = Map.of("#cursor", "cursor", "#type", "type");
        try {
            if (next != null) {
                String update = set;
                String when = condition;
                dynamo.updateItem(r -> r.tableName(table).key(key).updateExpression(update).conditionExpression(when)
                        .expressionAttributeNames(names).expressionAttributeValues(values));
            } else {
                // The shard's last step and the run's count of finished shards move together.
                Update shard = Update.builder().tableName(table).key(key).updateExpression(set).conditionExpression(condition)
                        .expressionAttributeNames(names).expressionAttributeValues(values).build();
                Update runDone = Update.builder().tableName(table).key(LedgerItems.runKey(programmeId, month, part))
                        .updateExpression("ADD shardsDone :one")
                        .expressionAttributeValues(Map.of(":one", n(1)))
                        .build();
                transact(List.of(TransactWriteItem.builder().update(shard).build(), TransactWriteItem.builder().update(runDone).build()));
            }
            return true;
        } catch (ConditionalCheckFailedException | TransactionCanceledException movedOn) {
            return false; // another invocation checkpointed this step first
        }
    }

    @Override
    public void writeLines(String programmeId, Collection<ContributionLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<ContributionLine> all = List.copyOf(lines);
        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<ContributionLine> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            batches.add(writers.submit(() -> writeBatch(programmeId, batch)));
        }
        try {
            for (Future<?> batch : batches) {
                batch.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing contribution lines", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** One BatchWriteItem, retrying what DynamoDB leaves unprocessed with jittered exponential backoff. */
    private void writeBatch(String programmeId, List<ContributionLine> batch) {
        List<WriteRequest> requests = new ArrayList<>();
        for (ContributionLine line : batch) {
            requests.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(LedgerItems.line(programmeId, line)).build()).build());
        }
        Map<String, List<WriteRequest>> pending = Map.of(table, requests);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB kept " + pending.get(table).size() + " line writes unprocessed");
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(request));
            pending = response.hasUnprocessedItems() && !response.unprocessedItems().isEmpty() ? response.unprocessedItems() : Map.of();
            if (!pending.isEmpty()) {
                Backoff.sleep(attempt, 10, 500);
            }
        }
    }

    @Override
    public Optional<MonthlyRun> complete(String programmeId, YearMonth month, int part, OffsetDateTime at) {
        Optional<MonthlyRun> found = findPart(programmeId, month, part);
        if (found.isEmpty() || found.get().status() != RunStatus.IN_PROGRESS) {
            return Optional.empty();
        }
        MonthlyRun run = found.get();
        List<Map<String, AttributeValue>> shards = queryPrefix(programmeId, Keys.runShardsPrefix(month, part));
        if (shards.size() < TableLayout.COVERAGE_SHARDS || !shards.stream().allMatch(i -> Attr.bool(i, "done"))) {
            return Optional.empty(); // other segments are still at work; the last one completes the run
        }
        long charged = shards.stream().mapToLong(i -> number(i, "charged", 0)).sum();
        MonthlyRun completed = run.completed(charged, at);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(LedgerItems.runKey(programmeId, month, part))
                .updateExpression("SET #status = :completed, participants = :participants, finishedAt = :at")
                .conditionExpression("#status = :inProgress")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":completed", s(RunStatus.COMPLETED.name()), ":inProgress",
                        s(RunStatus.IN_PROGRESS.name()), ":participants", n(charged), ":at", s(at.toString())))).build());
        long correction = completed.total() - run.plannedCost();
        if (correction != 0) {
            // The reservation was for the participants counted at the start; charge what was really billed.
            writes.add(TransactWriteItem.builder().update(budgetCharge(programmeId, month.getYear(), correction, null, Map.of())).build());
        }
        try {
            transact(writes);
            return Optional.of(completed);
        } catch (TransactionCanceledException alreadyCompleted) {
            return Optional.empty();
        }
    }

    @Override
    public PaymentResult recordPayment(String programmeId, YearMonth month, Payment payment) {
        List<MonthlyRun> billed = parts(programmeId, month).stream().filter(MonthlyRun::billed).toList();
        List<MonthlyRun> unpaid = billed.stream().filter(p -> !p.paid()).toList();
        if (unpaid.isEmpty()) {
            return billed.isEmpty() ? PaymentResult.NOT_BILLED : PaymentResult.ALREADY_PAID;
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        for (MonthlyRun part : unpaid) {
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(LedgerItems.runKey(programmeId, month, part.part()))
                    .updateExpression("SET paidOn = :paidOn, paymentReference = :reference, paymentRecordedAt = :at, paymentRecordedBy = :by")
                    // Paid once: a concurrent payment of the same part cancels this one whole.
                    .conditionExpression("#status = :completed AND attribute_not_exists(paidOn)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":paidOn", s(payment.paidOn().toString()), ":reference", s(payment.reference()),
                            ":at", s(payment.recordedAt().toString()), ":by", s(payment.recordedBy()),
                            ":completed", s(RunStatus.COMPLETED.name())))).build());
        }
        long total = unpaid.stream().mapToLong(MonthlyRun::total).sum();
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(programmeItem(programmeId, Keys.budget(month.getYear())))
                .updateExpression("SET spent = if_not_exists(spent, :zero) + :total")
                .expressionAttributeValues(Map.of(":total", n(total), ":zero", n(0)))).build());
        try {
            transact(writes);
            return PaymentResult.RECORDED;
        } catch (TransactionCanceledException cancelled) {
            return PaymentResult.ALREADY_PAID; // another request paid (some of) these parts first
        }
    }

    @Override
    public List<ContributionLine> lines(String programmeId, YearMonth month) {
        List<ContributionLine> lines = new ArrayList<>();
        for (int shard = 0; shard < TableLayout.COVERAGE_SHARDS; shard++) {
            QueryRequest request = QueryRequest.builder().tableName(table).indexName(TableLayout.BY_NIK.name())
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", TableLayout.BY_NIK.partitionKey()))
                    .expressionAttributeValues(Map.of(":pk", s(Keys.bill(programmeId, month, shard))))
                    .build();
            dynamo.queryPaginator(request).items().forEach(item -> lines.add(LedgerItems.line(item)));
        }
        return lines;
    }

    @Override
    public Map<YearMonth, Integer> linesOf(String programmeId, Nik nik) {
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.person(programmeId, nik)), ":prefix", s(Keys.linesPrefix())))
                .projectionExpression("#month, part")
                .expressionAttributeNames(Map.of("#month", "month"))
                .build();
        Map<YearMonth, Integer> months = new HashMap<>();
        dynamo.queryPaginator(request).items().forEach(item ->
                months.put(YearMonth.parse(item.get("month").s()), (int) number(item, "part", 1)));
        return months;
    }

    @Override
    public Map<Nik, Integer> linedParts(String programmeId, YearMonth month, Collection<Nik> people) {
        Map<Nik, Integer> found = new HashMap<>();
        Map<String, Nik> byKey = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Nik nik : new java.util.LinkedHashSet<>(people)) {
            String pk = Keys.person(programmeId, nik);
            byKey.put(pk, nik);
            keys.add(Map.of(TableLayout.PK, s(pk), TableLayout.SK, s(Keys.line(month))));
        }
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + 100))).consistentRead(true).build());
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB kept line reads unprocessed");
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
                response.responses().getOrDefault(table, List.of()).forEach(item ->
                        found.put(byKey.get(item.get(TableLayout.PK).s()), (int) number(item, "part", 1)));
                pending = response.hasUnprocessedKeys() && !response.unprocessedKeys().isEmpty() ? response.unprocessedKeys() : Map.of();
                if (!pending.isEmpty()) {
                    Backoff.sleep(attempt, 10, 500);
                }
            }
        }
        return found;
    }

    /** TransactWriteItems, retrying only transaction conflicts; a failed condition is the caller's to read. */
    private void transact(List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(items));
                return;
            } catch (TransactionCanceledException cancelled) {
                boolean conflictOnly = cancelled.cancellationReasons().stream()
                        .noneMatch(reason -> "ConditionalCheckFailed".equals(reason.code()));
                if (!conflictOnly || attempt >= MAX_ATTEMPTS) {
                    throw cancelled;
                }
                Backoff.sleep(attempt, 10, 500);
            }
        }
    }
}
