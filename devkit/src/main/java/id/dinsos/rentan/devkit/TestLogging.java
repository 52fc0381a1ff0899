package id.dinsos.rentan.devkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.LogManager;

/**
 * java.util.logging's configuration in every test JVM: Surefire's argLine names this class as
 * {@code java.util.logging.config.class} (the parent pom), and the LogManager makes one to read its
 * configuration, which comes from {@code test-logging.properties} next to it on the classpath, so it
 * is found whichever folder Maven runs in.
 *
 * <p>The functions log through java.util.logging, and the AWS SDK and the test tools (Testcontainers,
 * DynamoDB Local's Jetty, ArchUnit) through SLF4J, which slf4j-jdk14 hands to it too. A passing
 * build prints no log noise: the console shows warnings and errors only, and the tools' own
 * announcements not at all. Loggers keep production's INFO level, so a {@link CapturedLog} sees
 * exactly what a function would log in Lambda.
 */
public final class TestLogging {
    public TestLogging() {
        try (InputStream in = TestLogging.class.getResourceAsStream("/test-logging.properties")) {
            if (in == null) {
                throw new IllegalStateException("test-logging.properties is not on the classpath");
            }
            LogManager.getLogManager().readConfiguration(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
