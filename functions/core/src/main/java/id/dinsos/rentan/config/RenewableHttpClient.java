package id.dinsos.rentan.config;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The url-connection HTTP client, made anew after a SnapStart restore. The JDK pools HTTPS
 * connections by host and by the client's SSL socket factory: a new client brings a new SSL context,
 * so no connection opened before the snapshot (shared by every environment restored from it, and
 * long dead) is ever used again, and TLS draws its randomness from a generator seeded after the
 * restore. The SDK's timeouts and other defaults are kept, because the SDK's own defaults are what
 * each new client is built with.
 */
final class RenewableHttpClient implements SdkHttpClient {
    private final AttributeMap serviceDefaults;
    private volatile SdkHttpClient current;

    private RenewableHttpClient(AttributeMap serviceDefaults) {
        this.serviceDefaults = serviceDefaults;
        this.current = fresh();
    }

    /** For an SDK client builder's {@code httpClientBuilder}: the SDK hands over its defaults when it builds the client. */
    static SdkHttpClient.Builder<?> builder() {
        return new Builder();
    }

    private SdkHttpClient fresh() {
        return UrlConnectionHttpClient.builder().buildWithDefaults(serviceDefaults);
    }

    /** For tests: the client requests go through now, and the SDK's settings every new one is made with. */
    SdkHttpClient current() {
        return current;
    }

    AttributeMap serviceDefaults() {
        return serviceDefaults;
    }

    void renew() {
        SdkHttpClient old = current;
        current = fresh();
        old.close();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return current.prepareRequest(request);
    }

    @Override
    public String clientName() {
        return current.clientName();
    }

    @Override
    public void close() {
        current.close();
    }

    private static final class Builder implements SdkHttpClient.Builder<Builder> {
        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap defaults) {
            RenewableHttpClient client = new RenewableHttpClient(defaults);
            SnapStart.afterRestore("HTTP connections", client::renew);
            return client;
        }
    }
}
