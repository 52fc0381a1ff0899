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

    @Test
    void withAFormatter_eachRecordIsFormattedWhenLogged_onTheThreadThatLoggedIt() {
        ThreadLocal<String> doing = new ThreadLocal<>();
        java.util.logging.Formatter formatter = new java.util.logging.Formatter() {
            @Override
            public String format(java.util.logging.LogRecord record) {
                return doing.get() + ": " + formatMessage(record);
            }
        };
        try (CapturedLog log = CapturedLog.of(NAME, formatter)) {
            doing.set("req-7");
            System.getLogger(NAME + ".child").log(System.Logger.Level.WARNING, "from a child logger");
            doing.remove();
            assertThat(log.lines()).containsExactly("req-7: from a child logger");
            assertThat(log.messages()).containsExactly("from a child logger");
        }
        try (CapturedLog log = CapturedLog.of(NAME)) {
            System.getLogger(NAME).log(System.Logger.Level.WARNING, "no formatter");
            assertThat(log.lines()).isEmpty();
        }
    }
}
