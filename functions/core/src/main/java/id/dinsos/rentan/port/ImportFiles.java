package id.dinsos.rentan.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where the staff put a decree file for an asynchronous import: in AWS an S3 object the browser
 * uploads with a pre-signed URL; locally a folder the local runner writes the upload into.
 */
public interface ImportFiles {

    /** How to upload: send {@code method} to {@code url} with exactly these headers, before {@code expiresAt}. */
    record Upload(String url, String method, Map<String, String> headers, Instant expiresAt) {
        public Upload {
            headers = Map.copyOf(headers);
        }
    }

    /** A short-lived upload of exactly {@code sizeBytes} bytes of text/csv for this import. */
    Upload uploadTarget(String importId, long sizeBytes, Duration validFor);

    /** The uploaded bytes, or empty when nothing was uploaded for this import (or it is larger than {@code maxBytes}). */
    Optional<byte[]> read(String importId, long maxBytes);
}
