package id.dinsos.rentan.port;

/**
 * Hands the next chunk of a decree import to a fresh invocation: in AWS a message on the import
 * queue (the same queue S3 tells of an uploaded file); locally the chunks run in turn in-process.
 */
public interface ImportQueue {
    void enqueue(String importId, int chunk);
}
