package id.dinsos.rentan.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import id.dinsos.rentan.devkit.CloudFormationYaml;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SamTemplate;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.dynamodb.TableLayout;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What `sam validate` and `sam build` would catch, checked without the SAM CLI: template.yaml is
 * read with its CloudFormation short tags, and every handler, artifact, reference, route, policy
 * and the table definition is held against the code.
 */
class TemplateTest {
    private static final Path ROOT = ProjectFiles.root();
    private static final SamTemplate TEMPLATE = SamTemplate.read(ROOT.resolve("template.yaml"));
    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::Region", "AWS::AccountId", "AWS::StackName",
            "AWS::URLSuffix", "AWS::Partition", "AWS::StackId", "AWS::NoValue");

    @Test
    void shortTags_areReadAsIntrinsicFunctions_notDropped() {
        JsonNode env = TEMPLATE.root().path("Globals").path("Function").path("Environment").path("Variables");
        assertThat(env.path("TABLE_NAME").path("Ref").asText()).isEqualTo("ProtectionTable");
        JsonNode parsed = CloudFormationYaml.read("a: !GetAtt T.Arn\nb: !Sub 'x-${AWS::Region}'\nc: !Ref P\n");
        assertThat(parsed.path("a").path("Fn::GetAtt").get(0).asText()).isEqualTo("T");
        assertThat(parsed.path("a").path("Fn::GetAtt").get(1).asText()).isEqualTo("Arn");
        assertThat(parsed.path("b").path("Fn::Sub").asText()).isEqualTo("x-${AWS::Region}");
        assertThat(parsed.path("c").path("Ref").asText()).isEqualTo("P");
    }

    @Test
    void everyFunction_hasALoadableHandlerClass_inTheJarItsCodeUriNames() throws Exception {
        assertThat(TEMPLATE.functions()).isNotEmpty();
        for (SamTemplate.Function f : TEMPLATE.functions()) {
            Class<?> handler = Class.forName(f.handlerClass());
            assertThat(RequestHandler.class.isAssignableFrom(handler) || RequestStreamHandler.class.isAssignableFrom(handler))
                    .as(f.logicalId() + " handler implements a Lambda handler interface").isTrue();
            assertThat(f.handler()).as(f.logicalId()).endsWith("::handleRequest");
            assertThat(handler.getConstructor()).as("Lambda needs a public no-arg constructor").isNotNull();

            Path jar = ROOT.resolve(f.codeUri());
            Path module = jar.getParent().getParent();
            assertThat(module.resolve("pom.xml")).as(f.logicalId() + " CodeUri is inside a Maven module").isRegularFile();
            assertThat(jar).as(f.logicalId() + " artifact; built by mvn package").isRegularFile();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                assertThat(zip.getEntry(f.handlerClass().replace('.', '/') + ".class"))
                        .as(f.logicalId() + " jar contains its handler").isNotNull();
                List<String> otherHttpClients = zip.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith("software/amazon/awssdk/http/apache/") || n.startsWith("software/amazon/awssdk/http/nio/netty/")
                                || n.startsWith("com/amazonaws/services/dynamodbv2/local/"))
                        .toList();
                assertThat(otherHttpClients).as(f.logicalId() + " jar carries only the url-connection client and no DynamoDB Local").isEmpty();
                assertThat(zip.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class")).isNotNull();
            }
        }
    }

    @Test
    void functions_runJava21OnArm64_withSnapStartOnPublishedVersions() {
        JsonNode globals = TEMPLATE.root().path("Globals").path("Function");
        for (SamTemplate.Function f : TEMPLATE.functions()) {
            JsonNode p = f.properties();
            assertThat(p.path("Runtime").asText(globals.path("Runtime").asText())).isEqualTo("java21");
            assertThat(p.path("Architectures").isMissingNode() ? globals.path("Architectures").get(0).asText() : p.path("Architectures").get(0).asText())
                    .isEqualTo("arm64");
            JsonNode snap = p.path("SnapStart").isMissingNode() ? globals.path("SnapStart") : p.path("SnapStart");
            assertThat(snap.path("ApplyOn").asText()).isEqualTo("PublishedVersions");
            assertThat(globals.path("AutoPublishAlias").asText()).as("SnapStart works on published versions").isNotEmpty();
        }
    }

    @Test
    void everyReference_resolvesToAParameterResourceOrPseudoParameter() {
        Set<String> known = new HashSet<>(PSEUDO_PARAMETERS);
        TEMPLATE.root().path("Parameters").fieldNames().forEachRemaining(known::add);
        TEMPLATE.resources().fieldNames().forEachRemaining(known::add);
        List<String> unresolved = new ArrayList<>();
        walk(TEMPLATE.root(), node -> {
            if (node.has("Ref")) {
                String ref = node.get("Ref").asText();
                if (!known.contains(ref)) {
                    unresolved.add("Ref " + ref);
                }
            }
            if (node.has("Fn::GetAtt")) {
                String resource = node.get("Fn::GetAtt").get(0).asText();
                if (!TEMPLATE.resources().has(resource)) {
                    unresolved.add("GetAtt " + resource);
                }
            }
            if (node.has("Fn::Sub")) {
                JsonNode sub = node.get("Fn::Sub");
                Matcher m = Pattern.compile("\\$\\{([^}!]+)}").matcher(sub.isArray() ? sub.get(0).asText() : sub.asText());
                while (m.find()) {
                    String name = m.group(1);
                    String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                    if (!known.contains(name) && !TEMPLATE.resources().has(base)) {
                        unresolved.add("Sub ${" + name + "}");
                    }
                }
            }
        });
        assertThat(unresolved).isEmpty();
    }

    @Test
    void everyRoute_isServedByItsFunctionsHandler() {
        for (SamTemplate.Function f : TEMPLATE.functions()) {
            for (SamTemplate.Route route : f.routes()) {
                JsonNode event = LocalFunctions.MAPPER.createObjectNode()
                        .put("version", "2.0").put("routeKey", route.routeKey()).put("rawPath", route.path());
                // Without identity a known route answers 401; an unknown one would answer 404 ROUTE_NOT_FOUND.
                RequestHandlerProbe.Response response = RequestHandlerProbe.invoke(f.handlerClass(), event);
                assertThat(response.status()).as(route.routeKey() + " on " + f.logicalId() + ": " + response.body()).isEqualTo(401);
            }
            f.routes().forEach(r -> assertThat(f.properties().path("Events").path(r.eventId()).path("Properties")
                    .path("ApiId").path("Ref").asText()).as(r.routeKey() + " belongs to the HTTP API").isEqualTo("HttpApi"));
        }
        List<String> keys = TEMPLATE.functions().stream().flatMap(f -> f.routes().stream()).map(SamTemplate.Route::routeKey).toList();
        assertThat(keys).as("each route once").doesNotHaveDuplicates();
    }

    @Test
    void policies_grantOnlyNamedActions_onTheTableItsIndexesAndTheSegmentQueue() {
        for (SamTemplate.Function f : TEMPLATE.functions()) {
            JsonNode policies = f.properties().path("Policies");
            assertThat(policies.isArray()).as(f.logicalId() + " has policies").isTrue();
            policies.forEach(policy -> policy.path("Statement").forEach(statement -> {
                List<String> actions = new ArrayList<>();
                statement.path("Action").forEach(a -> actions.add(a.asText()));
                assertThat(actions).as(f.logicalId()).allSatisfy(a -> assertThat(a).doesNotContain("*"));
                String resources = statement.path("Resource").toString();
                assertThat(resources).as(f.logicalId() + " resource").doesNotContain("\"*\"");
                if (actions.stream().allMatch(a -> a.startsWith("dynamodb:"))) {
                    assertThat(resources).contains("ProtectionTable");
                } else {
                    assertThat(actions).as(f.logicalId() + ": besides DynamoDB only sending segments").containsOnly("sqs:SendMessage");
                    assertThat(resources).contains("SegmentQueue");
                }
            }));
        }
    }

    @Test
    void monthlyRun_isScheduledAt01WibOnThe1st_withRetriesADeadLetterQueueAndSegments() {
        SamTemplate.Function run = TEMPLATE.function("MonthlySubsidyFunction").orElseThrow();
        assertThat(run.scheduleEvents()).hasSize(1);
        JsonNode schedule = run.properties().path("Events").path(run.scheduleEvents().get(0)).path("Properties");
        assertThat(schedule.path("ScheduleExpression").asText()).isEqualTo("cron(0 1 1 * ? *)");
        assertThat(schedule.path("ScheduleExpressionTimezone").asText()).isEqualTo("Asia/Jakarta");
        assertThat(schedule.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isPositive();
        assertThat(schedule.path("DeadLetterConfig").path("Arn").path("Fn::GetAtt").get(0).asText()).isEqualTo("ScheduleDeadLetterQueue");
        assertThat(schedule.path("Name").toString()).as("unique per stack").contains("AWS::StackName");
        JsonNode input = SampleEvents.MAPPER.createObjectNode();
        try {
            input = SampleEvents.MAPPER.readTree(schedule.path("Input").asText());
        } catch (IOException e) {
            throw new AssertionError("schedule Input is not JSON", e);
        }
        assertThat(input.path("scheduledTime").asText()).isEqualTo("<aws.scheduler.scheduled-time>");
        assertThat(run.environment()).containsKeys("SEGMENT_QUEUE_URL", "RUN_SEGMENTS");
        JsonNode sqs = run.properties().path("Events").path("Segments");
        assertThat(sqs.path("Type").asText()).isEqualTo("SQS");
        assertThat(sqs.path("Properties").path("FunctionResponseTypes").toString()).contains("ReportBatchItemFailures");
        JsonNode queue = TEMPLATE.resources().path("SegmentQueue").path("Properties");
        int timeout = run.properties().path("Timeout").asInt();
        assertThat(queue.path("VisibilityTimeout").asInt()).as("visibility >= 6 x timeout").isGreaterThanOrEqualTo(6 * timeout);
        assertThat(queue.path("RedrivePolicy").path("deadLetterTargetArn").path("Fn::GetAtt").get(0).asText())
                .isEqualTo("SegmentDeadLetterQueue");
    }

    @Test
    void table_matchesTheLayoutTheCodeUses() {
        Map.Entry<String, JsonNode> table = TEMPLATE.table();
        JsonNode p = table.getValue();
        assertThat(p.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        assertThat(p.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean()).isTrue();
        assertThat(p.path("DeletionProtectionEnabled").asBoolean()).isTrue();
        assertThat(p.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo(TableLayout.TTL_ATTRIBUTE);
        assertThat(p.path("KeySchema").get(0).path("AttributeName").asText()).isEqualTo(TableLayout.PK);
        assertThat(p.path("KeySchema").get(1).path("AttributeName").asText()).isEqualTo(TableLayout.SK);
        List<JsonNode> indexes = new ArrayList<>();
        p.path("GlobalSecondaryIndexes").forEach(indexes::add);
        assertThat(indexes).hasSameSizeAs(TableLayout.INDEXES);
        for (TableLayout.Index expected : TableLayout.INDEXES) {
            JsonNode index = indexes.stream().filter(i -> i.path("IndexName").asText().equals(expected.name())).findFirst()
                    .orElseThrow(() -> new AssertionError("template.yaml lacks index " + expected.name()));
            assertThat(index.path("KeySchema").get(0).path("AttributeName").asText()).isEqualTo(expected.partitionKey());
            assertThat(index.path("KeySchema").get(1).path("AttributeName").asText()).isEqualTo(expected.sortKey());
            assertThat(index.path("Projection").path("ProjectionType").asText()).isEqualTo(expected.projection());
            List<String> nonKey = new ArrayList<>();
            index.path("Projection").path("NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
            assertThat(nonKey).as(expected.name() + " projected attributes").containsExactlyInAnyOrderElementsOf(expected.nonKeyAttributes());
        }
        Set<String> defined = new HashSet<>();
        p.path("AttributeDefinitions").forEach(a -> {
            defined.add(a.path("AttributeName").asText());
            assertThat(a.path("AttributeType").asText()).isEqualTo("S");
        });
        Set<String> keyAttributes = new HashSet<>(Set.of(TableLayout.PK, TableLayout.SK));
        TableLayout.INDEXES.forEach(i -> keyAttributes.addAll(Set.of(i.partitionKey(), i.sortKey())));
        assertThat(defined).isEqualTo(keyAttributes);
    }

    @Test
    void identity_hasTheStaffGroupThePortalScope_andAJwtAuthorizer() {
        assertThat(TEMPLATE.resourcesOfType("AWS::Cognito::UserPoolGroup").values())
                .anyMatch(g -> g.path("Properties").path("GroupName").asText().equals("dinsos-staff"));
        assertThat(TEMPLATE.resourcesOfType("AWS::Cognito::UserPoolResourceServer").values())
                .anyMatch(r -> r.path("Properties").path("Identifier").asText().equals("portal")
                        && r.path("Properties").path("Scopes").get(0).path("ScopeName").asText().equals("citizen"));
        JsonNode auth = TEMPLATE.resources().path("HttpApi").path("Properties").path("Auth");
        assertThat(auth.path("DefaultAuthorizer").asText()).isEqualTo("CognitoJwt");
        assertThat(auth.path("Authorizers").path("CognitoJwt").path("JwtConfiguration").path("issuer").has("Fn::Sub")).isTrue();
        assertThat(TEMPLATE.root().path("Outputs").has("ApiUrl")).isTrue();
        assertThat(TEMPLATE.root().path("Outputs").has("TableName")).isTrue();
    }

    /**
     * Staff are recorded by the name in their ID token (README, "Staff sign-in"): users sign in by e-mail,
     * the staff client's ID token carries name and email, staff cannot rewrite either, and the JWT
     * authorizer takes the staff client as an audience (a staff ID token's aud) beside the portal's.
     */
    @Test
    void staffIdTokens_nameThePerson_whomStaffCannotRename_andPassTheAuthorizer() {
        JsonNode pool = TEMPLATE.resources().path("UserPool").path("Properties");
        assertThat(pool.path("UsernameAttributes").toString()).isEqualTo("[\"email\"]");
        pool.path("Schema").forEach(attribute -> assertThat(attribute.path("Required").asBoolean())
                .as("a required attribute is writable by every app client: " + attribute.path("Name").asText()).isFalse());

        JsonNode staff = TEMPLATE.resources().path("StaffClient").path("Properties");
        List<String> read = new ArrayList<>();
        staff.path("ReadAttributes").forEach(a -> read.add(a.asText()));
        assertThat(read).contains("name", "email");
        List<String> write = new ArrayList<>();
        staff.path("WriteAttributes").forEach(a -> write.add(a.asText()));
        assertThat(write).as("listed, or every standard attribute is writable").isNotEmpty().doesNotContain("name", "email");

        JsonNode audience = TEMPLATE.resources().path("HttpApi").path("Properties").path("Auth").path("Authorizers")
                .path("CognitoJwt").path("JwtConfiguration").path("audience");
        List<String> clients = new ArrayList<>();
        audience.forEach(a -> clients.add(a.path("Ref").asText()));
        assertThat(clients).containsExactlyInAnyOrder("StaffClient", "PortalClient");
    }

    @Test
    void openapi_documentsEveryRouteOfTheTemplate() {
        JsonNode paths = CloudFormationYaml.read(ROOT.resolve("openapi.yaml")).path("paths");
        for (SamTemplate.Function f : TEMPLATE.functions()) {
            for (SamTemplate.Route route : f.routes()) {
                assertThat(paths.path(route.path()).has(route.method().toLowerCase()))
                        .as("openapi.yaml documents " + route.routeKey()).isTrue();
            }
        }
    }

    @Test
    void openapi_everyOperation_answers413PayloadTooLarge_withTheSharedResponse() {
        JsonNode paths = CloudFormationYaml.read(ROOT.resolve("openapi.yaml")).path("paths");
        List<String> operations = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getKey().equals("parameters")) {
                operations.add(op.getKey() + " " + path.getKey());
                assertThat(op.getValue().path("responses").path("413").path("$ref").asText())
                        .as(op.getKey() + " " + path.getKey()).isEqualTo("#/components/responses/PayloadTooLarge");
            }
        }));
        assertThat(operations).hasSizeGreaterThanOrEqualTo(17);
        assertThat(CloudFormationYaml.read(ROOT.resolve("openapi.yaml")).path("components").path("responses")
                .path("PayloadTooLarge").path("description").asText()).contains("PAYLOAD_TOO_LARGE");
    }

    @Test
    void everySampleEvent_isAnHttpApiEventForARouteOfItsFunction() throws IOException {
        Set<String> routeKeys = new HashSet<>();
        TEMPLATE.functions().forEach(f -> f.routes().forEach(r -> routeKeys.add(r.routeKey())));
        List<Path> files;
        try (Stream<Path> s = Files.walk(ROOT.resolve("events"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertThat(files).isNotEmpty();
        Set<String> covered = new HashSet<>();
        for (Path file : files) {
            JsonNode json = SampleEvents.readTree(file);
            if (json.has("routeKey")) {
                assertThat(routeKeys).as(file + " names a template route").contains(json.get("routeKey").asText());
                assertThat(SampleEvents.httpEvent(json).getRouteKey()).isEqualTo(json.get("routeKey").asText());
                covered.add(json.get("routeKey").asText());
            }
        }
        assertThat(covered).as("a sample event for every route").containsAll(routeKeys);
    }

    private static void walk(JsonNode node, java.util.function.Consumer<JsonNode> visit) {
        if (node.isObject()) {
            visit.accept(node);
            node.forEach(child -> walk(child, visit));
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, visit));
        }
    }
}
