package id.dinsos.rentan.subsidy;

import id.dinsos.rentan.config.AwsClients;
import id.dinsos.rentan.files.BillSlices;
import id.dinsos.rentan.http.BillCsv;
import id.dinsos.rentan.port.BillFiles;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
 * to {@value #PART_BYTES} bytes, a multipart upload beyond), and pre-signed GET links to it. The bills'
 * only S3 code; the decree import's is S3ImportFiles (registration function), built the same way.
 */
public final class S3BillFiles implements BillFiles {
    /** A multipart upload's part: S3 takes 5 MiB at least (but for the last); 8 MiB keeps a province's 60 MB in 8. */
    static final int PART_BYTES = 8 * 1024 * 1024;
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
        try (Upload upload = new Upload(key, BillSlices.partsText(parts), disposition(month));
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

    /**
     * The month's file as it is written: one PutObject when it fits in one part, else a multipart
     * upload of {@value #PART_BYTES}-byte parts (aborted on failure, and by the bucket's lifecycle rule
     * if the invocation dies).
     */
    private final class Upload extends OutputStream {
        private final String key;
        private final String parts;
        private final String disposition;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final List<CompletedPart> uploaded = new ArrayList<>();
        private String uploadId;
        private boolean closed;

        Upload(String key, String parts, String disposition) {
            this.key = key;
            this.parts = parts;
            this.disposition = disposition;
        }

        @Override
        public void write(int b) {
            buffer.write(b);
            flushFullParts();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
            flushFullParts();
        }

        private void flushFullParts() {
            if (buffer.size() >= PART_BYTES) {
                if (uploadId == null) {
                    uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(CSV_TYPE)
                            .contentDisposition(disposition).metadata(Map.of(PARTS_METADATA, parts))).uploadId();
                }
                int number = uploaded.size() + 1;
                String etag;
                try {
                    etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                            RequestBody.fromBytes(buffer.toByteArray())).eTag();
                } catch (RuntimeException e) {
                    abort();
                    throw e;
                }
                uploaded.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                buffer.reset();
            }
        }

        private void abort() {
            String id = uploadId;
            uploadId = null;
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (uploadId == null) {
                s3.putObject(b -> b.bucket(bucket).key(key).contentType(CSV_TYPE).contentDisposition(disposition)
                                .metadata(Map.of(PARTS_METADATA, parts)),
                        RequestBody.fromBytes(buffer.toByteArray()));
                return;
            }
            try {
                int number = uploaded.size() + 1;
                if (buffer.size() > 0) {
                    String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                            RequestBody.fromBytes(buffer.toByteArray())).eTag();
                    uploaded.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(uploaded)));
            } catch (RuntimeException e) {
                abort();
                throw e;
            }
        }
    }
}
