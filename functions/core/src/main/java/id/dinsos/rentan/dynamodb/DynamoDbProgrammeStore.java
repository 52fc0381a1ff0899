package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.StatusBreakdown;
import id.dinsos.rentan.domain.StatusCounts;
import id.dinsos.rentan.port.LedgerStore;
import id.dinsos.rentan.port.ProgrammeStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ProgrammeStore} on the single table: one item per programme, with its counters by status,
 * and beside it the breakdown item with its counters by status and kecamatan, and status and occupation.
 */
public final class DynamoDbProgrammeStore implements ProgrammeStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbProgrammeStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static Map<String, AttributeValue> key(String programmeId) {
        return Map.of(TableLayout.PK, Attr.s(Keys.programme(programmeId)), TableLayout.SK, Attr.s(Keys.PROGRAMME_SK));
    }

    @Override
    public Optional<Snapshot> find(String programmeId) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(key(programmeId)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(snapshot(programmeId, response.item()));
    }

    private static Snapshot snapshot(String programmeId, Map<String, AttributeValue> item) {
        return new Snapshot(ProgrammeItems.programme(programmeId, item), ProgrammeItems.counts(item),
                ProgrammeItems.lapsed(item), ProgrammeItems.settingsVersion(item));
    }

    /**
     * One consistent Query of the programme's partition from {@code BREAKDOWN} up to the last
     * {@code RUN#} item ({@link Keys#overviewFrom()}, {@link Keys#overviewTo()}): the breakdown, the
     * budget years, the coverage counts (not needed here, one small item), the programme item and every
     * bill part, and not the runs' per-shard progress items that sort after them. It replaces a GetItem
     * and two Queries made one after another: the programme's status page is the most read route.
     */
    @Override
    public Optional<Overview> overview(String programmeId) {
        QueryRequest first = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.programme(programmeId)),
                        ":from", Attr.s(Keys.overviewFrom()), ":to", Attr.s(Keys.overviewTo())))
                .build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        // Pages by hand rather than through a paginator: one call, the usual case, reads as one call.
        QueryRequest request = first;
        while (true) {
            QueryResponse page = dynamo.query(request);
            items.addAll(page.items());
            if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                break;
            }
            request = first.toBuilder().exclusiveStartKey(page.lastEvaluatedKey()).build();
        }
        Snapshot snapshot = null;
        StatusBreakdown breakdown = null;
        Map<Integer, LedgerStore.BudgetUse> budgetUse = new HashMap<>();
        List<MonthlyRun> runs = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = Attr.string(item, TableLayout.SK);
            if (sk.equals(Keys.PROGRAMME_SK)) {
                snapshot = snapshot(programmeId, item);
            } else if (sk.equals(Keys.BREAKDOWN_SK)) {
                breakdown = BreakdownItems.hasBaseline(item) ? BreakdownItems.breakdown(item) : null;
            } else if (sk.startsWith(Keys.budgetsPrefix())) {
                budgetUse.put(LedgerItems.budgetYear(item), LedgerItems.budgetUse(item));
            } else if (sk.startsWith(Keys.runsPrefix())) {
                runs.add(LedgerItems.run(programmeId, item));
            }
        }
        if (snapshot == null) {
            return Optional.empty();
        }
        runs.sort(Comparator.comparing(MonthlyRun::month).thenComparingInt(MonthlyRun::part));
        return Optional.of(new Overview(snapshot, budgetUse, runs, breakdown));
    }

    /**
     * One consistent GetItem of the breakdown item. An item without a baseline (the programme's
     * registrations predate the counters, or none was taken yet) is first rebuilt from the registrations
     * once: see {@link #baseline}.
     */
    @Override
    public StatusBreakdown breakdown(String programmeId) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(BreakdownItems.key(programmeId)).consistentRead(true));
        if (response.hasItem() && BreakdownItems.hasBaseline(response.item())) {
            return BreakdownItems.breakdown(response.item());
        }
        return baseline(programmeId);
    }

    /** Attempts at an exact baseline before answering with a count that is not stored. */
    private static final int BASELINE_ATTEMPTS = 5;

    /**
     * Counts every registration of the programme once, by a Query of each status partition of the status
     * index (never a Scan), and stores the counts as the breakdown's baseline, on condition that no
     * registration changed meanwhile: every registration write adds one to the programme item's
     * {@code changeCount} in its own transaction, so an unchanged count means the registrations counted
     * are the registrations there are. The index is read eventually consistently, so the counts must
     * also agree with the status counters; while they do not (the index lags behind a write), it reads
     * again. If they still disagree at the last attempt with nothing written meanwhile, the registrations
     * as the index holds them are the truth and are stored. Under a stream of writes that never lets the
     * condition hold, it answers the count without storing it; a later read tries again.
     */
    private StatusBreakdown baseline(String programmeId) {
        Map<String, Long> counts = Map.of();
        for (int attempt = 1; attempt <= BASELINE_ATTEMPTS; attempt++) {
            GetItemResponse programme = dynamo.getItem(r -> r.tableName(table).key(key(programmeId)).consistentRead(true));
            if (!programme.hasItem() || programme.item().isEmpty()) {
                return StatusBreakdown.empty();
            }
            long changes = Attr.number(programme.item(), CHANGE_COUNT, 0);
            counts = countRegistrations(programmeId);
            if (!agrees(counts, ProgrammeItems.counts(programme.item())) && attempt < BASELINE_ATTEMPTS) {
                Backoff.sleep(attempt, 50, 1_000);
                continue;
            }
            Map<String, AttributeValue> item = BreakdownItems.baselineItem(programmeId, counts);
            try {
                dynamo.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key(programmeId))
                                .conditionExpression(changes == 0 ? "attribute_not_exists(#changes) OR #changes = :changes" : "#changes = :changes")
                                .expressionAttributeNames(Map.of("#changes", CHANGE_COUNT))
                                .expressionAttributeValues(Map.of(":changes", Attr.n(changes))).build()).build(),
                        TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build()));
                return BreakdownItems.breakdown(item);
            } catch (TransactionCanceledException changedMeanwhile) {
                Backoff.sleep(attempt, 10, 200);
            }
        }
        return BreakdownItems.breakdown(counts, programmeId);
    }

    /** Every registration's status, kecamatan and occupation, one status partition of the index after another. */
    private Map<String, Long> countRegistrations(String programmeId) {
        Map<String, Long> counts = new HashMap<>();
        for (RegistrationStatus status : RegistrationStatus.values()) {
            QueryRequest request = QueryRequest.builder()
                    .tableName(table)
                    .indexName(TableLayout.BY_STATUS.name())
                    .keyConditionExpression("#pk = :pk")
                    .projectionExpression("#kecamatan, #occupation")
                    .expressionAttributeNames(Map.of("#pk", TableLayout.BY_STATUS.partitionKey(), "#kecamatan", "kecamatan",
                            "#occupation", "occupation"))
                    .expressionAttributeValues(Map.of(":pk", Attr.s(Keys.byStatus(programmeId, status))))
                    .build();
            dynamo.queryPaginator(request).items().forEach(item -> BreakdownItems.count(status, Attr.string(item, "kecamatan"),
                    Occupation.valueOf(Attr.string(item, "occupation")), counts));
        }
        return counts;
    }

    /** The counts by kecamatan add up to the status counters, status by status. */
    private static boolean agrees(Map<String, Long> counts, StatusCounts statusCounts) {
        StatusBreakdown breakdown = BreakdownItems.breakdown(counts, "check");
        for (RegistrationStatus status : RegistrationStatus.values()) {
            if (breakdown.totalByKecamatan(status) != statusCounts.of(status)) {
                return false;
            }
        }
        return true;
    }

    /** Added to by every registration write, in its transaction (DynamoDbRegistrationStore). */
    static final String CHANGE_COUNT = "changeCount";

    @Override
    public SaveResult save(Programme programme) {
        Map<String, AttributeValue> settings = ProgrammeItems.settings(programme);
        requireReadableBack(programme, settings);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : settings.entrySet()) {
            names.put("#a" + i, e.getKey());
            values.put(":a" + i, e.getValue());
            sets.add("#a" + i + " = :a" + i);
            i++;
        }
        values.put(":zero", Attr.n(0));
        for (RegistrationStatus status : RegistrationStatus.values()) {
            String counter = ProgrammeItems.counter(status);
            sets.add(counter + " = if_not_exists(" + counter + ", :zero)");
        }
        // Registrations decided on the settings before this save are written only on condition that these are unchanged.
        sets.add(ProgrammeItems.SETTINGS_VERSION + " = if_not_exists(" + ProgrammeItems.SETTINGS_VERSION + ", :zero) + :oneMore");
        values.put(":oneMore", Attr.n(1));
        values.put(":newQuota", Attr.n(programme.quota()));
        // The rate rows carry the declared income now: drop the old programme-wide value.
        names.put("#legacyIncome", ProgrammeItems.LEGACY_DECLARED_INCOME);
        try {
            UpdateItemResponse saved = dynamo.updateItem(r -> r.tableName(table)
                    .key(key(programme.id()))
                    .updateExpression("SET " + String.join(", ", sets) + " REMOVE #legacyIncome")
                    // the quota can never drop below the places already taken.
                    .conditionExpression("attribute_not_exists(PK) OR " + ProgrammeItems.counter(RegistrationStatus.ACTIVE) + " <= :newQuota")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_OLD));
            if (!saved.hasAttributes() || saved.attributes().isEmpty()) {
                startCoverageCounts(programme.id());
            }
            return SaveResult.SAVED;
        } catch (ConditionalCheckFailedException e) {
            return SaveResult.QUOTA_BELOW_ACTIVE;
        }
    }

    /**
     * A new programme has no registrations, so its coverage counts start from an exact zero (a
     * baseline). If a registration write created the item first, it is left as it is: without a
     * baseline, it is counted once from the coverage index when the run first needs it.
     */
    private void startCoverageCounts(String programmeId) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(CoverageItems.baselineItem(programmeId, Map.of(), Map.of()))
                    .conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException alreadyThere) {
            // added to since: the run's first read takes the baseline
        }
    }

    /**
     * Every request of every function reads the programme item: settings that would not read back as
     * themselves are a fault of ours, caught here before anything is written rather than by the next
     * reader (the use case refuses settings outside their bounds before they get here).
     */
    private static void requireReadableBack(Programme programme, Map<String, AttributeValue> settings) {
        Programme readBack;
        try {
            readBack = ProgrammeItems.programme(programme.id(), settings);
        } catch (RuntimeException e) {
            throw new IllegalStateException("programme settings that would not read back were not saved", e);
        }
        if (!readBack.equals(programme)) {
            throw new IllegalStateException("programme settings that would read back differently were not saved");
        }
    }
}
