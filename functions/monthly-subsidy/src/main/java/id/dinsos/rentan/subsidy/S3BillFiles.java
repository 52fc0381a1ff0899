package id.dinsos.rentan.subsidy;

import id.dinsos.rentan.config.AwsClients;
import id.dinsos.rentan.config.S3FileUpload;
import id.dinsos.rentan.files.BillSlices;
import id.dinsos.rentan.http.BillCsv;
import id.dinsos.rentan.port.BillFiles;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bill files in S3 (layout in {@link BillSlices}): slices put by the segments, a manifest per
 * completed part, the month's file assembled by the invocation that completes a part (one PutObject up
 * to {@value #PART_BYTES} bytes, a multipart upload beyond: config.S3FileUpload, which the decree
 * import's report file uses too), and pre-signed GET links to it. The bills' only S3 code.
 */
public final class S3BillFiles implements BillFiles {
    /** A multipart upload's part: S3 takes 5 MiB at least (but for the last); 8 MiB keeps a province's 60 MB in 8. */
    static final int PART_BYTES = S3FileUpload.PART_BYTES;
    /** How long a download link works: long enough to start the download, short enough not to be passed around. */
    static final Duration LINK_LIFETIME = Duration.ofMinutes(15);
    private static final String CSV_TYPE = "text/csv; charset=utf-8";
    private static final String PARTS_METADATA = "parts";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Clock clock;

    S3BillFiles(S3Client s3, S3Presigner presigner, String bucket, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.clock = clock;
    }

    /** In Lambda: the bucket named by {@code BILL_BUCKET}, the clients built once per container (see {@link Clients}). */
    static Optional<BillFiles> fromEnvironment() {
        String bucket = System.getenv("BILL_BUCKET");
        if (bucket == null || bucket.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new S3BillFiles(Clients.S3, Clients.PRESIGNER, bucket, Clock.systemUTC()));
    }

    /**
     * Built on first use, once per container (class initialisation is thread-safe), as every client of
     * the functions is: the url-connection client, X-Ray tracing of each call in Lambda (AwsClients).
     */
    private static final class Clients {
        static final S3Client S3 = AwsClients.configure(S3Client.builder()).credentialsProvider(AwsClients.credentials()).build();
        static final S3Presigner PRESIGNER = S3Presigner.builder().credentialsProvider(AwsClients.credentials()).build();
    }

    @Override
    public void write(Slice slice) {
        s3.putObject(b -> b.bucket(bucket).key(BillSlices.sliceKey(slice)).contentType(CSV_TYPE),
                RequestBody.fromString(BillSlices.content(slice), StandardCharsets.UTF_8));
    }

    @Override
    public void partCompleted(String programmeId, YearMonth month, int part, long lines) {
        List<String> slices = keys(BillSlices.partPrefix(programmeId, month, part)).stream().filter(BillSlices::isSlice).toList();
        s3.putObject(b -> b.bucket(bucket).key(BillSlices.manifestKey(programmeId, month, part)).contentType("application/json"),
                RequestBody.fromString(BillSlices.manifest(part, lines, slices), StandardCharsets.UTF_8));
    }

    @Override
    public Map<Integer, Long> completedParts(String programmeId, YearMonth month) {
        Map<Integer, Long> parts = new TreeMap<>();
        for (String key : keys(BillSlices.monthPrefix(programmeId, month))) {
            if (BillSlices.isManifest(key)) {
                parts.put(BillSlices.partOf(key), BillSlices.manifestLines(text(key)));
            }
        }
        return parts;
    }

    @Override
    public void writeRows(String programmeId, YearMonth month, List<Integer> parts, Writer out) throws IOException {
        for (int part : parts) {
            List<String> slices = new ArrayList<>();
            for (String key : keys(BillSlices.partPrefix(programmeId, month, part))) {
                if (BillSlices.isSlice(key)) {
                    slices.add(text(key));
                }
            }
            BillSlices.mergePart(slices, out);
        }
    }

    @Override
    public void assemble(String programmeId, YearMonth month, List<Integer> parts) {
        String key = BillSlices.billKey(programmeId, month);
        try (S3FileUpload upload = new S3FileUpload(s3, bucket, key, CSV_TYPE, disposition(month),
                Map.of(PARTS_METADATA, BillSlices.partsText(parts)));
             Writer out = new OutputStreamWriter(upload, StandardCharsets.UTF_8)) {
            out.write(BillCsv.header());
            writeRows(programmeId, month, parts, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("bill file not written: " + key, e);
        }
    }

    @Override
    public Optional<Link> link(String programmeId, YearMonth month, List<Integer> parts) {
        String key = BillSlices.billKey(programmeId, month);
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        if (!BillSlices.partsText(parts).equals(head.metadata().get(PARTS_METADATA))) {
            return Optional.empty(); // a file of fewer parts: the completing invocation of the newer part has not written it
        }
        Instant expiresAt = clock.instant().plus(LINK_LIFETIME);
        var presigned = presigner.presignGetObject(p -> p.signatureDuration(LINK_LIFETIME).getObjectRequest(g -> g
                .bucket(bucket).key(key).responseContentType(CSV_TYPE)
                .responseContentDisposition(disposition(month))));
        return Optional.of(new Link(java.net.URI.create(presigned.url().toString()), expiresAt));
    }

    /** A browser following the link saves the file under the bill's name (stored with it, and asked of S3 in the link). */
    private static String disposition(YearMonth month) {
        return "attachment; filename=\"tagihan-" + month + ".csv\"";
    }

    @Override
    public boolean givesLinks() {
        return true;
    }

    /** Every key under a prefix, in key order (S3 lists keys in UTF-8 binary order). */
    List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    private String text(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }
}
