package id.dinsos.rentan.local;

import com.fasterxml.jackson.databind.JsonNode;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SampleEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * template.yaml as AWS deploys it: transformed by aws-sam-translator (the SAM transform `sam deploy`
 * applies), then checked for what the transform adds. Skipped, with the reason, where python3 or
 * aws-sam-translator is missing; the machine image and CI have both.
 */
class SamTransformTest {
    private static JsonNode resources;
    private static String skipped;

    @BeforeAll
    static void transform(@TempDir Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("transformed.json");
        Process process;
        try {
            process = new ProcessBuilder("python3", ProjectFiles.root().resolve("local/src/test/resources/sam_transform.py").toString(),
                    ProjectFiles.template().toString(), out.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noPython) {
            skipped = "python3 is not installed";
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the SAM transform did not finish in 120 s");
        }
        if (process.exitValue() == 3) {
            skipped = "aws-sam-translator is not installed (pip install aws-sam-translator)";
            return;
        }
        assertThat(process.exitValue()).as("the SAM transform failed:\n" + output).isZero();
        resources = SampleEvents.MAPPER.readTree(out.toFile()).path("Resources");
    }

    private static void requireTransform() {
        assumeTrue(skipped == null, () -> "SAM transform not run: " + skipped);
    }

    private static List<Map.Entry<String, JsonNode>> ofType(String type) {
        List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            if (resource.getValue().path("Type").asText().equals(type)) {
                found.add(resource);
            }
        }
        return found;
    }

    @Test
    void namesUniquePerAccount_carryTheStackName_soTwoStacksNeverCollide() {
        requireTransform();
        // Each name's place in its resource's properties (a JSON pointer).
        Map<String, String> named = Map.ofEntries(
                Map.entry("AWS::Scheduler::Schedule", "/Name"),
                Map.entry("AWS::Cognito::UserPool", "/UserPoolName"),
                Map.entry("AWS::Cognito::UserPoolDomain", "/Domain"),
                Map.entry("AWS::SQS::Queue", "/QueueName"),
                Map.entry("AWS::DynamoDB::Table", "/TableName"),
                Map.entry("AWS::Lambda::Function", "/FunctionName"),
                Map.entry("AWS::S3::Bucket", "/BucketName"),
                Map.entry("AWS::SNS::Topic", "/TopicName"),
                Map.entry("AWS::Logs::LogGroup", "/LogGroupName"),
                Map.entry("AWS::CloudFront::OriginAccessControl", "/OriginAccessControlConfig/Name"),
                Map.entry("AWS::CloudFront::ResponseHeadersPolicy", "/ResponseHeadersPolicyConfig/Name"),
                Map.entry("AWS::CloudFront::CachePolicy", "/CachePolicyConfig/Name"),
                Map.entry("AWS::CloudFront::OriginRequestPolicy", "/OriginRequestPolicyConfig/Name"),
                Map.entry("AWS::CloudFront::Function", "/Name"));
        // CloudFront is global: a name must differ between two stacks of the same name in two regions too.
        Set<String> global = Set.of("AWS::CloudFront::OriginAccessControl", "AWS::CloudFront::ResponseHeadersPolicy",
                "AWS::CloudFront::CachePolicy", "AWS::CloudFront::OriginRequestPolicy", "AWS::CloudFront::Function");
        List<String> fixed = new ArrayList<>();
        named.forEach((type, pointer) -> ofType(type).forEach(resource -> {
            JsonNode name = resource.getValue().path("Properties").at(pointer);
            String text = name.toString();
            boolean unique = global.contains(type)
                    ? text.contains("AWS::StackId") || text.contains("AWS::StackName") && text.contains("AWS::Region")
                    : text.contains("AWS::StackName") || text.contains("AWS::StackId") || name.has("Ref")
                    || namesAResource(name);   // e.g. /aws/lambda/${RegistrationFunction}: that name is generated
            if (!name.isMissingNode() && !unique) {
                fixed.add(resource.getKey() + pointer + " = " + name);
            }
        }));
        assertThat(fixed).as("names that a second stack in the account would collide with").isEmpty();
        assertThat(ofType("AWS::Scheduler::Schedule")).isNotEmpty();
        assertThat(ofType("AWS::CloudFront::OriginAccessControl")).isNotEmpty();
    }

    @Test
    void everyRouteScheduleAndQueue_invokesTheFunctionsPublishedAlias_soSnapStartServesThem() {
        requireTransform();
        List<String> notAlias = new ArrayList<>();
        ofType("AWS::Lambda::Permission").forEach(p -> {
            if (!p.getValue().path("Properties").path("FunctionName").path("Ref").asText().endsWith("Aliaslive")) {
                notAlias.add(p.getKey());
            }
        });
        ofType("AWS::Lambda::EventSourceMapping").forEach(m -> {
            if (!m.getValue().path("Properties").path("FunctionName").path("Ref").asText().endsWith("Aliaslive")) {
                notAlias.add(m.getKey());
            }
        });
        ofType("AWS::Scheduler::Schedule").forEach(s -> {
            if (!s.getValue().path("Properties").path("Target").path("Arn").path("Ref").asText().endsWith("Aliaslive")) {
                notAlias.add(s.getKey());
            }
        });
        resources.path("HttpApi").path("Properties").path("Body").path("paths").fields().forEachRemaining(path ->
                path.getValue().fields().forEachRemaining(operation -> {
                    String uri = operation.getValue().path("x-amazon-apigateway-integration").path("uri").toString();
                    if (!uri.contains("Aliaslive")) {
                        notAlias.add(operation.getKey().toUpperCase() + " " + path.getKey());
                    }
                }));
        assertThat(notAlias).as("wired to $LATEST instead of the alias").isEmpty();
        assertThat(ofType("AWS::Lambda::EventSourceMapping")).hasSize(2).allSatisfy(m ->
                assertThat(m.getValue().path("Properties").path("FunctionResponseTypes").toString()).contains("ReportBatchItemFailures"));
    }

    @Test
    void theBills_areWrittenByTheWorkersRole_readByTheApisRole_andNamedInBothFunctionsEnvironment() {
        requireTransform();
        Map<String, List<String>> s3Grants = new java.util.TreeMap<>();
        for (Map.Entry<String, JsonNode> role : ofType("AWS::IAM::Role")) {
            role.getValue().path("Properties").path("Policies").forEach(policy ->
                    policy.path("PolicyDocument").path("Statement").forEach(statement -> statement.path("Action").forEach(action -> {
                        if (action.asText().startsWith("s3:") && statement.path("Resource").toString().contains("BillBucket")) {
                            s3Grants.computeIfAbsent(role.getKey(), k -> new ArrayList<>())
                                    .add(action.asText() + " on " + statement.path("Resource"));
                        }
                    })));
        }
        String objects = " on {\"Fn::Sub\":\"${BillBucket.Arn}/bills/*\"}";
        String bucket = " on {\"Fn::GetAtt\":[\"BillBucket\",\"Arn\"]}";
        assertThat(s3Grants).containsOnlyKeys("MonthlySubsidyFunctionRole", "MonthlySubsidyApiFunctionRole");
        assertThat(s3Grants.get("MonthlySubsidyFunctionRole")).containsExactlyInAnyOrder("s3:PutObject" + objects,
                "s3:GetObject" + objects, "s3:AbortMultipartUpload" + objects, "s3:ListBucket" + bucket);
        assertThat(s3Grants.get("MonthlySubsidyApiFunctionRole")).containsExactlyInAnyOrder("s3:GetObject" + objects,
                "s3:ListBucket" + bucket);
        for (String function : List.of("MonthlySubsidyFunction", "MonthlySubsidyApiFunction")) {
            assertThat(resources.path(function).path("Properties").path("Environment").path("Variables").path("BILL_BUCKET").toString())
                    .isEqualTo("{\"Ref\":\"BillBucket\"}");
        }
    }

    @Test
    void theSchedulesMayInvokeOnlyTheWorker_andDeadLetterOnlyIntoTheirOwnQueue_whichKeepsFailures14Days() {
        requireTransform();
        // The monthly run and the daily overdue-bills check.
        assertThat(ofType("AWS::Scheduler::Schedule")).hasSize(2);
        for (Map.Entry<String, JsonNode> schedule : ofType("AWS::Scheduler::Schedule")) {
            JsonNode target = schedule.getValue().path("Properties").path("Target");
            assertThat(target.path("DeadLetterConfig").path("Arn").toString()).as(schedule.getKey()).contains("ScheduleDeadLetterQueue");
            String role = target.path("RoleArn").path("Fn::GetAtt").get(0).asText();
            List<String> grants = new ArrayList<>();
            resources.path(role).path("Properties").path("Policies").forEach(policy ->
                    policy.path("PolicyDocument").path("Statement").forEach(statement ->
                            grants.add(statement.path("Action").asText() + " on " + statement.path("Resource"))));
            assertThat(grants).as(schedule.getKey()).containsExactlyInAnyOrder(
                    "lambda:InvokeFunction on {\"Ref\":\"MonthlySubsidyFunctionAliaslive\"}",
                    "sqs:SendMessage on {\"Fn::GetAtt\":[\"ScheduleDeadLetterQueue\",\"Arn\"]}");
        }
        for (String queue : List.of("ScheduleDeadLetterQueue", "SegmentDeadLetterQueue", "ImportDeadLetterQueue")) {
            assertThat(resources.path(queue).path("Properties").path("MessageRetentionPeriod").asInt())
                    .as(queue + " keeps what failed 14 days").isEqualTo(1_209_600);
        }
    }

    @Test
    void theStaffAccounts_surviveTheStack_andNeedASecondFactor() {
        requireTransform();
        JsonNode pool = resources.path("UserPool");
        assertThat(pool.path("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(pool.path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
        assertThat(pool.path("Properties").path("DeletionProtection").asText()).isEqualTo("ACTIVE");
        assertThat(pool.path("Properties").path("MfaConfiguration").asText()).isEqualTo("ON");
    }

    @Test
    void noFailureGoesUnnoticed_everyAlarmReachesTheTopic_forQueuesFunctionsTheApiAndTheRun() {
        requireTransform();
        List<String> alarmed = new ArrayList<>();
        ofType("AWS::CloudWatch::Alarm").forEach(alarm -> {
            JsonNode p = alarm.getValue().path("Properties");
            assertThat(p.path("AlarmActions").toString()).as(alarm.getKey()).contains("AlarmTopic");
            String dimension = p.path("Dimensions").path(0).path("Value").toString();
            alarmed.add(p.path("MetricName").asText() + " " + dimension.replaceAll("[^A-Za-z0-9]+", " ").trim());
        });
        assertThat(alarmed).contains(
                "ApproximateNumberOfMessagesVisible Fn GetAtt SegmentDeadLetterQueue QueueName",
                "ApproximateNumberOfMessagesVisible Fn GetAtt ScheduleDeadLetterQueue QueueName",
                "ApproximateNumberOfMessagesVisible Fn GetAtt ImportDeadLetterQueue QueueName",
                "RunBlockedBudget Ref ProgrammeId", "ScheduledRunRefused Ref ProgrammeId", "BillsOverdue Ref ProgrammeId",
                "5xx Ref HttpApi");
        for (Map.Entry<String, JsonNode> function : ofType("AWS::Lambda::Function")) {
            assertThat(alarmed).as(function.getKey()).contains("Errors Ref " + function.getKey(), "Throttles Ref " + function.getKey());
            assertThat(function.getValue().path("Properties").path("TracingConfig").path("Mode").asText()).as(function.getKey())
                    .isEqualTo("Active");
            assertThat(function.getValue().path("Properties").path("LoggingConfig").path("LogFormat").asText()).as(function.getKey())
                    .isEqualTo("JSON");
        }
        // The schedule's asynchronous invocations that still fail after Lambda's retries land in the same queue.
        assertThat(ofType("AWS::Lambda::EventInvokeConfig")).singleElement().satisfies(config -> {
            JsonNode p = config.getValue().path("Properties");
            assertThat(p.path("Qualifier").asText()).isEqualTo("live");
            assertThat(p.path("DestinationConfig").path("OnFailure").path("Destination").toString()).contains("ScheduleDeadLetterQueue");
        });
    }

    @Test
    void theApiAccessLog_recordsRouteKeysNeverUrls_soNoNikReachesIt() {
        requireTransform();
        JsonNode stages = new com.fasterxml.jackson.databind.node.ArrayNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance);
        ofType("AWS::ApiGatewayV2::Stage").forEach(stage -> ((com.fasterxml.jackson.databind.node.ArrayNode) stages).add(stage.getValue()));
        assertThat(stages).isNotEmpty();
        String format = stages.get(0).path("Properties").path("AccessLogSettings").path("Format").asText();
        assertThat(format).contains("$context.routeKey", "$context.requestId", "$context.status")
                .doesNotContain("$context.path", "querystring", "$context.requestOverride");
    }

    /** Whether a name is built from another resource's (generated, so unique) name. */
    private static boolean namesAResource(JsonNode name) {
        Set<String> referenced = new java.util.HashSet<>();
        collectReferences(name, referenced);
        referenced.retainAll(fieldNames(resources));
        return !referenced.isEmpty();
    }

    /**
     * CloudFormation refuses a template whose resources reference each other in a circle. The staff console
     * brings the risk: the API names the distribution (CORS) and the console client (audience), the client
     * names the distribution (callback). Every reference counts: Ref, GetAtt, Sub and DependsOn.
     */
    @Test
    void theTransformedTemplate_hasNoCircularDependency() {
        requireTransform();
        Map<String, Set<String>> edges = new java.util.TreeMap<>();
        resources.fields().forEachRemaining(resource -> {
            Set<String> targets = new java.util.TreeSet<>();
            collectReferences(resource.getValue(), targets);
            JsonNode dependsOn = resource.getValue().path("DependsOn");
            if (dependsOn.isTextual()) {
                targets.add(dependsOn.asText());
            }
            dependsOn.forEach(d -> targets.add(d.asText()));
            targets.retainAll(fieldNames(resources));
            edges.put(resource.getKey(), targets);
        });
        assertThat(edges.get("HttpApi")).as("the API names the console's origin and client").contains("ConsoleDistribution", "StaffConsoleClient");
        assertThat(edges.get("StaffConsoleClient")).contains("ConsoleDistribution");
        List<String> cycle = findCycle(edges);
        assertThat(cycle).as("a circle of references CloudFormation would refuse").isEmpty();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collectReferences(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            if (node.has("Ref")) {
                into.add(node.get("Ref").asText());
            }
            JsonNode getAtt = node.get("Fn::GetAtt");
            if (getAtt != null) {
                into.add(getAtt.isArray() ? getAtt.get(0).asText() : getAtt.asText().split("\\.")[0]);
            }
            JsonNode sub = node.get("Fn::Sub");
            if (sub != null) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([^}!.]+)[^}]*}")
                        .matcher(sub.isArray() ? sub.get(0).asText() : sub.asText());
                while (m.find()) {
                    into.add(m.group(1));
                }
            }
            node.forEach(child -> collectReferences(child, into));
        } else if (node.isArray()) {
            node.forEach(child -> collectReferences(child, into));
        }
    }

    /** One circle of the graph as the path around it, or an empty list. */
    private static List<String> findCycle(Map<String, Set<String>> edges) {
        Map<String, Integer> state = new java.util.HashMap<>();   // 1 on the path, 2 done
        java.util.Deque<String> path = new java.util.ArrayDeque<>();
        for (String start : edges.keySet()) {
            List<String> cycle = visit(start, edges, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> edges, Map<String, Integer> state, java.util.Deque<String> path) {
        Integer seen = state.get(node);
        if (seen != null && seen == 2) {
            return List.of();
        }
        if (seen != null) {
            List<String> onPath = new ArrayList<>(path);
            java.util.Collections.reverse(onPath);
            List<String> cycle = new ArrayList<>(onPath.subList(onPath.indexOf(node), onPath.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.push(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            List<String> cycle = visit(next, edges, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.pop();
        state.put(node, 2);
        return List.of();
    }

    @Test
    void theDeployedApi_answersCorsForTheConsoleOnly_andAcceptsTheConsoleClientsTokens() {
        requireTransform();
        JsonNode body = resources.path("HttpApi").path("Properties").path("Body");
        JsonNode cors = body.path("x-amazon-apigateway-cors");
        assertThat(cors.path("allowOrigins")).singleElement().satisfies(origin ->
                assertThat(origin.path("Fn::Sub").asText()).isEqualTo("https://${ConsoleDistribution.DomainName}"));
        assertThat(cors.toString()).as("no wildcard origin, method or header").doesNotContain("\"*\"");
        assertThat(cors.path("allowHeaders").toString()).contains("authorization", "content-type", "idempotency-key");
        assertThat(cors.path("exposeHeaders").toString()).contains("location", "content-disposition");
        assertThat(body.path("components").path("securitySchemes").path("CognitoJwt").path("x-amazon-apigateway-authorizer")
                .path("jwtConfiguration").path("audience").toString())
                .contains("PortalClient", "StaffClient", "StaffConsoleClient");
    }

    @Test
    void everyBucketIsPrivate_andEveryDistributionServesOverHttpsOnly_throughOriginAccessControl_withSecurityHeaders() {
        requireTransform();
        List<Map.Entry<String, JsonNode>> buckets = ofType("AWS::S3::Bucket");
        assertThat(buckets).isNotEmpty();
        List<Map.Entry<String, JsonNode>> bucketPolicies = ofType("AWS::S3::BucketPolicy");
        for (Map.Entry<String, JsonNode> bucket : buckets) {
            JsonNode block = bucket.getValue().path("Properties").path("PublicAccessBlockConfiguration");
            assertThat(List.of(block.path("BlockPublicAcls"), block.path("BlockPublicPolicy"), block.path("IgnorePublicAcls"),
                    block.path("RestrictPublicBuckets"))).as(bucket.getKey() + " blocks all public access").allMatch(JsonNode::asBoolean);
            assertThat(bucketPolicies).as(bucket.getKey() + " refuses requests without TLS").anySatisfy(policy -> {
                assertThat(policy.getValue().path("Properties").path("Bucket").path("Ref").asText()).isEqualTo(bucket.getKey());
                assertThat(policy.getValue().path("Properties").path("PolicyDocument").toString())
                        .contains("\"Effect\":\"Deny\"", "\"aws:SecureTransport\":\"false\"");
            });
        }
        List<Map.Entry<String, JsonNode>> distributions = ofType("AWS::CloudFront::Distribution");
        assertThat(distributions).isNotEmpty();
        assertThat(ofType("AWS::CloudFront::CloudFrontOriginAccessIdentity")).as("origin access control, never the legacy OAI").isEmpty();
        for (Map.Entry<String, JsonNode> distribution : distributions) {
            JsonNode config = distribution.getValue().path("Properties").path("DistributionConfig");
            config.path("Origins").forEach(origin -> {
                if (origin.has("S3OriginConfig")) {
                    assertThat(origin.path("OriginAccessControlId").isMissingNode()).as(distribution.getKey() + " S3 origin by OAC").isFalse();
                    assertThat(origin.path("S3OriginConfig").path("OriginAccessIdentity").asText()).isEmpty();
                }
            });
            List<JsonNode> behaviours = new ArrayList<>(List.of(config.path("DefaultCacheBehavior")));
            config.path("CacheBehaviors").forEach(behaviours::add);
            assertThat(behaviours).allSatisfy(b -> {
                assertThat(b.path("ViewerProtocolPolicy").asText()).isIn("redirect-to-https", "https-only");
                String policy = b.path("ResponseHeadersPolicyId").path("Ref").asText();
                assertThat(resources.path(policy).path("Properties").path("ResponseHeadersPolicyConfig").path("SecurityHeadersConfig")
                        .fieldNames()).toIterable().contains("StrictTransportSecurity", "ContentTypeOptions", "FrameOptions",
                        "ReferrerPolicy", "ContentSecurityPolicy");
            });
        }
    }
}
