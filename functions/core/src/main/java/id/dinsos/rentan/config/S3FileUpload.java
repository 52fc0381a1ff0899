package id.dinsos.rentan.config;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A file written to S3 as it is produced (the month's bill, an import's report): one PutObject when it
 * fits in one part, else a multipart upload of {@value #PART_BYTES}-byte parts. A failed part, or a
 * failed completion, aborts the upload (the bucket's lifecycle rule aborts it if the invocation dies),
 * and nothing is published after a failure; {@link #close()} publishes the whole file at once, so a
 * reader never sees part of one. The S3 SDK is on the class path of the functions that write files
 * only (an optional dependency of core).
 */
public final class S3FileUpload extends OutputStream {
    /** S3's parts must be at least 5 MiB but the last; 8 MiB keeps a province's bill to a handful. */
    public static final int PART_BYTES = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final String disposition;
    private final Map<String, String> metadata;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final List<CompletedPart> uploaded = new ArrayList<>();
    private String uploadId;
    private boolean closed;

    /**
     * @param disposition the Content-Disposition a browser downloading the file follows
     * @param metadata    user metadata stored with the object (empty for none)
     */
    public S3FileUpload(S3Client s3, String bucket, String key, String contentType, String disposition, Map<String, String> metadata) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.disposition = disposition;
        this.metadata = Map.copyOf(metadata);
    }

    @Override
    public void write(int b) {
        buffer.write(b);
        flushFullPart();
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
        flushFullPart();
    }

    private void flushFullPart() {
        if (buffer.size() < PART_BYTES) {
            return;
        }
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)
                    .contentDisposition(disposition).metadata(metadata)).uploadId();
        }
        uploadPart();
    }

    private void uploadPart() {
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

    /** Also closes: a stream closed after a failure (try-with-resources) must not publish what it holds. */
    private void abort() {
        String id = uploadId;
        uploadId = null;
        closed = true;
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
    }

    /** Drops what was written: nothing is published. */
    public void discard() {
        if (uploadId != null) {
            abort();
        }
        closed = true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (uploadId == null) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentDisposition(disposition).metadata(metadata),
                    RequestBody.fromBytes(buffer.toByteArray()));
            return;
        }
        if (buffer.size() > 0) {
            uploadPart();
        }
        try {
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(uploaded)));
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }
}
