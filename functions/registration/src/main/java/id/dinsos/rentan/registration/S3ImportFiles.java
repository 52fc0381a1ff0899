package id.dinsos.rentan.registration;

import id.dinsos.rentan.config.AwsClients;
import id.dinsos.rentan.port.ImportFiles;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decree files of asynchronous imports in the stack's ImportBucket (template.yaml), the only
 * class that speaks S3. The staff's browser uploads with a pre-signed PUT whose signature covers the
 * content type and the exact length the staff announced, so S3 refuses any other size; the object's
 * creation is told to the import queue by S3 itself. The clients are made on first use: most
 * invocations of the registration function never touch S3.
 */
final class S3ImportFiles implements ImportFiles {
    static final String PREFIX = "uploads/";
    private static final Pattern KEY = Pattern.compile(Pattern.quote(PREFIX) + "([0-9a-f-]{36})\\.csv");

    private final Supplier<S3Client> connect;
    private final Supplier<S3Presigner> presign;
    private final String bucket;
    private volatile S3Client s3;
    private volatile S3Presigner presigner;

    S3ImportFiles(Supplier<S3Client> connect, Supplier<S3Presigner> presign, String bucket) {
        this.connect = connect;
        this.presign = presign;
        this.bucket = bucket;
    }

    /** In Lambda: the function's role and region; each S3 call traced in X-Ray (AwsClients.configure). */
    static S3ImportFiles inAws(String bucket) {
        return new S3ImportFiles(() -> AwsClients.configure(S3Client.builder()).credentialsProvider(AwsClients.credentials()).build(),
                () -> S3Presigner.builder().credentialsProvider(AwsClients.credentials()).build(), bucket);
    }

    /** Against an S3 emulator (moto server): path-style addresses, any credentials. */
    static S3ImportFiles atEndpoint(URI endpoint, String bucket) {
        StaticCredentialsProvider anyone = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        return new S3ImportFiles(() -> S3Client.builder().endpointOverride(endpoint).region(Region.AP_SOUTHEAST_3)
                .credentialsProvider(anyone).serviceConfiguration(pathStyle).httpClientBuilder(AwsClients.httpClient()).build(),
                () -> S3Presigner.builder().endpointOverride(endpoint).region(Region.AP_SOUTHEAST_3).credentialsProvider(anyone)
                        .serviceConfiguration(pathStyle).build(), bucket);
    }

    static String key(String importId) {
        return PREFIX + importId + ".csv";
    }

    /** The import an object's key names, if it is an upload's key. */
    static Optional<String> importIdOf(String key) {
        Matcher m = KEY.matcher(key == null ? "" : key);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public Upload uploadTarget(String importId, long sizeBytes, Duration validFor) {
        PresignedPutObjectRequest signed = presigner().presignPutObject(r -> r.signatureDuration(validFor)
                .putObjectRequest(p -> p.bucket(bucket).key(key(importId)).contentType("text/csv").contentLength(sizeBytes)));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new Upload(signed.url().toString(), "PUT", headers, signed.expiration());
    }

    @Override
    public Optional<byte[]> read(String importId, long maxBytes) {
        try (ResponseInputStream<GetObjectResponse> in = s3().getObject(r -> r.bucket(bucket).key(key(importId)))) {
            Long length = in.response().contentLength();
            if (length != null && length > maxBytes) {
                in.abort();
                return Optional.empty();
            }
            return Optional.of(in.readAllBytes());
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    S3Client s3() {
        S3Client made = s3;
        if (made == null) {
            synchronized (this) {
                if (s3 == null) {
                    s3 = connect.get();
                }
                made = s3;
            }
        }
        return made;
    }

    private S3Presigner presigner() {
        S3Presigner made = presigner;
        if (made == null) {
            synchronized (this) {
                if (presigner == null) {
                    presigner = presign.get();
                }
                made = presigner;
            }
        }
        return made;
    }
}
