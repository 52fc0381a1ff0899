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
                    // The variables of the array form's map (e.g. ${StackUuid} of the import bucket's name).
                    boolean mapped = sub.isArray() && sub.path(1).has(name);
                    if (!known.contains(name) && !TEMPLATE.resources().has(base) && !mapped) {
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
    void policies_grantOnlyNamedActions_onTheTableItsIndexesTheSegmentQueueAndTheBills() {
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
                } else if (actions.stream().allMatch(a -> a.startsWith("s3:"))) {
                    if (resources.contains("BillBucket")) {
                        assertThat(f.logicalId()).as("only the monthly functions touch the bills").startsWith("MonthlySubsidy");
                        assertThat(resources).as(f.logicalId()).contains("BillBucket");
                        if (actions.contains("s3:ListBucket")) {
                            assertThat(actions).containsExactly("s3:ListBucket");
                            assertThat(statement.path("Condition").path("StringLike").path("s3:prefix").asText()).isEqualTo("bills/*");
                        } else {
                            assertThat(resources).contains("${BillBucket.Arn}/bills/*");
                        }
                    } else if (resources.contains("rentan-imports-${StackUuid}/reports/*")) {
                        // The decree import's report files: written (a multipart upload beyond 8 MiB) and linked, under reports/ only.
                        assertThat(f.logicalId()).isEqualTo("RegistrationFunction");
                        assertThat(actions).containsExactlyInAnyOrder("s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload");
                        assertThat(resources).doesNotContain("uploads/");
                    } else {
                        // The decree import's uploads only: sign the upload (PutObject) and read it, under uploads/ of the import bucket.
                        assertThat(f.logicalId()).isEqualTo("RegistrationFunction");
                        assertThat(actions).containsExactlyInAnyOrder("s3:PutObject", "s3:GetObject");
                        assertThat(resources).contains("rentan-imports-${StackUuid}/uploads/*");
                    }
                } else {
                    assertThat(actions).as(f.logicalId() + ": besides DynamoDB and S3 only sending to its queue").containsOnly("sqs:SendMessage");
                    assertThat(resources).containsAnyOf("SegmentQueue", "ImportQueue");
                    if (resources.contains("ImportQueue")) {
                        assertThat(f.logicalId()).isEqualTo("RegistrationFunction");
                    }
                }
            }));
        }
    }

    /** A schedule of the worker, as the template declares it: named per stack, in Jakarta time, retried, dead-lettered. */
    private static JsonNode schedule(SamTemplate.Function worker, String eventId, String cron) {
        assertThat(worker.scheduleEvents()).contains(eventId);
        JsonNode schedule = worker.properties().path("Events").path(eventId).path("Properties");
        assertThat(schedule.path("ScheduleExpression").asText()).as(eventId).isEqualTo(cron);
        assertThat(schedule.path("ScheduleExpressionTimezone").asText()).as(eventId).isEqualTo("Asia/Jakarta");
        assertThat(schedule.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).as(eventId).isPositive();
        assertThat(schedule.path("DeadLetterConfig").path("Arn").path("Fn::GetAtt").get(0).asText()).as(eventId)
                .isEqualTo("ScheduleDeadLetterQueue");
        assertThat(schedule.path("Name").toString()).as(eventId + " unique per stack").contains("AWS::StackName");
        try {
            JsonNode input = SampleEvents.MAPPER.readTree(schedule.path("Input").asText());
            assertThat(input.path("scheduledTime").asText()).as(eventId).isEqualTo("<aws.scheduler.scheduled-time>");
            // The id of each firing, on every log line of the invocation it makes.
            assertThat(input.path("executionId").asText()).as(eventId).isEqualTo("<aws.scheduler.execution-id>");
            return input;
        } catch (IOException e) {
            throw new AssertionError(eventId + " Input is not JSON", e);
        }
    }

    @Test
    void theWorker_hasTwoSchedules_theMonthlyRunAndTheDailyOverdueBillsCheck() {
        SamTemplate.Function run = TEMPLATE.function("MonthlySubsidyFunction").orElseThrow();
        assertThat(run.scheduleEvents()).containsExactlyInAnyOrder("MonthlySchedule", "OverdueBillsSchedule");
        JsonNode daily = schedule(run, "OverdueBillsSchedule", "cron(0 8 * * ? *)");
        assertThat(daily.path("check").asText()).isEqualTo("overdue-bills");
        assertThat(schedule(run, "MonthlySchedule", "cron(0 1 1 * ? *)").has("check")).as("the monthly run is no check").isFalse();
        JsonNode alarm = TEMPLATE.resources().path("BillsOverdueAlarm").path("Properties");
        assertThat(alarm.path("Namespace").asText()).isEqualTo("PekerjaRentan");
        assertThat(alarm.path("MetricName").asText()).isEqualTo("BillsOverdue");
        assertThat(alarm.path("Period").asInt()).as("one datapoint a day").isEqualTo(86_400);
        assertThat(alarm.path("AlarmActions").toString()).contains("AlarmTopic");
    }

    @Test
    void monthlyRun_isScheduledAt01WibOnThe1st_withRetriesADeadLetterQueueAndSegments() {
        SamTemplate.Function run = TEMPLATE.function("MonthlySubsidyFunction").orElseThrow();
        schedule(run, "MonthlySchedule", "cron(0 1 1 * ? *)");
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

        for (String client : List.of("StaffClient", "StaffConsoleClient")) {
            JsonNode staff = TEMPLATE.resources().path(client).path("Properties");
            List<String> read = new ArrayList<>();
            staff.path("ReadAttributes").forEach(a -> read.add(a.asText()));
            assertThat(read).as(client).contains("name", "email");
            List<String> write = new ArrayList<>();
            staff.path("WriteAttributes").forEach(a -> write.add(a.asText()));
            assertThat(write).as(client + ": listed, or every standard attribute is writable").isNotEmpty().doesNotContain("name", "email");
        }

        JsonNode audience = TEMPLATE.resources().path("HttpApi").path("Properties").path("Auth").path("Authorizers")
                .path("CognitoJwt").path("JwtConfiguration").path("audience");
        List<String> clients = new ArrayList<>();
        audience.forEach(a -> clients.add(a.path("Ref").asText()));
        assertThat(clients).containsExactlyInAnyOrder("StaffClient", "StaffConsoleClient", "PortalClient");
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

    /**
     * A staff request must carry the ID token, which names the person (Principal refuses a staff token
     * that names nobody): every sample event in the staff group says so in its claims and in the bearer
     * token of its Authorization header alike, so that none answers 403 when replayed.
     */
    @Test
    void everyStaffSampleEvent_carriesAnIdTokenThatNamesThePerson_inItsClaimsAndItsHeader() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(ROOT.resolve("events"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).toList();
        }
        int staff = 0;
        for (Path file : files) {
            JsonNode json = SampleEvents.readTree(file);
            JsonNode claims = json.path("requestContext").path("authorizer").path("jwt").path("claims");
            if (!claims.path("cognito:groups").asText().contains("dinsos-staff")) {
                continue;
            }
            staff++;
            assertThat(claims.path("token_use").asText()).as(file + ": token_use").isEqualTo("id");
            assertThat(claims.path("name").asText(claims.path("email").asText())).as(file + ": names a person").isNotBlank();
            String authorization = json.path("headers").path("authorization").asText("");
            if (!authorization.isEmpty()) {
                String[] parts = authorization.substring("Bearer ".length()).split("\\.");
                JsonNode bearer = SampleEvents.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
                assertThat(bearer.path("token_use").asText()).as(file + ": the header's token is an ID token").isEqualTo("id");
                assertThat(bearer.path("name").asText()).as(file + ": the header's token names the same person")
                        .isEqualTo(claims.path("name").asText());
            }
        }
        assertThat(staff).as("staff sample events").isGreaterThan(20);
    }

    // ---------------------------------------------------------------- the decree import as a file (issue 11)

    @Test
    void importBucket_isPrivate_encrypted_expiresUploads_refusesPlainHttp_andTellsTheImportQueueOfUploads() {
        JsonNode bucket = TEMPLATE.root().path("Resources").path("ImportBucket");
        JsonNode p = bucket.path("Properties");
        JsonNode block = p.path("PublicAccessBlockConfiguration");
        assertThat(List.of(block.path("BlockPublicAcls"), block.path("BlockPublicPolicy"), block.path("IgnorePublicAcls"),
                block.path("RestrictPublicBuckets"))).allMatch(JsonNode::asBoolean);
        assertThat(p.path("OwnershipControls").toString()).contains("BucketOwnerEnforced");
        assertThat(p.path("BucketEncryption").toString()).contains("AES256");
        assertThat(p.path("LifecycleConfiguration").path("Rules")).anySatisfy(rule -> {
            assertThat(rule.path("Status").asText()).isEqualTo("Enabled");
            assertThat(rule.path("ExpirationInDays").asInt()).isEqualTo(30);
        });
        JsonNode notification = p.path("NotificationConfiguration").path("QueueConfigurations").get(0);
        assertThat(notification.path("Queue").toString()).contains("ImportQueue");
        assertThat(notification.path("Event").asText()).isEqualTo("s3:ObjectCreated:*");
        assertThat(notification.path("Filter").toString()).contains("uploads/", ".csv");
        assertThat(bucket.path("DependsOn").asText()).as("the queue accepts S3's notices before S3 checks it may send them")
                .isEqualTo("ImportQueuePolicy");
        JsonNode policy = TEMPLATE.root().path("Resources").path("ImportBucketPolicy").path("Properties");
        assertThat(policy.path("Bucket").path("Ref").asText()).isEqualTo("ImportBucket");
        assertThat(policy.path("PolicyDocument").toString()).contains("\"Effect\":\"Deny\"", "\"aws:SecureTransport\":\"false\"");
        // The queue's policy names the bucket by the name it is given (a reference would make a cycle).
        JsonNode queuePolicy = TEMPLATE.root().path("Resources").path("ImportQueuePolicy").path("Properties").path("PolicyDocument")
                .path("Statement").get(0);
        assertThat(queuePolicy.path("Principal").path("Service").asText()).isEqualTo("s3.amazonaws.com");
        assertThat(queuePolicy.path("Action").asText()).isEqualTo("sqs:SendMessage");
        assertThat(queuePolicy.path("Condition").toString()).contains("rentan-imports-${StackUuid}", "aws:SourceAccount")
                .doesNotContain("\"ImportBucket\"");
        assertThat(p.path("BucketName").toString()).contains("rentan-imports-${StackUuid}", "AWS::StackId");
    }

    @Test
    void importQueue_feedsTheRegistrationFunction_andParksFailuresInItsDeadLetterQueue_withAnAlarm() {
        JsonNode resources = TEMPLATE.root().path("Resources");
        JsonNode queue = resources.path("ImportQueue").path("Properties");
        assertThat(queue.path("RedrivePolicy").path("deadLetterTargetArn").toString()).contains("ImportDeadLetterQueue");
        assertThat(queue.path("RedrivePolicy").path("maxReceiveCount").asInt()).isEqualTo(5);
        assertThat(queue.path("SqsManagedSseEnabled").asBoolean()).isTrue();
        int timeout = TEMPLATE.root().path("Globals").path("Function").path("Timeout").asInt();
        assertThat(queue.path("VisibilityTimeout").asInt()).as("6 x the function's timeout").isGreaterThanOrEqualTo(6 * timeout);
        assertThat(resources.path("ImportDeadLetterQueue").path("Properties").path("MessageRetentionPeriod").asInt()).isEqualTo(1_209_600);
        JsonNode alarm = resources.path("ImportDeadLetterAlarm").path("Properties");
        assertThat(alarm.path("Dimensions").toString()).contains("ImportDeadLetterQueue");
        assertThat(alarm.path("AlarmActions").toString()).contains("AlarmTopic");
        SamTemplate.Function registration = TEMPLATE.function("RegistrationFunction").orElseThrow();
        JsonNode event = registration.properties().path("Events").path("ImportQueue");
        assertThat(event.path("Type").asText()).isEqualTo("SQS");
        assertThat(event.path("Properties").path("Queue").toString()).contains("ImportQueue");
        assertThat(event.path("Properties").path("FunctionResponseTypes").toString()).contains("ReportBatchItemFailures");
        JsonNode variables = registration.properties().path("Environment").path("Variables");
        assertThat(variables.path("IMPORT_QUEUE_URL").path("Ref").asText()).isEqualTo("ImportQueue");
        assertThat(variables.path("IMPORT_BUCKET").toString()).isEqualTo(
                resources.path("ImportBucket").path("Properties").path("BucketName").toString());
    }

    // ---------------------------------------------------------------- the staff console in AWS (issue 10)

    /** The console's address as the template writes it, e.g. {@code https://${ConsoleDistribution.DomainName}/}. */
    private static String consoleUrl() {
        return TEMPLATE.root().path("Outputs").path("ConsoleUrl").path("Value").path("Fn::Sub").asText();
    }

    @Test
    void billFiles_areWrittenByTheWorkerOnly_andReadAndSignedByTheApi_inTheBucketItsEnvironmentNames() {
        Map<String, List<String>> s3Actions = new java.util.TreeMap<>();
        for (SamTemplate.Function f : TEMPLATE.functions()) {
            f.properties().path("Policies").forEach(policy -> policy.path("Statement").forEach(statement -> statement.path("Action")
                    .forEach(a -> {
                        if (a.asText().startsWith("s3:") && statement.path("Resource").toString().contains("BillBucket")) {
                            s3Actions.computeIfAbsent(f.logicalId(), k -> new ArrayList<>()).add(a.asText());
                        }
                    })));
            JsonNode bucketVariable = f.properties().path("Environment").path("Variables").path("BILL_BUCKET");
            if (f.logicalId().startsWith("MonthlySubsidy")) {
                assertThat(bucketVariable.path("Ref").asText()).as(f.logicalId() + " BILL_BUCKET").isEqualTo("BillBucket");
            } else {
                assertThat(bucketVariable.isMissingNode()).as(f.logicalId() + " has no business with the bills").isTrue();
            }
        }
        assertThat(s3Actions).containsOnlyKeys("MonthlySubsidyFunction", "MonthlySubsidyApiFunction");
        assertThat(s3Actions.get("MonthlySubsidyFunction")).containsExactlyInAnyOrder(
                "s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload", "s3:ListBucket");
        assertThat(s3Actions.get("MonthlySubsidyApiFunction")).as("the API reads and signs links, never writes")
                .containsExactlyInAnyOrder("s3:GetObject", "s3:ListBucket");
        assertThat(TEMPLATE.root().path("Outputs").path("BillBucketName").path("Value").path("Ref").asText()).isEqualTo("BillBucket");
    }

    @Test
    void billBucket_isPrivate_encrypted_refusesPlainHttp_expiresBillsAfter400Days_andOutlivesTheStack() {
        JsonNode bucket = TEMPLATE.resources().path("BillBucket");
        assertThat(bucket.path("Type").asText()).isEqualTo("AWS::S3::Bucket");
        assertThat(bucket.path("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(bucket.path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
        JsonNode p = bucket.path("Properties");
        JsonNode block = p.path("PublicAccessBlockConfiguration");
        for (String flag : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertThat(block.path(flag).asBoolean()).as(flag).isTrue();
        }
        assertThat(p.path("OwnershipControls").path("Rules").get(0).path("ObjectOwnership").asText()).isEqualTo("BucketOwnerEnforced");
        assertThat(p.path("BucketEncryption").path("ServerSideEncryptionConfiguration").get(0)
                .path("ServerSideEncryptionByDefault").path("SSEAlgorithm").asText()).isIn("AES256", "aws:kms");
        assertThat(p.has("BucketName")).as("a generated name, unique per stack").isFalse();
        assertThat(p.has("CorsConfiguration")).as("a browser follows the link, it never fetches the bucket").isFalse();
        List<JsonNode> rules = new ArrayList<>();
        p.path("LifecycleConfiguration").path("Rules").forEach(rules::add);
        assertThat(rules).anySatisfy(r -> {
            assertThat(r.path("Prefix").asText()).isEqualTo("bills/");
            assertThat(r.path("ExpirationInDays").asInt()).isEqualTo(400);
        });
        assertThat(rules).anySatisfy(r -> assertThat(r.path("AbortIncompleteMultipartUpload").path("DaysAfterInitiation").asInt()).isEqualTo(1));

        JsonNode policy = TEMPLATE.resources().path("BillBucketPolicy").path("Properties");
        assertThat(policy.path("Bucket").path("Ref").asText()).isEqualTo("BillBucket");
        List<JsonNode> statements = new ArrayList<>();
        policy.path("PolicyDocument").path("Statement").forEach(statements::add);
        assertThat(statements).as("no one is allowed in by the bucket policy: only the functions' roles").singleElement().satisfies(deny -> {
            assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
            assertThat(deny.path("Principal").asText()).isEqualTo("*");
            assertThat(deny.path("Action").asText()).isEqualTo("s3:*");
            assertThat(deny.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
            assertThat(deny.path("Resource").toString()).contains("\"BillBucket\",\"Arn\"", "${BillBucket.Arn}/*");
        });
    }

    @Test
    void consoleBucket_isPrivate_encrypted_ownedByTheAccount_andRefusesPlainHttp() {
        JsonNode bucket = TEMPLATE.resources().path("ConsoleBucket");
        assertThat(bucket.path("Type").asText()).isEqualTo("AWS::S3::Bucket");
        JsonNode p = bucket.path("Properties");
        JsonNode block = p.path("PublicAccessBlockConfiguration");
        for (String flag : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertThat(block.path(flag).asBoolean()).as(flag).isTrue();
        }
        assertThat(p.path("OwnershipControls").path("Rules").get(0).path("ObjectOwnership").asText()).isEqualTo("BucketOwnerEnforced");
        assertThat(p.path("BucketEncryption").path("ServerSideEncryptionConfiguration").get(0)
                .path("ServerSideEncryptionByDefault").path("SSEAlgorithm").asText()).isIn("AES256", "aws:kms");
        assertThat(p.has("WebsiteConfiguration")).as("no public website endpoint").isFalse();
        assertThat(p.has("AccessControl")).as("no ACL").isFalse();
        assertThat(p.has("BucketName")).as("a generated name, unique per stack").isFalse();

        List<JsonNode> policies = TEMPLATE.resourcesOfType("AWS::S3::BucketPolicy").values().stream()
                .filter(candidate -> candidate.path("Properties").path("Bucket").path("Ref").asText().equals("ConsoleBucket")).toList();
        assertThat(policies).hasSize(1);
        JsonNode policy = policies.get(0).path("Properties");
        List<JsonNode> allows = new ArrayList<>();
        List<JsonNode> denies = new ArrayList<>();
        policy.path("PolicyDocument").path("Statement").forEach(st -> (st.path("Effect").asText().equals("Allow") ? allows : denies).add(st));
        assertThat(allows).as("only CloudFront may read").singleElement().satisfies(allow -> {
            assertThat(allow.path("Principal").path("Service").asText()).isEqualTo("cloudfront.amazonaws.com");
            assertThat(allow.path("Action").asText()).isEqualTo("s3:GetObject");
            assertThat(allow.path("Resource").path("Fn::Sub").asText()).isEqualTo("${ConsoleBucket.Arn}/*");
            assertThat(allow.path("Condition").path("StringEquals").path("AWS:SourceArn").path("Fn::Sub").asText())
                    .as("this stack's distribution only").endsWith(":distribution/${ConsoleDistribution}");
        });
        assertThat(denies).anySatisfy(deny -> {
            assertThat(deny.path("Principal").asText()).isEqualTo("*");
            assertThat(deny.path("Action").asText()).isEqualTo("s3:*");
            assertThat(deny.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
            assertThat(deny.path("Resource").toString()).contains("\"ConsoleBucket\",\"Arn\"", "${ConsoleBucket.Arn}/*");
        });
    }

    @Test
    void consoleDistribution_readsTheBucketThroughOriginAccessControl_overHttpsOnly_withSecurityHeaders() {
        assertThat(TEMPLATE.resourcesOfType("AWS::CloudFront::CloudFrontOriginAccessIdentity")).as("no legacy OAI").isEmpty();
        JsonNode oac = TEMPLATE.resources().path("ConsoleOriginAccessControl").path("Properties").path("OriginAccessControlConfig");
        assertThat(oac.path("OriginAccessControlOriginType").asText()).isEqualTo("s3");
        assertThat(oac.path("SigningBehavior").asText()).isEqualTo("always");
        assertThat(oac.path("SigningProtocol").asText()).isEqualTo("sigv4");

        JsonNode config = TEMPLATE.resources().path("ConsoleDistribution").path("Properties").path("DistributionConfig");
        assertThat(config.path("DefaultRootObject").asText()).isEqualTo("index.html");
        assertThat(config.path("Origins")).singleElement().satisfies(origin -> {
            assertThat(origin.path("DomainName").path("Fn::GetAtt").toString()).isEqualTo("[\"ConsoleBucket\",\"RegionalDomainName\"]");
            assertThat(origin.path("OriginAccessControlId").path("Fn::GetAtt").toString()).isEqualTo("[\"ConsoleOriginAccessControl\",\"Id\"]");
            assertThat(origin.path("S3OriginConfig").path("OriginAccessIdentity").asText()).as("no OAI").isEmpty();
        });
        List<JsonNode> behaviours = new ArrayList<>(List.of(config.path("DefaultCacheBehavior")));
        config.path("CacheBehaviors").forEach(behaviours::add);
        assertThat(behaviours).allSatisfy(b -> {
            assertThat(b.path("ViewerProtocolPolicy").asText()).isIn("redirect-to-https", "https-only");
            assertThat(b.path("ResponseHeadersPolicyId").path("Ref").asText()).isEqualTo("ConsoleSecurityHeaders");
            assertThat(b.path("AllowedMethods").toString()).doesNotContain("POST", "PUT", "DELETE");
        });
        assertThat(config.path("ViewerCertificate").path("CloudFrontDefaultCertificate").asBoolean()).isTrue();

        JsonNode headers = TEMPLATE.resources().path("ConsoleSecurityHeaders").path("Properties")
                .path("ResponseHeadersPolicyConfig").path("SecurityHeadersConfig");
        assertThat(headers.path("StrictTransportSecurity").path("AccessControlMaxAgeSec").asInt()).as("HSTS a year or more")
                .isGreaterThanOrEqualTo(31_536_000);
        assertThat(headers.path("ContentTypeOptions").path("Override").asBoolean()).as("X-Content-Type-Options: nosniff").isTrue();
        assertThat(headers.path("FrameOptions").path("FrameOption").asText()).isEqualTo("DENY");
        assertThat(headers.path("ReferrerPolicy").path("ReferrerPolicy").asText()).isIn("no-referrer", "same-origin", "strict-origin");
        for (String header : List.of("StrictTransportSecurity", "ContentTypeOptions", "FrameOptions", "ReferrerPolicy", "ContentSecurityPolicy")) {
            assertThat(headers.path(header).path("Override").asBoolean()).as(header + " overrides whatever the origin sends").isTrue();
        }

        JsonNode sub = headers.path("ContentSecurityPolicy").path("ContentSecurityPolicy").path("Fn::Sub");
        Map<String, List<String>> csp = contentSecurityPolicy(sub.isArray() ? sub.get(0).asText() : sub.asText());
        if (sub.isArray()) {
            assertThat(sub.get(1).path("StackUuid").toString()).as("the import bucket's host, by the name ImportBucket is given")
                    .isEqualTo(TEMPLATE.resources().path("ImportBucket").path("Properties").path("BucketName").path("Fn::Sub").get(1).path("StackUuid").toString());
        }
        assertThat(csp.get("script-src")).containsExactly("'self'");
        assertThat(csp.get("style-src")).containsExactly("'self'");
        assertThat(csp.get("default-src")).isSubsetOf("'self'", "'none'");
        assertThat(csp.get("object-src")).containsExactly("'none'");
        assertThat(csp.get("frame-ancestors")).containsExactly("'none'");
        assertThat(csp.get("connect-src")).containsExactlyInAnyOrder("'self'",
                "https://*.execute-api.${AWS::Region}.${AWS::URLSuffix}",
                "https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com",
                "https://rentan-imports-${StackUuid}.s3.${AWS::Region}.${AWS::URLSuffix}");
        assertThat(csp.values().stream().flatMap(List::stream))
                .noneMatch(source -> source.contains("unsafe") || source.equals("*") || source.equals("https:"));
        assertThat(csp.values().stream().flatMap(List::stream)).as("no wildcard host but the region's execute-api")
                .filteredOn(source -> source.contains("*")).containsOnly("https://*.execute-api.${AWS::Region}.${AWS::URLSuffix}");
    }

    /** A Content-Security-Policy's directives, each with its sources. */
    private static Map<String, List<String>> contentSecurityPolicy(String policy) {
        Map<String, List<String>> directives = new java.util.LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            List<String> words = List.of(directive.trim().split("\\s+"));
            if (!words.get(0).isEmpty()) {
                assertThat(directives).as("directive " + words.get(0) + " once").doesNotContainKey(words.get(0));
                directives.put(words.get(0), words.subList(1, words.size()));
            }
        }
        return directives;
    }

    @Test
    void api_answersCorsForTheConsoleOriginOnly_withTheMethodsAndHeadersTheConsoleUses() {
        JsonNode cors = TEMPLATE.resources().path("HttpApi").path("Properties").path("CorsConfiguration");
        assertThat(cors.path("AllowOrigins")).singleElement().satisfies(origin -> {
            String sub = origin.path("Fn::Sub").asText();
            assertThat(sub).as("an origin is scheme and host, without a path").isEqualTo("https://${ConsoleDistribution.DomainName}");
            assertThat(consoleUrl()).as("the ConsoleUrl output").isEqualTo(sub + "/");
        });
        Set<String> methods = new HashSet<>();
        cors.path("AllowMethods").forEach(m -> methods.add(m.asText()));
        TEMPLATE.functions().forEach(f -> f.routes().forEach(r ->
                assertThat(methods).as("CORS allows " + r.routeKey()).contains(r.method().toUpperCase())));
        List<String> allowed = new ArrayList<>();
        cors.path("AllowHeaders").forEach(h -> allowed.add(h.asText().toLowerCase()));
        assertThat(allowed).containsExactlyInAnyOrder("authorization", "content-type", "idempotency-key");
        List<String> exposed = new ArrayList<>();
        cors.path("ExposeHeaders").forEach(h -> exposed.add(h.asText().toLowerCase()));
        assertThat(exposed).contains("location", "content-disposition");
        assertThat(cors.toString()).as("no wildcard anywhere").doesNotContain("\"*\"");
        assertThat(cors.path("AllowCredentials").asBoolean(false)).as("bearer tokens, no cookies").isFalse();
    }

    @Test
    void staffConsoleClient_isAPublicCodeGrantClient_forTheConsoleUrlOnly_andTheAuthorizerAcceptsItsTokens() {
        JsonNode client = TEMPLATE.resources().path("StaffConsoleClient").path("Properties");
        assertThat(client.path("UserPoolId").path("Ref").asText()).isEqualTo("UserPool");
        assertThat(client.path("GenerateSecret").asBoolean(true)).as("a browser keeps no secret: PKCE instead").isFalse();
        assertThat(client.path("AllowedOAuthFlowsUserPoolClient").asBoolean()).isTrue();
        assertThat(client.path("AllowedOAuthFlows").toString()).as("authorization code only").isEqualTo("[\"code\"]");
        List<String> scopes = new ArrayList<>();
        client.path("AllowedOAuthScopes").forEach(s -> scopes.add(s.asText()));
        assertThat(scopes).containsExactlyInAnyOrder("openid", "email", "profile");
        assertThat(client.path("SupportedIdentityProviders").toString()).isEqualTo("[\"COGNITO\"]");
        assertThat(client.path("ExplicitAuthFlows").toString()).as("no password or SRP sign-in past the hosted sign-in")
                .isEqualTo("[\"ALLOW_REFRESH_TOKEN_AUTH\"]");
        assertThat(client.path("PreventUserExistenceErrors").asText()).isEqualTo("ENABLED");
        for (String urls : List.of("CallbackURLs", "LogoutURLs")) {
            assertThat(client.path(urls)).as(urls).singleElement().satisfies(url -> assertThat(url.path("Fn::Sub").asText()).isEqualTo(consoleUrl()));
        }
        assertThat(client.path("AccessTokenValidity").asInt()).isBetween(5, 60);
        assertThat(client.path("TokenValidityUnits").path("AccessToken").asText()).isEqualTo("minutes");
        assertThat(client.path("RefreshTokenValidity").asInt()).as("a working day, not weeks").isBetween(1, 12);
        assertThat(client.path("TokenValidityUnits").path("RefreshToken").asText()).isEqualTo("hours");

        List<String> audience = new ArrayList<>();
        TEMPLATE.resources().path("HttpApi").path("Properties").path("Auth").path("Authorizers").path("CognitoJwt")
                .path("JwtConfiguration").path("audience").forEach(a -> audience.add(a.path("Ref").asText()));
        assertThat(audience).containsExactlyInAnyOrder("PortalClient", "StaffClient", "StaffConsoleClient");
        assertThat(TEMPLATE.resources().path("UserPool").path("Properties").path("MfaConfiguration").asText()).isEqualTo("ON");
        JsonNode domain = TEMPLATE.resources().path("UserPoolDomain").path("Properties");
        assertThat(domain.path("UserPoolId").path("Ref").asText()).isEqualTo("UserPool");
        assertThat(domain.path("Domain").path("Fn::Sub").asText()).contains("${AWS::StackName}", "${AWS::AccountId}");
    }

    @Test
    void outputs_nameEverythingTheConsoleDeployScriptReads() throws IOException {
        JsonNode outputs = TEMPLATE.root().path("Outputs");
        assertThat(outputs.path("StaffSignInDomain").path("Value").path("Fn::Sub").asText())
                .isEqualTo("https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com");
        assertThat(outputs.path("StaffConsoleClientId").path("Value").path("Ref").asText()).isEqualTo("StaffConsoleClient");
        assertThat(outputs.path("ConsoleBucketName").path("Value").path("Ref").asText()).isEqualTo("ConsoleBucket");
        assertThat(outputs.path("ConsoleDistributionId").path("Value").path("Ref").asText()).isEqualTo("ConsoleDistribution");
        String script = Files.readString(ROOT.resolve("console/deploy.sh"));
        Matcher read = Pattern.compile("\\$\\(output (\\w+)\\)").matcher(script);
        List<String> names = new ArrayList<>();
        while (read.find()) {
            names.add(read.group(1));
        }
        assertThat(names).containsExactlyInAnyOrder("ApiUrl", "ConsoleUrl", "ConsoleBucketName", "ConsoleDistributionId",
                "StaffSignInDomain", "StaffConsoleClientId");
        names.forEach(name -> assertThat(outputs.has(name)).as("template.yaml outputs " + name).isTrue());
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
