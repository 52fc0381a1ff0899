package id.dinsos.rentan.config;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.interceptors.TracingInterceptor;
import com.amazonaws.xray.strategy.ContextMissingStrategy;
import com.amazonaws.xray.strategy.IgnoreErrorContextMissingStrategy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SDK clients, built once per container and shared by every request: building one costs about
 * 400 ms, and with SnapStart the built client is part of the snapshot. Their HTTP connections and
 * credentials are renewed after a SnapStart restore (RenewableHttpClient, RenewableCredentials).
 *
 * <p>Every client gets that HTTP client and, inside Lambda only, the X-Ray SDK's
 * {@link TracingInterceptor}: each AWS call (a DynamoDB Query, an SQS SendMessageBatch) becomes a
 * subsegment of the invocation's trace (the functions have {@code Tracing: Active}), named after the
 * service, with the operation, table or queue, and the retries and errors. It records no key,
 * item or message body. Outside Lambda (the local runner, tests) no interceptor is added, so nothing
 * looks for a trace that does not exist and nothing is logged about one. Calls made while priming
 * before a SnapStart snapshot have no trace header yet: the SDK gives them a no-op segment, sent nowhere.
 */
public final class AwsClients {
    private static final Map<String, DynamoDbClient> DYNAMO = new ConcurrentHashMap<>();
    private static AwsCredentialsProvider credentials;
    /**
     * The X-Ray SDK announces the daemon's address at INFO on every cold start: only its warnings and
     * errors reach the log. Held here, because java.util.logging forgets the level of a logger nobody holds.
     */
    private static final Logger XRAY_LOG = Logger.getLogger("com.amazonaws.xray");

    private AwsClients() {
    }

    public static DynamoDbClient dynamo(Optional<URI> endpoint) {
        return DYNAMO.computeIfAbsent(endpoint.map(URI::toString).orElse(""), key -> build(endpoint));
    }

    /**
     * A DynamoDB client configured as {@link #dynamo} configures the function's, but over {@code http}
     * (SnapStart priming's in-memory stand-in, dynamodb.PrimingTable) and with credentials of its own,
     * never the function's: built anew, for one priming, and closed after it.
     */
    public static DynamoDbClient dynamoOver(Optional<URI> endpoint, SdkHttpClient http) {
        DynamoDbClientBuilder builder = traced(DynamoDbClient.builder(), inLambda(System.getenv(Settings.LAMBDA_FUNCTION_NAME)))
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")));
        endpoint.ifPresent(uri -> builder.endpointOverride(uri).region(Region.AP_SOUTHEAST_3));
        return builder.build();
    }

    /**
     * Runs SnapStart priming, which happens in Lambda's init phase outside any trace: X-Ray's
     * interceptor would log every call's missing trace context at SEVERE (some thirty lines per
     * published version), so the missing context is ignored meanwhile. Outside Lambda nothing is traced.
     */
    public static void outsideAnyTrace(Runnable priming) {
        if (!inLambda(System.getenv(Settings.LAMBDA_FUNCTION_NAME))) {
            priming.run();
            return;
        }
        AWSXRayRecorder recorder = AWSXRay.getGlobalRecorder();
        ContextMissingStrategy before = recorder.getContextMissingStrategy();
        recorder.setContextMissingStrategy(new IgnoreErrorContextMissingStrategy());
        try {
            priming.run();
        } finally {
            recorder.setContextMissingStrategy(before);
        }
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
        DynamoDbClientBuilder builder = configure(DynamoDbClient.builder());
        endpoint.ifPresentOrElse(uri -> builder.endpointOverride(uri)
                // DynamoDB Local accepts any credentials; none need to exist on a developer's machine.
                .region(Region.AP_SOUTHEAST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))),
                () -> builder.credentialsProvider(credentials()));
        return builder.build();
    }

    /**
     * What every client of the functions gets (DynamoDB here, SQS in the monthly function): the
     * renewable url-connection HTTP client, and X-Ray tracing of each call when running in Lambda.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        return configure(builder, inLambda(System.getenv(Settings.LAMBDA_FUNCTION_NAME)));
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, boolean traced) {
        return traced(builder.httpClientBuilder(httpClient()), traced);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B traced(B builder, boolean traced) {
        if (traced) {
            XRAY_LOG.setLevel(Level.WARNING);
            // The recorder behind it is made on the first call, from Lambda's trace header.
            builder.overrideConfiguration(o -> o.addExecutionInterceptor(new TracingInterceptor()));
        }
        return builder;
    }

    static boolean inLambda(String lambdaFunctionName) {
        return lambdaFunctionName != null && !lambdaFunctionName.isBlank();
    }
}
