package id.dinsos.rentan.config;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The SDK's default credentials chain, made anew after a SnapStart restore, so that credentials
 * resolved before the snapshot (while priming) are never used by a restored environment: the new
 * chain resolves them again on the first call. The default chain, not the environment-variable
 * provider alone: with SnapStart, Lambda gives the function its role's credentials through the
 * container credentials endpoint, not through AWS_ACCESS_KEY_ID and its siblings.
 */
final class RenewableCredentials implements AwsCredentialsProvider {
    private volatile DefaultCredentialsProvider current = DefaultCredentialsProvider.builder().build();

    RenewableCredentials() {
        SnapStart.afterRestore("credentials", this::renew);
    }

    /** For tests: the chain in use now. */
    AwsCredentialsProvider current() {
        return current;
    }

    void renew() {
        DefaultCredentialsProvider old = current;
        current = DefaultCredentialsProvider.builder().build();
        old.close();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return current.resolveCredentials();
    }
}
