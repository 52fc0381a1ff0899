package id.dinsos.rentan.bench.probe.crac;

/** See {@link Resource}: org.crac resolves this name, so it must exist. */
public class RestoreException extends Exception {
    public RestoreException(Throwable cause) {
        super(cause);
    }
}
