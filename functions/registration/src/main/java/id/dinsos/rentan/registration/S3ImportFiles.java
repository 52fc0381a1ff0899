package id.dinsos.rentan.registration;

import id.dinsos.rentan.config.AwsClients;
import id.dinsos.rentan.config.S3FileUpload;
import id.dinsos.rentan.http.ImportReportCsv;
import id.dinsos.rentan.port.DecreeImportStore.ReportRow;
import id.dinsos.rentan.port.ImportFiles;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decree files of asynchronous imports in the stack's ImportBucket (template.yaml), the only
 * class that speaks S3. The staff's browser uploads with a pre-signed PUT whose signature covers the
 * content type and the exact length the staff announced, so S3 refuses any other size; the object's
 * creation is told to the import queue by S3 itself. A completed import's report is written to
 * {@code reports/<id>.csv} (outside the prefix the queue hears of), one PutObject up to
 * {@value #PART_BYTES} bytes and a multipart upload beyond, through the same upload as the bill's file
 * (config.S3FileUpload), and
 * downloaded with a pre-signed GET. The clients are made on first use: most invocations of the
 * registration function never touch S3.
 */
final class S3ImportFiles implements ImportFiles {
    static final String PREFIX = "uploads/";
    static final String REPORTS = "reports/";
    /** A multipart upload's part: S3 takes 5 MiB at least (but for the last). A report at the row limit is about 20 MB. */
    static final int PART_BYTES = S3FileUpload.PART_BYTES;
    /** How long a report's download link works, as the bill's: long enough to start the download, too short to pass around. */
    static final Duration LINK_LIFETIME = Duration.ofMinutes(15);
    private static final String CSV_TYPE = "text/csv; charset=utf-8";
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

    static String reportKey(String importId) {
        return REPORTS + importId + ".csv";
    }

    /** A browser following the link saves the report under this name (stored with it, and asked of S3 in the link). */
    private static String disposition(String importId) {
        return "attachment; filename=\"laporan-impor-" + importId + ".csv\"";
    }

    @Override
    public void writeReport(String importId, int chunks, IntFunction<List<ReportRow>> chunkRows) {
        S3FileUpload out = new S3FileUpload(s3(), bucket, reportKey(importId), CSV_TYPE, disposition(importId), Map.of());
        try {
            out.write(ImportReportCsv.header().getBytes(StandardCharsets.UTF_8));
            for (int chunk = 0; chunk < chunks; chunk++) {
                out.write(ImportReportCsv.rows(chunkRows.apply(chunk)).getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            try {
                out.discard(); // never a file of some chunks: the next delivery writes it whole
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        out.close();
    }

    @Override
    public Optional<Link> reportLink(String importId) {
        Instant expiresAt = Clock.systemUTC().instant().plus(LINK_LIFETIME);
        var presigned = presigner().presignGetObject(p -> p.signatureDuration(LINK_LIFETIME).getObjectRequest(g -> g
                .bucket(bucket).key(reportKey(importId)).responseContentType(CSV_TYPE)
                .responseContentDisposition(disposition(importId))));
        return Optional.of(new Link(URI.create(presigned.url().toString()), expiresAt));
    }

    @Override
    public boolean copyReport(String importId, OutputStream out) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3().getObject(r -> r.bucket(bucket).key(reportKey(importId)))) {
            in.transferTo(out);
            return true;
        } catch (NoSuchKeyException absent) {
            return false;
        }
    }

    @Override
    public boolean givesLinks() {
        return true;
    }

    @Override
    public Optional<Content> readVersioned(String importId, long maxBytes) {
        try (ResponseInputStream<GetObjectResponse> in = s3().getObject(r -> r.bucket(bucket).key(key(importId)))) {
            Long length = in.response().contentLength();
            if (length != null && length > maxBytes) {
                in.abort();
                return Optional.empty();
            }
            return Optional.of(new Content(in.readAllBytes(), in.response().eTag()));
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ranged GetObject ({@code Range: bytes=from-(to-1)}) with {@code If-Match: version}: S3 answers 412 if it was uploaded again. */
    @Override
    public Optional<byte[]> readRange(String importId, String version, long from, long to) {
        if (to <= from) {
            return Optional.of(new byte[0]);
        }
        try {
            return Optional.of(s3().getObjectAsBytes(r -> r.bucket(bucket).key(key(importId)).ifMatch(version)
                    .range("bytes=" + from + "-" + (to - 1))).asByteArray());
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                throw new Changed(importId);
            }
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
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
