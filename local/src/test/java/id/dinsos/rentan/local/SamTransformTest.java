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
}
