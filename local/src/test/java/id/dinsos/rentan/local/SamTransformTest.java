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
        Map<String, String> named = Map.of(
                "AWS::Scheduler::Schedule", "Name",
                "AWS::Cognito::UserPool", "UserPoolName",
                "AWS::Cognito::UserPoolDomain", "Domain",
                "AWS::SQS::Queue", "QueueName",
                "AWS::DynamoDB::Table", "TableName",
                "AWS::Lambda::Function", "FunctionName");
        List<String> fixed = new ArrayList<>();
        named.forEach((type, property) -> ofType(type).forEach(resource -> {
            JsonNode name = resource.getValue().path("Properties").path(property);
            if (!name.isMissingNode() && !name.toString().contains("AWS::StackName") && !name.has("Ref")) {
                fixed.add(resource.getKey() + "." + property + " = " + name);
            }
        }));
        assertThat(fixed).as("names that a second stack in the account would collide with").isEmpty();
        assertThat(ofType("AWS::Scheduler::Schedule")).isNotEmpty();
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
        assertThat(ofType("AWS::Lambda::EventSourceMapping")).singleElement().satisfies(m ->
                assertThat(m.getValue().path("Properties").path("FunctionResponseTypes").toString()).contains("ReportBatchItemFailures"));
    }

    @Test
    void theScheduleMayInvokeOnlyTheWorker_andDeadLetterOnlyIntoItsOwnQueue_whichKeepsFailures14Days() {
        requireTransform();
        Map.Entry<String, JsonNode> schedule = ofType("AWS::Scheduler::Schedule").get(0);
        String role = schedule.getValue().path("Properties").path("Target").path("RoleArn").path("Fn::GetAtt").get(0).asText();
        List<String> grants = new ArrayList<>();
        resources.path(role).path("Properties").path("Policies").forEach(policy ->
                policy.path("PolicyDocument").path("Statement").forEach(statement ->
                        grants.add(statement.path("Action").asText() + " on " + statement.path("Resource"))));
        assertThat(grants).containsExactlyInAnyOrder(
                "lambda:InvokeFunction on {\"Ref\":\"MonthlySubsidyFunctionAliaslive\"}",
                "sqs:SendMessage on {\"Fn::GetAtt\":[\"ScheduleDeadLetterQueue\",\"Arn\"]}");
        for (String queue : List.of("ScheduleDeadLetterQueue", "SegmentDeadLetterQueue")) {
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
                "RunBlockedBudget Ref ProgrammeId", "ScheduledRunRefused Ref ProgrammeId", "5xx Ref HttpApi");
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
}
