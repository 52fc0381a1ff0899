package id.dinsos.rentan.testsupport;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/**
 * DynamoDB as emulated by moto ({@code moto_server}), the second engine the store contract tests
 * run on. Needs a running moto_server, named by {@code -Dmoto.endpoint=http://127.0.0.1:PORT} or the
 * {@code MOTO_ENDPOINT} environment variable ({@code .ci/run} starts one); the tests skip otherwise.
 */
public final class MotoDynamo {
    public static final String NOT_RUNNING = "moto_server is not running: start it with `moto_server -H 127.0.0.1 -p 5000` "
            + "and run `mvn -B -ntp verify -Dmoto.endpoint=http://127.0.0.1:5000` (or set MOTO_ENDPOINT) to run this test";

    private MotoDynamo() {
    }

    /** The moto_server endpoint from -Dmoto.endpoint or MOTO_ENDPOINT, or null. */
    public static String endpoint() {
        String value = System.getProperty("moto.endpoint");
        if (value == null || value.isBlank()) {
            value = System.getenv("MOTO_ENDPOINT");
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A client for moto's DynamoDB, or null when no moto_server is named. */
    public static DynamoDbClient clientOrNull() {
        String endpoint = endpoint();
        if (endpoint == null) {
            return null;
        }
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint))
                .region(Region.AP_SOUTHEAST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }
}
