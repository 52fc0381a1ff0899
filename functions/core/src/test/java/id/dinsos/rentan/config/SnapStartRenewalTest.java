package id.dinsos.rentan.config;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.utils.AttributeMap;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the after-restore hooks renew (SnapStart): a restored environment gets an HTTP client of its
 * own (a new SSL context, so none of the snapshot's pooled connections matches it) with the SDK's
 * settings kept, and a credentials chain that has resolved nothing yet.
 */
class SnapStartRenewalTest {

    @Test
    void httpClient_isMadeAnewAfterARestore_withTheSdksDefaultsKept() {
        AttributeMap defaults = AttributeMap.builder().put(SdkHttpConfigurationOption.READ_TIMEOUT, Duration.ofSeconds(7)).build();
        RenewableHttpClient client = (RenewableHttpClient) RenewableHttpClient.builder().buildWithDefaults(defaults);
        SdkHttpClient beforeSnapshot = client.current();

        client.renew();

        assertThat(client.current()).isNotSameAs(beforeSnapshot);
        assertThat(client.serviceDefaults().get(SdkHttpConfigurationOption.READ_TIMEOUT)).isEqualTo(Duration.ofSeconds(7));
        assertThat(client.clientName()).isEqualTo(beforeSnapshot.clientName());
        client.close();
    }

    @Test
    void credentials_areAFreshChainAfterARestore() {
        RenewableCredentials credentials = new RenewableCredentials();
        Object beforeSnapshot = credentials.current();

        credentials.renew();

        assertThat(credentials.current()).isNotSameAs(beforeSnapshot);
    }
}
