package id.dinsos.rentan.config;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SDK clients, built once per container and shared by every request: building one costs about
 * 400 ms, and with SnapStart the built client is part of the snapshot. Their HTTP connections and
 * credentials are renewed after a SnapStart restore (RenewableHttpClient, RenewableCredentials).
 */
public final class AwsClients {
    private static final Map<String, DynamoDbClient> DYNAMO = new ConcurrentHashMap<>();
    private static AwsCredentialsProvider credentials;

    private AwsClients() {
    }

    public static DynamoDbClient dynamo(Optional<URI> endpoint) {
        return DYNAMO.computeIfAbsent(endpoint.map(URI::toString).orElse(""), key -> build(endpoint));
    }

    /** The url-connection client, renewed after a SnapStart restore; for every SDK client of a function. */
    public static SdkHttpClient.Builder<?> httpClient() {
        return RenewableHttpClient.builder();
    }

    /** The default credentials chain, renewed after a SnapStart restore; for every SDK client of a function in AWS. */
    public static synchronized AwsCredentialsProvider credentials() {
        if (credentials == null) {
            credentials = new RenewableCredentials();
        }
        return credentials;
    }

    private static DynamoDbClient build(Optional<URI> endpoint) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(httpClient());
        endpoint.ifPresentOrElse(uri -> builder.endpointOverride(uri)
                // DynamoDB Local accepts any credentials; none need to exist on a developer's machine.
                .region(Region.AP_SOUTHEAST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))),
                () -> builder.credentialsProvider(credentials()));
        return builder.build();
    }
}
