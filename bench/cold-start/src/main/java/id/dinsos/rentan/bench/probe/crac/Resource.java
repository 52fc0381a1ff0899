package id.dinsos.rentan.bench.probe.crac;

/**
 * The probe's stand-in for the JVM's CRaC API, which org.crac looks for under the name the system
 * property {@code org.crac.Core.Compat} gives (as it looks for {@code jdk.crac} on a CRaC JVM). The
 * Lambda runtime brings its own implementation; this one lets the benchmark run a function's
 * SnapStart hooks on an ordinary JVM, where org.crac would otherwise ignore every registration.
 */
public interface Resource {
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
