package id.dinsos.rentan.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.Address;
import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.BudgetAllocation;
import id.dinsos.rentan.domain.ContributionDue;
import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.DtsenRank;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.domain.Sex;
import id.dinsos.rentan.domain.WorkingDays;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For SnapStart priming only: DynamoDB's HTTP endpoint, stood in for in memory, with a synthetic
 * programme in it. Read-only priming against the real table cannot take a route's success path (a
 * run's summary, a claim check assessed, answered and recorded) without reading a real month or
 * writing; through a client on this stand-in it can, the SDK and all (each request built, marshalled
 * and signed, each answer parsed), and nothing leaves the process: there is no connection to open.
 *
 * <p>Reads are answered from the items held: GetItem by key; Query by its partition key and the sort-key
 * conditions the stores use ({@code begins_with}, {@code BETWEEN}, comparisons), in key order, filters and
 * projections ignored, one page. PutItem and the Puts of TransactWriteItems are kept, so what a route
 * recorded can be read back; every other write answers as if it succeeded and changes nothing.
 */
public final class PrimingTable implements SdkHttpClient {
    /** The stand-in's day: every synthetic date lies before it. */
    public static final Clock CLOCK = Clock.fixed(OffsetDateTime.parse("2025-08-20T10:00:00+07:00").toInstant(), ProgrammeTime.ZONE);
    /** The synthetic participant: covered from February 2025, billed and paid every month to July. */
    public static final String REGISTRATION_ID = "00000000-0000-4000-8000-00000000a001";
    private static final String LATE_REGISTRATION_ID = "00000000-0000-4000-8000-00000000a002";
    /** A synthetic month of two parts (the second supplementary, not yet paid). */
    public static final YearMonth MONTH = YearMonth.of(2025, 6);
    /** A synthetic month of one part, paid. */
    public static final YearMonth PAID_MONTH = YearMonth.of(2025, 5);
    public static final int YEAR = 2025;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("#\\w+");
    private static final Pattern KEY_CONDITION = Pattern.compile("(\\w+) = (:\\w+)(?: AND (.+))?");
    private static final Pattern BEGINS_WITH = Pattern.compile("begins_with\\((\\w+), (:\\w+)\\)");
    private static final Pattern BETWEEN = Pattern.compile("(\\w+) BETWEEN (:\\w+) AND (:\\w+)");
    private static final Pattern COMPARISON = Pattern.compile("(\\w+) (<=|<|>=|>|=) (:\\w+)");

    private final String programmeId;
    private final List<ObjectNode> items = new CopyOnWriteArrayList<>();
    private final List<String> operations = new CopyOnWriteArrayList<>();

    private PrimingTable(String programmeId) {
        this.programmeId = programmeId;
    }

    /**
     * The stand-in with one programme under {@code programmeId}: its settings, a participant covered
     * from February 2025 and one from June, the bill parts of February to July 2025 (June in two
     * parts) and their lines.
     */
    public static PrimingTable withSyntheticProgramme(String programmeId) {
        PrimingTable table = new PrimingTable(programmeId);
        ContributionRate rate = new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800);
        Programme programme = new Programme(programmeId, "SnapStart priming", 100, List.of("Priming"),
                EnumSet.allOf(Occupation.class), 5, 18, 60, 1, List.of(rate), List.of(new BudgetAllocation(YEAR, 100_000_000)),
                List.of(LocalDate.of(2025, 8, 17)), Programme.DEFAULT_WADAH_CODE);
        Map<String, AttributeValue> settings = new HashMap<>(DynamoDbProgrammeStore.key(programmeId));
        settings.putAll(ProgrammeItems.settings(programme));
        settings.put(ProgrammeItems.counter(RegistrationStatus.ACTIVE), Attr.n(2));
        table.put(settings);

        Actor priming = Actor.system("snapstart-priming");
        OffsetDateTime submitted = OffsetDateTime.of(2025, 1, 6, 9, 0, 0, 0, ZoneOffset.ofHours(7));
        Nik nik = Nik.of("3671010101900001");
        Application application = new Application(nik, "Priming Participant", LocalDate.of(1990, 1, 1), Sex.M, null,
                new Address("Jalan Priming 1", "Priming", "Priming"), Occupation.FARMER, new DtsenRank(3, LocalDate.of(2025, 1, 1)),
                false);
        Registration registration = Registration.submitted(REGISTRATION_ID, programmeId, application, RegistrationSource.STAFF, priming,
                submitted).activate(LocalDate.of(2025, 2, 1), priming, submitted.plusDays(1), "approved");
        table.put(RegistrationItems.toItem(registration, 1));

        for (YearMonth month = YearMonth.of(2025, 2); !month.isAfter(YearMonth.of(2025, 7)); month = month.plusMonths(1)) {
            LocalDate due = ContributionDue.dueDate(month, WorkingDays.NONE);
            OffsetDateTime raised = month.atDay(1).atTime(1, 0).atOffset(ZoneOffset.ofHours(7));
            Map<String, AttributeValue> run = new HashMap<>(LedgerItems.run(new MonthlyRun(programmeId, month, 1, RunStatus.COMPLETED,
                    rate, 1, 1, 0, 1, null, raised, raised.plusMinutes(5), due, null)));
            // As RecordPayment writes a payment: onto the part's item.
            run.put("paidOn", Attr.s(due.minusDays(3).toString()));
            run.put("paymentReference", Attr.s("PRIMING-" + month));
            run.put("paymentRecordedAt", Attr.s(raised.plusDays(10).toString()));
            run.put("paymentRecordedBy", Attr.s(priming.label()));
            table.put(run);
            table.put(LedgerItems.line(programmeId, new ContributionLine(REGISTRATION_ID, month, 1, nik, application.fullName(), null,
                    rate.jkk(), rate.jkm())));
        }
        // A second participant, granted cover back-dated into June after June's first part: charged by a second part.
        OffsetDateTime supplementary = MONTH.atDay(20).atTime(9, 0).atOffset(ZoneOffset.ofHours(7));
        Nik late = Nik.of("3671014202900002");
        Application lateApplication = new Application(late, "Priming Participant Two", LocalDate.of(1990, 2, 2), Sex.F, null,
                new Address("Jalan Priming 2", "Priming", "Priming"), Occupation.FISHER, null, false);
        table.put(RegistrationItems.toItem(Registration.submitted(LATE_REGISTRATION_ID, programmeId, lateApplication,
                RegistrationSource.STAFF, priming, submitted).activate(MONTH.atDay(1), priming, supplementary.minusDays(5), "approved"), 1));
        table.put(LedgerItems.run(new MonthlyRun(programmeId, MONTH, 2, RunStatus.COMPLETED, rate, 1, 1, 0, 1,
                supplementary.minusDays(19), supplementary, supplementary.plusMinutes(5),
                ContributionDue.dueDateOfPartRaisedOn(supplementary.toLocalDate(), WorkingDays.NONE), null)));
        table.put(LedgerItems.line(programmeId, new ContributionLine(LATE_REGISTRATION_ID, MONTH, 2, late, lateApplication.fullName(), null,
                rate.jkk(), rate.jkm())));
        return table;
    }

    /** The synthetic programme's id: the function's own, so that the routes find it. */
    public String programmeId() {
        return programmeId;
    }

    /** The operations asked of the stand-in so far ({@code GetItem}, {@code PutItem}, ...), for tests. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    private void put(Map<String, AttributeValue> item) {
        put(wire(item));
    }

    private void put(ObjectNode item) {
        items.removeIf(i -> sameKey(i, item));
        items.add(item);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                String operation = target.substring(target.indexOf('.') + 1);
                JsonNode body = request.contentStreamProvider().isPresent()
                        ? read(request.contentStreamProvider().get().newStream()) : JSON.createObjectNode();
                operations.add(operation);
                byte[] answer = JSON.writeValueAsBytes(answer(operation, body));
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(answer.length))
                                .putHeader("x-amzn-RequestId", "snapstart-priming")
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
                        .build();
            }

            @Override
            public void abort() {
                // Answered at once, from memory: nothing to abort.
            }
        };
    }

    private static JsonNode read(InputStream in) throws IOException {
        try (in) {
            JsonNode node = JSON.readTree(in);
            return node == null ? JSON.createObjectNode() : node;
        }
    }

    private ObjectNode answer(String operation, JsonNode request) {
        ObjectNode answer = JSON.createObjectNode();
        switch (operation) {
            case "GetItem" -> find(request.path("Key")).ifPresent(item -> answer.set("Item", item));
            case "Query" -> {
                List<ObjectNode> found = query(request);
                answer.putArray("Items").addAll(found);
                answer.put("Count", found.size()).put("ScannedCount", found.size());
            }
            case "BatchGetItem" -> {
                ObjectNode responses = answer.putObject("Responses");
                request.path("RequestItems").fields().forEachRemaining(table -> {
                    ArrayNode found = responses.putArray(table.getKey());
                    table.getValue().path("Keys").forEach(key -> find(key).ifPresent(found::add));
                });
                answer.putObject("UnprocessedKeys");
            }
            case "TransactGetItems" -> {
                ArrayNode responses = answer.putArray("Responses");
                request.path("TransactItems").forEach(get -> {
                    ObjectNode one = responses.addObject();
                    find(get.path("Get").path("Key")).ifPresent(item -> one.set("Item", item));
                });
            }
            case "PutItem" -> put((ObjectNode) request.path("Item").deepCopy());
            case "TransactWriteItems" -> request.path("TransactItems").forEach(write -> {
                if (write.has("Put")) {
                    put((ObjectNode) write.path("Put").path("Item").deepCopy());
                }
            });
            case "BatchWriteItem" -> answer.putObject("UnprocessedItems");
            default -> {
                // UpdateItem, DeleteItem and the rest: accepted, nothing changed.
            }
        }
        return answer;
    }

    private java.util.Optional<ObjectNode> find(JsonNode key) {
        return items.stream().filter(item -> {
            for (var it = key.fields(); it.hasNext(); ) {
                var attribute = it.next();
                if (!attribute.getValue().equals(item.get(attribute.getKey()))) {
                    return false;
                }
            }
            return true;
        }).findFirst().map(ObjectNode::deepCopy);
    }

    private List<ObjectNode> query(JsonNode request) {
        JsonNode names = request.path("ExpressionAttributeNames");
        JsonNode values = request.path("ExpressionAttributeValues");
        String expression = NAME.matcher(request.path("KeyConditionExpression").asText())
                .replaceAll(m -> Matcher.quoteReplacement(names.path(m.group()).asText(m.group())));
        Matcher key = KEY_CONDITION.matcher(expression);
        if (!key.matches()) {
            throw new IllegalArgumentException("the priming table cannot evaluate " + expression);
        }
        String partition = key.group(1);
        JsonNode partitionValue = values.path(key.group(2));
        String sortKey = sortKeyOf(request.path("IndexName").asText(null));
        String sortCondition = key.group(3);
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode item : items) {
            if (partitionValue.equals(item.get(partition)) && (sortCondition == null || sortHolds(sortCondition, item, values))) {
                found.add(item.deepCopy());
            }
        }
        Comparator<ObjectNode> bySortKey = Comparator.comparing(item -> scalar(item.get(sortKey)));
        found.sort(request.path("ScanIndexForward").asBoolean(true) ? bySortKey : bySortKey.reversed());
        int limit = request.path("Limit").asInt(Integer.MAX_VALUE);
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    private static String sortKeyOf(String index) {
        return TableLayout.INDEXES.stream().filter(i -> i.name().equals(index)).map(TableLayout.Index::sortKey).findFirst()
                .orElse(TableLayout.SK);
    }

    private static boolean sortHolds(String condition, JsonNode item, JsonNode values) {
        Matcher m;
        if ((m = BEGINS_WITH.matcher(condition)).matches()) {
            return scalar(item.get(m.group(1))).startsWith(scalar(values.get(m.group(2))));
        }
        if ((m = BETWEEN.matcher(condition)).matches()) {
            String v = scalar(item.get(m.group(1)));
            return v.compareTo(scalar(values.get(m.group(2)))) >= 0 && v.compareTo(scalar(values.get(m.group(3)))) <= 0;
        }
        if ((m = COMPARISON.matcher(condition)).matches()) {
            int c = scalar(item.get(m.group(1))).compareTo(scalar(values.get(m.group(3))));
            return switch (m.group(2)) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> c == 0;
            };
        }
        throw new IllegalArgumentException("the priming table cannot evaluate " + condition);
    }

    /** A key attribute's text (keys are strings or numbers); empty when the item has none. */
    private static String scalar(JsonNode value) {
        if (value == null) {
            return "";
        }
        return value.has("S") ? value.get("S").asText() : value.path("N").asText("");
    }

    private static boolean sameKey(JsonNode a, JsonNode b) {
        return a.path(TableLayout.PK).equals(b.path(TableLayout.PK)) && a.path(TableLayout.SK).equals(b.path(TableLayout.SK));
    }

    /** An item as DynamoDB's JSON protocol carries it. */
    static ObjectNode wire(Map<String, AttributeValue> item) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        item.forEach((name, value) -> node.set(name, wire(value)));
        return node;
    }

    private static ObjectNode wire(AttributeValue v) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case B -> node.put("B", base64(v.b()));
            case SS -> v.ss().forEach(node.putArray("SS")::add);
            case NS -> v.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode all = node.putArray("BS");
                v.bs().forEach(b -> all.add(base64(b)));
            }
            case L -> {
                ArrayNode all = node.putArray("L");
                v.l().forEach(e -> all.add(wire(e)));
            }
            case M -> node.set("M", wire(v.m()));
            default -> throw new IllegalArgumentException("no wire form for " + v);
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    @Override
    public String clientName() {
        return "SnapStartPrimingTable";
    }

    @Override
    public void close() {
        // Nothing held but memory.
    }
}
