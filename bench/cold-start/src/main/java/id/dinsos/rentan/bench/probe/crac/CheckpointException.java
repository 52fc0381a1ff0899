package id.dinsos.rentan.bench.probe.crac;

/** See {@link Resource}: org.crac resolves this name, so it must exist. */
public class CheckpointException extends Exception {
    public CheckpointException(Throwable cause) {
        super(cause);
    }
}
