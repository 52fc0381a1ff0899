package id.dinsos.rentan.registration;

import id.dinsos.rentan.domain.Ids;
import id.dinsos.rentan.port.ImportFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The decree files of asynchronous imports on the local runner: a folder the runner writes each
 * upload into ({@code PUT /imports/{id}/file}, a route of the local runner only), which the import
 * then reads exactly as it reads S3 in AWS.
 */
public final class FolderImportFiles implements ImportFiles {
    private final Path folder;
    private final String uploadBase;

    /** @param uploadBase where the local runner listens, e.g. {@code http://127.0.0.1:3000} */
    public FolderImportFiles(Path folder, String uploadBase) {
        this.folder = folder;
        this.uploadBase = uploadBase.endsWith("/") ? uploadBase.substring(0, uploadBase.length() - 1) : uploadBase;
    }

    /** Where the upload of an import lies; null for text that is not an import id. */
    public static Path fileOf(Path folder, String importId) {
        return Ids.isId(importId) ? folder.resolve(importId + ".csv") : null;
    }

    @Override
    public Upload uploadTarget(String importId, long sizeBytes, Duration validFor) {
        return new Upload(uploadBase + "/imports/" + importId + "/file", "PUT", Map.of("Content-Type", "text/csv"),
                Instant.now().plus(validFor));
    }

    @Override
    public Optional<byte[]> read(String importId, long maxBytes) {
        Path file = fileOf(folder, importId);
        try {
            if (file == null || !Files.isRegularFile(file) || Files.size(file) > maxBytes) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
