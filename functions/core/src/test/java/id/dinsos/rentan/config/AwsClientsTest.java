package id.dinsos.rentan.config;

import com.amazonaws.xray.interceptors.TracingInterceptor;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Inside Lambda every SDK call is an X-Ray subsegment; outside it nothing traces, so nothing logs about tracing. */
class AwsClientsTest {

    private static List<ExecutionInterceptor> interceptors(DynamoDbClient client) {
        return client.serviceClientConfiguration().overrideConfiguration().executionInterceptors();
    }

    private static DynamoDbClient built(boolean inLambda) {
        return AwsClients.configure(DynamoDbClient.builder(), inLambda)
                .region(Region.AP_SOUTHEAST_3).credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    @Test
    void inLambda_theClientCarriesTheXrayTracingInterceptor_once() {
        try (DynamoDbClient client = built(true)) {
            assertThat(interceptors(client)).filteredOn(TracingInterceptor.class::isInstance).hasSize(1);
        }
    }

    @Test
    void outsideLambda_noTracingInterceptor() {
        try (DynamoDbClient client = built(false)) {
            assertThat(interceptors(client)).noneMatch(TracingInterceptor.class::isInstance);
        }
    }

    @Test
    void lambdaIsRecognisedByItsFunctionName_whichTheTestJvmLacks() {
        assertThat(AwsClients.inLambda("pekerja-rentan-RegistrationFunction-abc")).isTrue();
        assertThat(AwsClients.inLambda(null)).isFalse();
        assertThat(AwsClients.inLambda(" ")).isFalse();
        // The shared client as the functions build it, here outside Lambda: untraced.
        DynamoDbClient shared = AwsClients.dynamo(Optional.of(URI.create("http://127.0.0.1:1")));
        assertThat(interceptors(shared)).noneMatch(TracingInterceptor.class::isInstance);
    }
}
