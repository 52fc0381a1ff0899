package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.CoverageCounts;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.port.Page;
import id.dinsos.rentan.port.IdempotencyStore;
import id.dinsos.rentan.port.RegistrationStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static id.dinsos.rentan.dynamodb.Attr.n;
import static id.dinsos.rentan.dynamodb.Attr.s;

/**
 * {@link RegistrationStore} on the single table. Invariants that span items are conditions in one
 * TransactWriteItems call: the NIK lock item's absence (R-16), the KPJ lock's owner (one NIK per KPJ
 * number, R-21), the registration's version (no decision from a stale read) and the programme's
 * ACTIVE counter against its quota (R-17).
 */
public final class DynamoDbRegistrationStore implements RegistrationStore {
    /**
     * DynamoDB allows 100 actions per transaction; two slots are kept for the programme's counters and
     * its breakdown by kecamatan and occupation.
     */
    public static final int MAX_ACTIONS = 100;
    private static final int MAX_ATTEMPTS = 12;
    /** DynamoDB's limits on a partition and a sort key value. */
    private static final int MAX_PARTITION_KEY_BYTES = 2048;
    private static final int MAX_SORT_KEY_BYTES = 1024;
    /** A status index sort key: {@code <KECAMATAN>#<15-digit millis>#<id>}. */
    private static final Pattern STATUS_SORT = Pattern.compile("(.+#)[0-9]{15}#([^#]+)", Pattern.DOTALL);
    /** A waitlist entry's sort key: {@code ENTRY#<12-digit place>#<id>}. */
    private static final Pattern WAITLIST_ENTRY = Pattern.compile("ENTRY#[0-9]{12}#[^#]+");
    /**
     * The most registrations (or waitlist entries) one page of a list reads when filters let some of
     * them through unlisted: about 3 MB of registrations, a few hundred read units, well within the
     * HTTP API's 30 seconds.
     */
    static final int MAX_EVALUATED_PER_PAGE = 2_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int maxEvaluated;

    public DynamoDbRegistrationStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, MAX_EVALUATED_PER_PAGE);
    }

    /** With another bound on what one page of a filtered list reads (tests of that bound). */
    DynamoDbRegistrationStore(DynamoDbClient dynamo, String table, int maxEvaluated) {
        this.dynamo = dynamo;
        this.table = table;
        this.maxEvaluated = maxEvaluated;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(TableLayout.PK, s(Keys.registration(id)), TableLayout.SK, s(Keys.REGISTRATION_SK));
    }

    private static Map<String, AttributeValue> lockKey(String programmeId, Nik nik) {
        return Map.of(TableLayout.PK, s(Keys.nikLock(programmeId, nik)), TableLayout.SK, s(Keys.NIK_LOCK_SK));
    }

    @Override
    public Optional<Registration> find(String id) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(key(id)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(RegistrationItems.fromItem(response.item()))
                : Optional.empty();
    }

    @Override
    public Optional<Registration> findLive(String programmeId, Nik nik) {
        GetItemResponse lock = dynamo.getItem(r -> r.tableName(table).key(lockKey(programmeId, nik)).consistentRead(true));
        if (!lock.hasItem() || lock.item().isEmpty()) {
            return Optional.empty();
        }
        return find(lock.item().get("registrationId").s());
    }

    @Override
    public Map<Nik, Registration> findLive(String programmeId, Collection<Nik> niks) {
        Map<String, Nik> nikByLockPk = new HashMap<>();
        niks.forEach(nik -> nikByLockPk.put(Keys.nikLock(programmeId, nik), nik));
        Map<String, Nik> nikByRegistrationId = new HashMap<>();
        for (Map<String, AttributeValue> lock : batchGet(nikByLockPk.keySet().stream()
                .map(pk -> Map.of(TableLayout.PK, s(pk), TableLayout.SK, s(Keys.NIK_LOCK_SK))).toList())) {
            nikByRegistrationId.put(lock.get("registrationId").s(), nikByLockPk.get(lock.get(TableLayout.PK).s()));
        }
        Map<Nik, Registration> live = new HashMap<>();
        for (Map<String, AttributeValue> item : batchGet(nikByRegistrationId.keySet().stream().map(DynamoDbRegistrationStore::key).toList())) {
            Registration registration = RegistrationItems.fromItem(item);
            live.put(registration.nik(), registration);
        }
        return live;
    }

    /** BatchGetItem in pages of 100 keys, retrying what DynamoDB leaves unprocessed. */
    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + 100))).consistentRead(true).build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(pending));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    Backoff.sleep(attempt, 5, 200);
                }
            }
        }
        return found;
    }

    @Override
    public List<Registration> findByNik(String programmeId, Nik nik) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .indexName(TableLayout.BY_NIK.name())
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :programme)")
                .expressionAttributeNames(Map.of("#pk", TableLayout.BY_NIK.partitionKey(), "#sk", TableLayout.BY_NIK.sortKey()))
                .expressionAttributeValues(Map.of(":pk", s(Keys.byNik(nik)), ":programme", s(Keys.programme(programmeId) + "#")))
                .scanIndexForward(false)
                .build();
        List<Registration> found = new ArrayList<>();
        dynamo.queryPaginator(request).items().forEach(item -> found.add(RegistrationItems.fromItem(item)));
        return found;
    }

    /**
     * Status by status: a status partition of the status index (GSI2) is read with a Query; the
     * WAITLISTED turn reads the waitlist's own partition in order instead, consistently, with one
     * BatchGetItem of its registrations per page (R-17). A name is a FilterExpression on the
     * {@value RegistrationItems#NAME_SEARCH} attribute (registrations written before it have none and
     * are let through the filter, to be matched here on their full name): DynamoDB still reads every
     * registration the Query passes, so a page reads at most {@link #maxEvaluated} of them and then
     * answers with what it found and a cursor.
     */
    @Override
    public Page<Listed> list(Query query, int limit, String cursor) {
        List<RegistrationStatus> statuses = query.status() != null
                ? List.of(query.status())
                : List.of(RegistrationStatus.values());
        ListCursor position = ListCursor.decode(cursor, statuses.size());
        int statusIndex = position.statusIndex();
        Map<String, AttributeValue> startKey = position.startKey();
        if (startKey != null && !startKeyFits(startKey, query, statuses.get(statusIndex))) {
            // A cursor of another list (status, kecamatan or programme) would make DynamoDB fail the query.
            throw ListCursor.invalid();
        }
        List<Listed> items = new ArrayList<>();
        long evaluated = 0;
        while (statusIndex < statuses.size()) {
            RegistrationStatus status = statuses.get(statusIndex);
            int want = (int) Math.min(limit - items.size(), maxEvaluated - evaluated);
            Walk walk = status == RegistrationStatus.WAITLISTED
                    ? walkWaitlist(query, startKey, want)
                    : walkStatus(query, status, startKey, want);
            items.addAll(walk.items());
            evaluated += walk.evaluated();
            if (walk.lastKey() != null) {
                startKey = walk.lastKey();
            } else {
                statusIndex++;
                startKey = null;
            }
            if (items.size() >= limit || evaluated >= maxEvaluated) {
                return new Page<>(items, statusIndex < statuses.size() ? new ListCursor(statusIndex, startKey).encode() : null);
            }
        }
        return new Page<>(items, null);
    }

    /** What one read of a list found, how many registrations (or waitlist entries) it read, and where it stopped. */
    private record Walk(List<Listed> items, long evaluated, Map<String, AttributeValue> lastKey) {
    }

    /** Up to {@code want} registrations of one status partition of the status index, from {@code startKey}. */
    private Walk walkStatus(Query query, RegistrationStatus status, Map<String, AttributeValue> startKey, int want) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", TableLayout.BY_STATUS.partitionKey()));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(Keys.byStatus(query.programmeId(), status)));
        String condition = "#pk = :pk";
        if (query.kecamatan() != null) {
            names.put("#sk", TableLayout.BY_STATUS.sortKey());
            values.put(":kec", s(Keys.kecamatanPrefix(query.kecamatan())));
            condition += " AND begins_with(#sk, :kec)";
        }
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .indexName(TableLayout.BY_STATUS.name())
                .keyConditionExpression(condition)
                .limit(want);
        if (query.name() != null) {
            names.put("#name", RegistrationItems.NAME_SEARCH);
            List<String> contains = new ArrayList<>();
            for (int i = 0; i < query.name().words().size(); i++) {
                values.put(":w" + i, s(query.name().words().get(i)));
                contains.add("contains(#name, :w" + i + ")");
            }
            request.filterExpression("attribute_not_exists(#name) OR (" + String.join(" AND ", contains) + ")");
        }
        request.expressionAttributeNames(names).expressionAttributeValues(values);
        if (startKey != null) {
            request.exclusiveStartKey(startKey);
        }
        QueryResponse response = dynamo.query(request.build());
        List<Listed> items = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            Registration r = RegistrationItems.fromItem(item);
            if (query.name() == null || query.name().matches(r.application().fullName())) {
                items.add(new Listed(r, 0));
            }
        }
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Walk(items, response.scannedCount(), more ? response.lastEvaluatedKey() : null);
    }

    /**
     * Up to {@code want} entries of the waitlist's partition in waitlist order (R-17), from
     * {@code startKey}, read consistently, with their registrations (one consistent BatchGetItem) and
     * their positions: the entries before the first one read (one COUNT Query, only when not starting at
     * the head) and then one more for each entry read.
     */
    private Walk walkWaitlist(Query query, Map<String, AttributeValue> startKey, int want) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :entries)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.waitlist(query.programmeId())), ":entries", s(Keys.waitlistEntriesPrefix())))
                .limit(want);
        long ahead = 0;
        if (startKey != null) {
            request.exclusiveStartKey(startKey);
            ahead = entriesUpTo(query.programmeId(), startKey.get(TableLayout.SK).s());
        }
        QueryResponse response = dynamo.query(request.build());
        Map<String, Registration> byId = new HashMap<>();
        for (Map<String, AttributeValue> item : batchGet(response.items().stream()
                .map(entry -> key(Attr.string(entry, "registrationId"))).toList())) {
            Registration r = RegistrationItems.fromItem(item);
            byId.put(r.id(), r);
        }
        List<Listed> items = new ArrayList<>();
        long position = ahead;
        for (Map<String, AttributeValue> entry : response.items()) {
            position++;
            Registration r = byId.get(Attr.string(entry, "registrationId"));
            // An entry always leaves with its registration (same transaction); a registration found in another
            // status would be one that changed after this read began: not waiting any more.
            if (r == null || r.status() != RegistrationStatus.WAITLISTED
                    || (query.kecamatan() != null && !Keys.kecamatanPrefix(r.kecamatan()).equals(Keys.kecamatanPrefix(query.kecamatan())))
                    || (query.name() != null && !query.name().matches(r.application().fullName()))) {
                continue;
            }
            items.add(new Listed(r, position));
        }
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Walk(items, response.items().size(), more ? response.lastEvaluatedKey() : null);
    }

    /** How many waitlist entries sort at or before {@code entrySk} (consistent; a COUNT Query of the entries' keys). */
    private long entriesUpTo(String programmeId, String entrySk) {
        long count = 0;
        Map<String, AttributeValue> from = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("PK = :pk AND SK BETWEEN :first AND :last")
                    .expressionAttributeValues(Map.of(":pk", s(Keys.waitlist(programmeId)), ":first", s(Keys.waitlistEntriesPrefix()),
                            ":last", s(entrySk)))
                    .select(Select.COUNT);
            if (from != null) {
                request.exclusiveStartKey(from);
            }
            QueryResponse response = dynamo.query(request.build());
            count += response.count();
            from = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (from != null);
        return count;
    }

    /**
     * True when {@code key} is a position this query could have stopped at: a registration's key
     * with its index keys, in the partition and kecamatan range the query reads, each within
     * DynamoDB's key sizes. Anything else in a cursor was not written by us, and would make DynamoDB
     * fail the query (a key of another list, or larger than a key may be).
     */
    private static boolean startKeyFits(Map<String, AttributeValue> key, Query query, RegistrationStatus status) {
        String pk = text(key, TableLayout.PK);
        String sk = text(key, TableLayout.SK);
        if (status == RegistrationStatus.WAITLISTED) {
            // The waitlist is read in its own partition: a position is an entry's key there.
            return key.size() == 2 && Keys.waitlist(query.programmeId()).equals(pk) && sk != null
                    && sk.getBytes(StandardCharsets.UTF_8).length <= MAX_SORT_KEY_BYTES && WAITLIST_ENTRY.matcher(sk).matches();
        }
        String indexPk = text(key, TableLayout.BY_STATUS.partitionKey());
        String indexSk = text(key, TableLayout.BY_STATUS.sortKey());
        if (key.size() != 4 || pk == null || sk == null || indexPk == null || indexSk == null
                || !pk.startsWith(Keys.registration("")) || !Keys.REGISTRATION_SK.equals(sk)
                || !Keys.byStatus(query.programmeId(), status).equals(indexPk)
                || pk.getBytes(StandardCharsets.UTF_8).length > MAX_PARTITION_KEY_BYTES
                || indexSk.getBytes(StandardCharsets.UTF_8).length > MAX_SORT_KEY_BYTES) {
            return false;
        }
        Matcher sort = STATUS_SORT.matcher(indexSk);
        return sort.matches() && sort.group(2).equals(Keys.registrationIdFrom(pk))
                && (query.kecamatan() == null || sort.group(1).equals(Keys.kecamatanPrefix(query.kecamatan())));
    }

    private static String text(Map<String, AttributeValue> key, String name) {
        AttributeValue value = key.get(name);
        return value == null ? null : value.s();
    }

    @Override
    public Optional<Registration> waitlistHead(String programmeId) {
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :entries)")
                    .expressionAttributeValues(Map.of(":pk", s(Keys.waitlist(programmeId)), ":entries", s(Keys.waitlistEntriesPrefix())))
                    .limit(10);
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse response = dynamo.query(request.build());
            for (Map<String, AttributeValue> entry : response.items()) {
                Optional<Registration> candidate = find(Attr.string(entry, "registrationId"));
                if (candidate.isPresent() && candidate.get().status() == RegistrationStatus.WAITLISTED) {
                    return candidate;
                }
            }
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (startKey != null);
        return Optional.empty();
    }

    /**
     * Counted on the waitlist's own partition, read consistently, right after the caller's write:
     * the waitlist entries are numbered in commit order, so the position is the one that holds.
     */
    @Override
    public long waitlistPosition(Registration registration) {
        if (registration.status() != RegistrationStatus.WAITLISTED) {
            return 0;
        }
        Long place = waitlistPlace(registration.id());
        if (place == null) {
            return 0;
        }
        long ahead = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("PK = :pk AND SK BETWEEN :first AND :before")
                    .expressionAttributeValues(Map.of(
                            ":pk", s(Keys.waitlist(registration.programmeId())),
                            ":first", s(Keys.waitlistEntriesPrefix()),
                            ":before", s(Keys.waitlistEntryBefore(place))))
                    .select(Select.COUNT);
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse response = dynamo.query(request.build());
            ahead += response.count();
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (startKey != null);
        return ahead + 1;
    }

    /**
     * R-17: a place on the waitlist is numbered in the order the places were taken. The programme
     * item keeps the last number given; a write that adds to the waitlist numbers its entries from
     * the number it read and commits only if nobody numbered one meanwhile (else it reads again), so
     * the numbers follow the order of commits and a position read after a write is final.
     */
    private static final int MAX_WAITLIST_NUMBERING_ATTEMPTS = 200;

    @Override
    public WriteResult write(List<Change> changes, QuotaGuard guard, long settingsVersion, IdempotencyStore.Receipt receipt) {
        if (changes.isEmpty()) {
            return WriteResult.WRITTEN;
        }
        boolean joinsWaitlist = changes.stream().anyMatch(c -> c.after().status() == RegistrationStatus.WAITLISTED
                && (c.before() == null || c.before().status() != RegistrationStatus.WAITLISTED));
        String programmeId = changes.get(0).after().programmeId();
        for (int attempt = 1; ; attempt++) {
            Long numberedBefore = joinsWaitlist ? waitlistNumber(programmeId) : null;
            WriteResult result = write(changes, guard, settingsVersion, receipt, programmeId, numberedBefore);
            if (result != null) {
                return result;
            }
            if (attempt >= MAX_WAITLIST_NUMBERING_ATTEMPTS) {
                throw new Refusal.Conflict("CONCURRENT_UPDATE", "Too many simultaneous changes to the waitlist; please try again.");
            }
            Backoff.sleep(Math.min(attempt, 6), 2, 50);
        }
    }

    /** The programme's settings version, read consistently; -2 when the programme is not there. */
    private long settingsVersion(String programmeId) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(DynamoDbProgrammeStore.key(programmeId))
                .projectionExpression("PK, " + ProgrammeItems.SETTINGS_VERSION).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? ProgrammeItems.settingsVersion(response.item()) : -2;
    }

    private long waitlistNumber(String programmeId) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(DynamoDbProgrammeStore.key(programmeId))
                .projectionExpression(WAITLIST_NUMBER).consistentRead(true));
        return response.hasItem() ? Attr.number(response.item(), WAITLIST_NUMBER, 0) : 0;
    }

    /** The last waitlist number given, on the programme item. */
    static final String WAITLIST_NUMBER = "waitlistNumber";

    /** A waitlisted registration's item keeps the number of its place, to find its entry later. */
    static final String WAITLIST_PLACE = "waitlistPlace";

    /** One attempt; null when another write numbered waitlist places after ours read the last number (read again). */
    private WriteResult write(List<Change> changes, QuotaGuard guard, long settingsVersion, IdempotencyStore.Receipt receipt,
                              String programmeId, Long numberedBefore) {
        long nextNumber = numberedBefore == null ? 0 : numberedBefore;
        List<TransactWriteItem> actions = new ArrayList<>();
        List<Integer> changeOfAction = new ArrayList<>();
        List<ActionKind> kindOfAction = new ArrayList<>();
        Map<RegistrationStatus, Long> deltas = new EnumMap<>(RegistrationStatus.class);
        Map<String, Long> breakdownDeltas = new TreeMap<>();
        Map<YearMonth, Long> coverageStarts = new TreeMap<>();
        Map<YearMonth, Long> coverageEnds = new TreeMap<>();
        long lapsedDelta = 0;
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            Registration before = change.before();
            Registration after = change.after();
            if (!after.programmeId().equals(programmeId)) {
                throw new IllegalArgumentException("one write serves one programme");
            }
            boolean joins = after.status() == RegistrationStatus.WAITLISTED
                    && (before == null || before.status() != RegistrationStatus.WAITLISTED);
            boolean leaves = before != null && before.status() == RegistrationStatus.WAITLISTED
                    && after.status() != RegistrationStatus.WAITLISTED;
            Long place = null;
            if (joins) {
                place = ++nextNumber;
            } else if (after.status() == RegistrationStatus.WAITLISTED) {
                place = waitlistPlace(after.id()); // still waiting: keeps its place
            }
            actions.add(TransactWriteItem.builder().put(registrationPut(before, after, place)).build());
            changeOfAction.add(i);
            kindOfAction.add(ActionKind.REGISTRATION);
            if (joins) {
                actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(waitlistEntry(programmeId, place, after.id())).build()).build());
                changeOfAction.add(i);
                kindOfAction.add(ActionKind.WAITLIST_ENTRY);
            } else if (leaves) {
                Long left = waitlistPlace(before.id());
                if (left != null) {
                    actions.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                            .key(waitlistEntryKey(programmeId, left, before.id())).build()).build());
                    changeOfAction.add(i);
                    kindOfAction.add(ActionKind.WAITLIST_ENTRY);
                }
            }

            boolean wasLive = before != null && before.status().isLive();
            boolean isLive = after.status().isLive();
            if (!wasLive && isLive) {
                actions.add(TransactWriteItem.builder().put(Put.builder()
                        .tableName(table)
                        .item(lockItem(after))
                        .conditionExpression("attribute_not_exists(PK)")
                        .build()).build());
                changeOfAction.add(i);
                kindOfAction.add(ActionKind.NIK_LOCK);
            } else if (wasLive && !isLive) {
                actions.add(TransactWriteItem.builder().delete(Delete.builder()
                        .tableName(table)
                        .key(lockKey(programmeId, after.nik()))
                        .conditionExpression("registrationId = :id")
                        .expressionAttributeValues(Map.of(":id", s(after.id())))
                        .build()).build());
                changeOfAction.add(i);
                kindOfAction.add(ActionKind.NIK_LOCK);
            }
            String kpjBefore = before == null ? null : before.kpj();
            if (after.kpj() != null && !after.kpj().equals(kpjBefore)) {
                // R-21: a KPJ number belongs to one person; the NIK that first records it keeps it.
                actions.add(TransactWriteItem.builder().put(Put.builder()
                        .tableName(table)
                        .item(kpjLockItem(after))
                        .conditionExpression("attribute_not_exists(PK) OR nikHash = :nikHash")
                        .expressionAttributeValues(Map.of(":nikHash", s(Keys.nikHash(after.nik()))))
                        .build()).build());
                changeOfAction.add(i);
                kindOfAction.add(ActionKind.KPJ_LOCK);
            }
            if (kpjBefore != null && !kpjBefore.equals(after.kpj())) {
                // A corrected KPJ frees the old number for the person it really belongs to.
                actions.add(TransactWriteItem.builder().delete(Delete.builder()
                        .tableName(table)
                        .key(kpjLockKey(programmeId, kpjBefore))
                        .conditionExpression("attribute_not_exists(PK) OR nikHash = :nikHash")
                        .expressionAttributeValues(Map.of(":nikHash", s(Keys.nikHash(after.nik()))))
                        .build()).build());
                changeOfAction.add(i);
                kindOfAction.add(ActionKind.KPJ_LOCK);
            }
            // Lapsed memberships awaiting re-enrolment are counted beside the statuses (R-06).
            lapsedDelta += (after.awaitingReEnrolment() ? 1 : 0) - (before != null && before.awaitingReEnrolment() ? 1 : 0);
            if (before == null || before.status() != after.status()) {
                if (before != null) {
                    deltas.merge(before.status(), -1L, Long::sum);
                }
                deltas.merge(after.status(), 1L, Long::sum);
            }
            BreakdownItems.addDeltas(before, after, breakdownDeltas);
            CoverageCounts.addDeltas(before, after, coverageStarts, coverageEnds);
        }
        breakdownDeltas.values().removeIf(d -> d == 0);
        if (!breakdownDeltas.isEmpty()) {
            // The counts by kecamatan and occupation change in the same transaction as the statuses (no condition:
            // the programme's counters below carry every condition, and must stay the last action).
            actions.add(TransactWriteItem.builder().update(breakdownUpdate(programmeId, breakdownDeltas)).build());
            changeOfAction.add(-1);
            kindOfAction.add(ActionKind.BREAKDOWN);
        }
        Map<String, Long> coverageDeltas = CoverageItems.attributes(coverageStarts, coverageEnds);
        coverageDeltas.values().removeIf(d -> d == 0);
        if (!coverageDeltas.isEmpty()) {
            // R-21, R-22: the coverage starts and ends by month, exact with the coverage this transaction grants,
            // dates back or ends, so the monthly run counts its participants without reading them.
            actions.add(TransactWriteItem.builder().update(addUpdate(CoverageItems.key(programmeId), CoverageItems.TYPE,
                    coverageDeltas)).build());
            changeOfAction.add(-1);
            kindOfAction.add(ActionKind.COVERAGE);
        }
        if (receipt != null) {
            // The answer to the request doing this work, recorded with it (one call instead of two).
            Optional<Update> answer = DynamoDbIdempotencyStore.receiptUpdate(table, receipt);
            if (answer.isEmpty()) {
                return WriteResult.RECEIPT_REFUSED;
            }
            actions.add(TransactWriteItem.builder().update(answer.get()).build());
            changeOfAction.add(-1);
            kindOfAction.add(ActionKind.RECEIPT);
        }
        actions.add(TransactWriteItem.builder().update(countersUpdate(programmeId, deltas, lapsedDelta, guard,
                settingsVersion, numberedBefore, nextNumber)).build());
        if (actions.size() > MAX_ACTIONS) {
            throw new IllegalArgumentException("too many changes for one transaction: " + actions.size() + " actions");
        }

        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(actions));
                return WriteResult.WRITTEN;
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                List<Integer> taken = new ArrayList<>();
                List<Integer> kpjTaken = new ArrayList<>();
                List<Integer> stale = new ArrayList<>();
                boolean programmeFailed = false;
                boolean receiptFailed = false;
                boolean conflict = false;
                for (int a = 0; a < reasons.size(); a++) {
                    String code = reasons.get(a).code();
                    if ("TransactionConflict".equals(code)) {
                        conflict = true;
                    } else if ("ConditionalCheckFailed".equals(code)) {
                        if (a == actions.size() - 1) {
                            programmeFailed = true;
                        } else if (kindOfAction.get(a) == ActionKind.NIK_LOCK) {
                            taken.add(changeOfAction.get(a));
                        } else if (kindOfAction.get(a) == ActionKind.KPJ_LOCK) {
                            kpjTaken.add(changeOfAction.get(a));
                        } else if (kindOfAction.get(a) == ActionKind.RECEIPT) {
                            receiptFailed = true;
                        } else {
                            stale.add(changeOfAction.get(a));
                        }
                    }
                }
                if (receiptFailed) {
                    return WriteResult.RECEIPT_REFUSED; // the claim is gone: the caller writes again without it
                }
                // Changes decided on settings no longer in force are decided again first: under the
                // settings in force they may be refused for another reason, or not at all.
                if (programmeFailed && settingsVersion != ANY_SETTINGS && settingsVersion(programmeId) != settingsVersion) {
                    return WriteResult.SETTINGS_CHANGED;
                }
                if (!taken.isEmpty()) {
                    return new WriteResult.NikTaken(taken);
                }
                if (!kpjTaken.isEmpty()) {
                    return new WriteResult.KpjTaken(kpjTaken);
                }
                if (!stale.isEmpty()) {
                    return new WriteResult.Stale(stale);
                }
                if (programmeFailed) {
                    if (numberedBefore != null && waitlistNumber(programmeId) != numberedBefore) {
                        return null;
                    }
                    if (guard instanceof QuotaGuard.None) {
                        throw new Refusal.NotFound("PROGRAMME_NOT_FOUND", "The programme is not set up yet.");
                    }
                    return WriteResult.QUOTA_FULL;
                }
                if (!conflict || attempt >= MAX_ATTEMPTS) {
                    throw new Refusal.Conflict("CONCURRENT_UPDATE",
                            "Too many simultaneous changes to the programme; please try again.");
                }
                Backoff.sleep(attempt, 5, 200);
            }
        }
    }

    private Put registrationPut(Registration before, Registration after, Long waitlistPlace) {
        if (before == null) {
            return Put.builder().tableName(table)
                    .item(withPlace(RegistrationItems.toItem(after, 1), waitlistPlace))
                    .conditionExpression("attribute_not_exists(PK)")
                    .build();
        }
        return Put.builder().tableName(table)
                .item(withPlace(RegistrationItems.toItem(after, before.version() + 1), waitlistPlace))
                .conditionExpression("#version = :version")
                .expressionAttributeNames(Map.of("#version", "version"))
                .expressionAttributeValues(Map.of(":version", n(before.version())))
                .build();
    }

    private static Map<String, AttributeValue> kpjLockKey(String programmeId, String kpj) {
        return Map.of(TableLayout.PK, s(Keys.kpjLock(programmeId, kpj)), TableLayout.SK, s(Keys.KPJ_LOCK_SK));
    }

    private Map<String, AttributeValue> kpjLockItem(Registration registration) {
        Map<String, AttributeValue> item = new HashMap<>(kpjLockKey(registration.programmeId(), registration.kpj()));
        item.put("type", s("KpjLock"));
        item.put("nikHash", s(Keys.nikHash(registration.nik())));
        item.put("registrationId", s(registration.id()));
        return item;
    }

    private static Map<String, AttributeValue> withPlace(Map<String, AttributeValue> item, Long waitlistPlace) {
        if (waitlistPlace != null) {
            item.put(WAITLIST_PLACE, n(waitlistPlace));
        }
        return item;
    }

    /** The number of a waitlisted registration's place, from its item (consistent); null when it has none. */
    private Long waitlistPlace(String registrationId) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(key(registrationId))
                .projectionExpression(WAITLIST_PLACE).consistentRead(true));
        return response.hasItem() && response.item().containsKey(WAITLIST_PLACE) ? Attr.number(response.item(), WAITLIST_PLACE, 0) : null;
    }

    private static Map<String, AttributeValue> waitlistEntryKey(String programmeId, long place, String registrationId) {
        return Map.of(TableLayout.PK, s(Keys.waitlist(programmeId)), TableLayout.SK, s(Keys.waitlistEntry(place, registrationId)));
    }

    private static Map<String, AttributeValue> waitlistEntry(String programmeId, long place, String registrationId) {
        Map<String, AttributeValue> item = new HashMap<>(waitlistEntryKey(programmeId, place, registrationId));
        item.put("type", s("WaitlistEntry"));
        item.put("registrationId", s(registrationId));
        return item;
    }

    /** What an action of the transaction guards, so a failed condition maps to its outcome. */
    private enum ActionKind { REGISTRATION, NIK_LOCK, KPJ_LOCK, WAITLIST_ENTRY, BREAKDOWN, COVERAGE, RECEIPT }

    private Map<String, AttributeValue> lockItem(Registration registration) {
        Map<String, AttributeValue> item = new HashMap<>(lockKey(registration.programmeId(), registration.nik()));
        item.put("type", s("NikLock"));
        item.put("registrationId", s(registration.id()));
        return item;
    }

    /** Adds to the breakdown item's counters, creating the item (without a baseline) if it is not there yet. */
    private Update breakdownUpdate(String programmeId, Map<String, Long> deltas) {
        return addUpdate(BreakdownItems.key(programmeId), BreakdownItems.TYPE, deltas);
    }

    /** Adds to a counter item beside the programme's, creating it (without a baseline) if it is not there yet. */
    private Update addUpdate(Map<String, AttributeValue> key, String type, Map<String, Long> deltas) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> delta : deltas.entrySet()) {
            names.put("#b" + i, delta.getKey());
            values.put(":b" + i, n(delta.getValue()));
            adds.add("#b" + i + " :b" + i);
            i++;
        }
        names.put("#type", "type");
        values.put(":type", s(type));
        return Update.builder()
                .tableName(table)
                .key(key)
                .updateExpression("ADD " + String.join(", ", adds) + " SET #type = :type")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    private Update countersUpdate(String programmeId, Map<RegistrationStatus, Long> deltas, long lapsedDelta, QuotaGuard guard,
                                  long settingsVersion, Long numberedBefore, long numberedAfter) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        deltas.forEach((status, delta) -> {
            if (delta != 0) {
                values.put(":d_" + status.name(), n(delta));
                adds.add(ProgrammeItems.counter(status) + " :d_" + status.name());
            }
        });
        if (lapsedDelta != 0) {
            values.put(":d_lapsed", n(lapsedDelta));
            adds.add(ProgrammeItems.LAPSED_COUNTER + " :d_lapsed");
        }
        values.put(":one", n(1));
        adds.add(DynamoDbProgrammeStore.CHANGE_COUNT + " :one");
        String active = ProgrammeItems.counter(RegistrationStatus.ACTIVE);
        String condition = "attribute_exists(PK)";
        if (guard instanceof QuotaGuard.OnePlaceFree) {
            // R-17: the place is taken only if one is free at the moment of writing.
            condition += " AND " + active + " < quota";
        } else if (guard instanceof QuotaGuard.ActiveStillAt still) {
            condition += " AND " + active + " = :activeRead AND quota = :quotaRead";
            values.put(":activeRead", n(still.active()));
            values.put(":quotaRead", n(still.quota()));
        }
        if (settingsVersion != ANY_SETTINGS) {
            // The changes were decided on these settings (R-10..R-15): they hold only while the settings do.
            condition += settingsVersion == 0 ? " AND attribute_not_exists(" + ProgrammeItems.SETTINGS_VERSION + ")"
                    : " AND " + ProgrammeItems.SETTINGS_VERSION + " = :settingsVersion";
            if (settingsVersion != 0) {
                values.put(":settingsVersion", n(settingsVersion));
            }
        }
        String set = "";
        if (numberedBefore != null) {
            // R-17: the waitlist numbers this write gives follow the last one given, and nobody else's.
            values.put(":numberedBefore", n(numberedBefore));
            values.put(":numberedAfter", n(numberedAfter));
            condition += numberedBefore == 0
                    ? " AND (attribute_not_exists(" + WAITLIST_NUMBER + ") OR " + WAITLIST_NUMBER + " = :numberedBefore)"
                    : " AND " + WAITLIST_NUMBER + " = :numberedBefore";
            set = " SET " + WAITLIST_NUMBER + " = :numberedAfter";
        }
        return Update.builder()
                .tableName(table)
                .key(DynamoDbProgrammeStore.key(programmeId))
                .updateExpression("ADD " + String.join(", ", adds) + set)
                .conditionExpression(condition)
                .expressionAttributeValues(values)
                .build();
    }
}
