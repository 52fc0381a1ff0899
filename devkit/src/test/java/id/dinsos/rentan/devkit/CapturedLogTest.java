package id.dinsos.rentan.devkit;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class CapturedLogTest {
    private static final String NAME = "id.dinsos.rentan.devkit.CapturedLogTest.sample";

    @Test
    void capturesWhatSystemLoggerWrites_andRestoresTheLoggerOnClose() {
        Logger logger = Logger.getLogger(NAME);
        assertThat(logger.getUseParentHandlers()).isTrue();
        IllegalStateException fault = new IllegalStateException("boom");
        try (CapturedLog log = CapturedLog.of(NAME)) {
            assertThat(logger.getUseParentHandlers()).isFalse();
            System.getLogger(NAME).log(System.Logger.Level.ERROR, "request {0} failed", "req-1");
            System.getLogger(NAME).log(System.Logger.Level.ERROR, "with a stack trace", fault);
            assertThat(log.records()).extracting(r -> r.getLevel()).containsExactly(Level.SEVERE, Level.SEVERE);
            assertThat(log.messages()).containsExactly("request req-1 failed", "with a stack trace");
            assertThat(log.records().get(1).getThrown()).isSameAs(fault);
        }
        assertThat(logger.getUseParentHandlers()).isTrue();
        assertThat(logger.getHandlers()).isEmpty();
    }
}
