package id.dinsos.rentan.local;

import com.fasterxml.jackson.databind.JsonNode;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SampleEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * console/deploy.sh, the script that publishes the staff console to a deployed stack. The first tests run it
 * with a stand-in {@code aws} on the PATH that records every call; the last one runs it with the real AWS CLI
 * against moto_server (an AWS API emulator: S3, CloudFormation and CloudFront), skipped where either is
 * missing. The script is copied with a built site beside it, as {@code console/target/site/} would be.
 */
class ConsoleDeployScriptTest {
    private static final Path SCRIPT = ProjectFiles.root().resolve("console/deploy.sh");
    private static final String BUILD = "mvn -B -ntp -q package -DskipTests -pl console -am";

    /** Answers describe-stacks from outputs.txt, create-invalidation with an id; logs every call to calls.log. */
    private static final String FAKE_AWS = """
            #!/usr/bin/env bash
            set -euo pipefail
            printf '%s\\n' "$*" >>"$FAKE_AWS_DIR/calls.log"
            case "$1 $2" in
              'cloudformation describe-stacks') cat "$FAKE_AWS_DIR/outputs.txt" ;;
              's3 sync') [[ -f "$FAKE_AWS_DIR/synced.txt" ]] || (cd "$3" && find . -type f | sort >"$FAKE_AWS_DIR/synced.txt") ;;
              's3 cp') cp "$3" "$FAKE_AWS_DIR/uploaded-$(basename "$4")" ;;
              'cloudfront create-invalidation') echo I2J0I21PCUYOIK ;;
            esac
            """;
    private static final Map<String, String> OUTPUTS = outputs();

    @TempDir
    Path dir;
    private Path script;
    private Path site;
    private Path fakeAws;

    private static Map<String, String> outputs() {
        Map<String, String> outputs = new java.util.LinkedHashMap<>();
        outputs.put("ApiUrl", "https://a1b2c3d4e5.execute-api.ap-southeast-3.amazonaws.com");
        outputs.put("TableName", "dinsos-ProtectionTable-1ABC");
        outputs.put("ConsoleUrl", "https://d1234abcd.cloudfront.net/");
        outputs.put("ConsoleBucketName", "dinsos-consolebucket-1a2b3c");
        outputs.put("ConsoleDistributionId", "E1ABCDEF234567");
        outputs.put("StaffSignInDomain", "https://dinsos-123456789012.auth.ap-southeast-3.amazoncognito.com");
        outputs.put("StaffConsoleClientId", "4example0client0id0abcdefg");
        return outputs;
    }

    @BeforeEach
    void copyTheScriptBesideABuiltSite() throws IOException {
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "bash scripts are not run on Windows");
        script = dir.resolve("console/deploy.sh");
        Files.createDirectories(script.getParent());
        Files.copy(SCRIPT, script, StandardCopyOption.COPY_ATTRIBUTES);
        site = dir.resolve("console/target/site");
        write(site.resolve("index.html"), "<!doctype html><title>Konsol</title><script src=\"app.js\"></script>");
        write(site.resolve("app.js"), "console.log('x');");
        write(site.resolve("app.css"), "body{}");
        write(site.resolve("config.json"), "{\"apiBaseUrl\":\"/\",\"auth\":{\"mode\":\"local\"}}");
        write(site.resolve("lib/chart/4.4.1/chart.umd.js"), "/* chart */");
        write(site.resolve("logo.png"), "PNG");
        Path bin = dir.resolve("bin");
        fakeAws = bin.resolve("aws");
        write(fakeAws, FAKE_AWS);
        Files.setPosixFilePermissions(fakeAws, PosixFilePermissions.fromString("rwxr-xr-x"));
        StringBuilder lines = new StringBuilder();
        OUTPUTS.forEach((k, v) -> lines.append(k).append('\t').append(v).append('\n'));
        write(dir.resolve("outputs.txt"), lines.toString());
    }

    @Test
    void publishesTheSite_withTheCognitoConfig_entryFilesUncachedAndLast_thenInvalidatesThem() throws Exception {
        Run run = runWithFakeAws("dinsos");
        assertThat(run.exit()).as(run.output()).isZero();

        JsonNode config = SampleEvents.MAPPER.readTree(dir.resolve("uploaded-config.json").toFile());
        assertThat(config.path("apiBaseUrl").asText()).isEqualTo(OUTPUTS.get("ApiUrl") + "/");
        JsonNode auth = config.path("auth");
        assertThat(auth.path("mode").asText()).isEqualTo("cognito");
        assertThat(auth.path("domain").asText()).isEqualTo(OUTPUTS.get("StaffSignInDomain"));
        assertThat(auth.path("clientId").asText()).isEqualTo(OUTPUTS.get("StaffConsoleClientId"));
        assertThat(auth.path("redirectUri").asText()).isEqualTo(OUTPUTS.get("ConsoleUrl"));
        assertThat(auth.path("scopes").toString()).isEqualTo("[\"openid\",\"email\",\"profile\"]");
        assertThat(Files.readString(dir.resolve("uploaded-index.html"))).contains("<title>Konsol</title>");
        assertThat(Files.readAllLines(dir.resolve("synced.txt"))).as("the site and its config.json, from a copy")
                .contains("./index.html", "./app.js", "./app.css", "./config.json", "./lib/chart/4.4.1/chart.umd.js", "./logo.png");

        List<String> calls = Files.readAllLines(dir.resolve("calls.log"));
        assertThat(calls.get(0)).startsWith("cloudformation describe-stacks --stack-name dinsos ");
        String bucket = "s3://" + OUTPUTS.get("ConsoleBucketName");
        int config_ = indexOf(calls, "s3 cp .*/config.json " + bucket + "/config.json .*");
        int index = indexOf(calls, "s3 cp .*/index.html " + bucket + "/index.html .*");
        assertThat(calls.get(config_)).contains("--cache-control no-cache", "--content-type application/json");
        assertThat(calls.get(index)).contains("--cache-control no-cache", "--content-type text/html; charset=utf-8");
        List<String> syncs = calls.stream().filter(c -> c.startsWith("s3 sync ")).toList();
        assertThat(syncs).allSatisfy(sync -> assertThat(sync)
                .contains(" " + bucket + " ", "--exclude index.html --exclude config.json", "--cache-control public, max-age=300"));
        assertThat(syncs).anySatisfy(sync -> assertThat(sync)
                .contains("--exclude * --include *.js ", "--content-type text/javascript; charset=utf-8"));
        assertThat(syncs).anySatisfy(sync -> assertThat(sync).contains("--include *.css ", "--content-type text/css; charset=utf-8"));
        int firstAssets = calls.indexOf(syncs.get(0));
        int deleting = calls.indexOf(syncs.stream().filter(s -> s.contains("--delete")).findFirst().orElseThrow());
        assertThat(firstAssets).as("assets before the entry files that name them").isLessThan(config_);
        assertThat(config_).isLessThan(index);
        assertThat(index).as("old files go only after the new index.html is up").isLessThan(deleting);
        assertThat(calls.get(calls.size() - 1)).as("the last call").isEqualTo("cloudfront create-invalidation --distribution-id "
                + OUTPUTS.get("ConsoleDistributionId") + " --paths / /index.html /config.json --query Invalidation.Id --output text");
        assertThat(run.output()).contains("I2J0I21PCUYOIK", OUTPUTS.get("ConsoleUrl"));
    }

    @Test
    void withoutABuiltSite_saysHowToBuildIt_andCallsNoAws() throws Exception {
        Files.delete(site.resolve("index.html"));
        Run run = runWithFakeAws("dinsos");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains(BUILD);
        assertThat(dir.resolve("calls.log")).doesNotExist();
    }

    @Test
    void aStackWithoutTheConsoleOutputs_stopsBeforeUploadingAnything() throws Exception {
        StringBuilder lines = new StringBuilder();
        OUTPUTS.forEach((k, v) -> {
            if (!k.equals("StaffConsoleClientId")) {
                lines.append(k).append('\t').append(v).append('\n');
            }
        });
        write(dir.resolve("outputs.txt"), lines.toString());
        Run run = runWithFakeAws("old-stack");
        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("Stack old-stack has no output StaffConsoleClientId");
        assertThat(Files.readAllLines(dir.resolve("calls.log"))).singleElement().asString().startsWith("cloudformation describe-stacks");
    }

    @Test
    void withoutAStackName_printsTheUsage() throws Exception {
        Run run = runWithFakeAws();
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("usage: bash console/deploy.sh <stack-name>");
    }

    /**
     * The real AWS CLI against moto_server: the filters, content types and Cache-Control land on the objects
     * as intended, a file of an earlier release is deleted, and the invalidation is created.
     */
    @Test
    void withTheRealAwsCli_onMoto_theBucketHoldsTheSiteWithItsTypesAndCacheControl() throws Exception {
        String endpoint = System.getProperty("moto.endpoint", System.getenv("MOTO_ENDPOINT"));
        assumeTrue(endpoint != null && !endpoint.isBlank(),
                "moto_server is not running: run with -Dmoto.endpoint=http://127.0.0.1:5000 (or MOTO_ENDPOINT) to run this test");
        String version = awsCliVersion();
        assumeTrue(version != null, "the AWS CLI (aws) is not installed (pip install awscli)");
        assumeTrue(honoursEndpointVariable(version), "the AWS CLI " + version + " predates AWS_ENDPOINT_URL (v1.29, v2.13)");

        Map<String, String> env = new HashMap<>(Map.of("AWS_ENDPOINT_URL", endpoint.trim(), "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", "ap-southeast-3", "AWS_REGION", "ap-southeast-3",
                "AWS_CONFIG_FILE", dir.resolve("no-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString()));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String bucket = "console-deploy-test-" + suffix;
        String stack = "console-deploy-test-" + suffix;
        aws(env, "s3api", "create-bucket", "--bucket", bucket, "--create-bucket-configuration", "LocationConstraint=ap-southeast-3");
        aws(env, "s3api", "put-object", "--bucket", bucket, "--key", "old-release.js", "--body", site.resolve("app.js").toString());
        write(dir.resolve("distribution.json"), """
                {"CallerReference": "%s", "Comment": "", "Enabled": true, "DefaultRootObject": "index.html",
                 "Origins": {"Quantity": 1, "Items": [{"Id": "console-bucket", "DomainName": "%s.s3.ap-southeast-3.amazonaws.com",
                   "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
                 "DefaultCacheBehavior": {"TargetOriginId": "console-bucket", "ViewerProtocolPolicy": "redirect-to-https",
                   "MinTTL": 0, "ForwardedValues": {"QueryString": false, "Cookies": {"Forward": "none"}},
                   "TrustedSigners": {"Enabled": false, "Quantity": 0}}}
                """.formatted(suffix, bucket));
        String distribution = aws(env, "cloudfront", "create-distribution", "--distribution-config",
                "file://" + dir.resolve("distribution.json"), "--query", "Distribution.Id", "--output", "text").trim();
        StringBuilder template = new StringBuilder("Resources:\n  Nothing:\n    Type: AWS::CloudFormation::WaitConditionHandle\nOutputs:\n");
        OUTPUTS.forEach((k, v) -> template.append("  ").append(k).append(":\n    Value: '")
                .append(k.equals("ConsoleBucketName") ? bucket : k.equals("ConsoleDistributionId") ? distribution : v).append("'\n"));
        write(dir.resolve("stack.yaml"), template.toString());
        aws(env, "cloudformation", "create-stack", "--stack-name", stack, "--template-body", "file://" + dir.resolve("stack.yaml"));

        Run run = run(env, script.toString(), stack);
        assertThat(run.exit()).as(run.output()).isZero();

        String keys = aws(env, "s3api", "list-objects-v2", "--bucket", bucket, "--query", "Contents[].Key", "--output", "text");
        assertThat(List.of(keys.trim().split("\\s+"))).containsExactlyInAnyOrder(
                "index.html", "config.json", "app.js", "app.css", "lib/chart/4.4.1/chart.umd.js", "logo.png");
        assertThat(head(env, bucket, "index.html")).isEqualTo("text/html; charset=utf-8\tno-cache");
        assertThat(head(env, bucket, "config.json")).isEqualTo("application/json; charset=utf-8\tno-cache");
        assertThat(head(env, bucket, "app.js")).isEqualTo("text/javascript; charset=utf-8\tpublic, max-age=300");
        assertThat(head(env, bucket, "lib/chart/4.4.1/chart.umd.js")).isEqualTo("text/javascript; charset=utf-8\tpublic, max-age=300");
        assertThat(head(env, bucket, "app.css")).isEqualTo("text/css; charset=utf-8\tpublic, max-age=300");
        assertThat(head(env, bucket, "logo.png")).isEqualTo("image/png\tpublic, max-age=300");
        JsonNode config = SampleEvents.MAPPER.readTree(aws(env, "s3", "cp", "s3://" + bucket + "/config.json", "-"));
        assertThat(config.path("auth").path("mode").asText()).isEqualTo("cognito");
        assertThat(config.path("auth").path("redirectUri").asText()).isEqualTo(OUTPUTS.get("ConsoleUrl"));
        assertThat(aws(env, "cloudfront", "list-invalidations", "--distribution-id", distribution,
                "--query", "length(InvalidationList.Items)", "--output", "text").trim()).isEqualTo("1");
    }

    private String head(Map<String, String> env, String bucket, String key) throws Exception {
        return aws(env, "s3api", "head-object", "--bucket", bucket, "--key", key,
                "--query", "[ContentType,CacheControl]", "--output", "text").trim();
    }

    private String aws(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        Run run = run(env, command.toArray(String[]::new));
        assertThat(run.exit()).as(String.join(" ", command) + "\n" + run.output()).isZero();
        return run.stdout();
    }

    private static String awsCliVersion() {
        try {
            Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out.trim() : null;
        } catch (IOException | InterruptedException notInstalled) {
            return null;
        }
    }

    private static boolean honoursEndpointVariable(String version) {
        Matcher m = Pattern.compile("aws-cli/(\\d+)\\.(\\d+)").matcher(version);
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major == 1 ? minor >= 29 : major == 2 ? minor >= 13 : major > 2;
    }

    private Run runWithFakeAws(String... args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", fakeAws.getParent() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("FAKE_AWS_DIR", dir.toString());
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        return run(env, command.toArray(String[]::new));
    }

    private record Run(int exit, String stdout, String output) {
    }

    private Run run(Map<String, String> env, String... command) throws Exception {
        List<String> full = new ArrayList<>(command[0].endsWith(".sh") ? List.of("bash") : List.of());
        full.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile());
        builder.environment().putAll(env);
        Path stdout = Files.createTempFile(dir, "stdout", ".txt");
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", full) + " did not finish in 180 s");
        }
        String out = Files.readString(stdout);
        return new Run(process.exitValue(), out, out + Files.readString(stderr));
    }

    private static int indexOf(List<String> calls, String regex) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).matches(regex)) {
                return i;
            }
        }
        throw new AssertionError("no call matches " + regex + " in\n" + String.join("\n", calls));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
