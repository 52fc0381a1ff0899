package id.dinsos.rentan.bench.probe.crac;

/** See {@link Resource}: org.crac registers every resource through {@code register}. */
public abstract class Context<R extends Resource> implements Resource {
    public abstract void register(R resource);
}
