package id.dinsos.rentan.devkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * For tests that provoke an error on purpose: keeps the records of one named java.util.logging
 * logger (where {@code System.getLogger} writes when no other logging backend is installed) instead
 * of letting them reach the console, so that a passing run prints no stack traces and the test can
 * assert on what was logged. Records of every other logger, and of this one outside the block,
 * still print as usual.
 *
 * <pre>{@code
 * try (CapturedLog log = CapturedLog.of(Problems.class)) {
 *     ... provoke the error ...
 *     assertThat(log.records()).singleElement() ...
 * }
 * }</pre>
 *
 * While open, the logger does not pass its records to its parents (the console handler); closing
 * restores that and removes the capturing handler. The logger's level is left alone, so what is
 * captured is exactly what production would log.
 *
 * <p>With a {@link Formatter} ({@link #of(String, Formatter)}), each record is also formatted the
 * moment it is logged, on the thread that logged it, as a handler in production would: a formatter
 * that reads what that thread is doing (the JSON lines' request id) sees it then, not afterwards.
 */
public final class CapturedLog implements AutoCloseable {
    private static final SimpleFormatter FORMATTER = new SimpleFormatter();

    /** Held here so that the logger (weakly referenced by the LogManager) stays the same one while open. */
    private final Logger logger;
    private final boolean parentHandlersBefore;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Formatter formatter;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (formatter != null) {
                lines.add(formatter.format(record));
            }
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(String loggerName, Formatter formatter) {
        this.formatter = formatter;
        this.logger = Logger.getLogger(loggerName);
        this.parentHandlersBefore = logger.getUseParentHandlers();
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    /** Captures the logger named after {@code owner}, as {@code System.getLogger(owner.getName())} names it. */
    public static CapturedLog of(Class<?> owner) {
        return of(owner.getName());
    }

    public static CapturedLog of(String loggerName) {
        return new CapturedLog(loggerName, null);
    }

    /** Captures {@code loggerName} and its descendants, each record also formatted by {@code formatter} as it is logged. */
    public static CapturedLog of(String loggerName, Formatter formatter) {
        return new CapturedLog(loggerName, formatter);
    }

    /** Every record so far as {@link #of(String, Formatter)}'s formatter wrote it, oldest first; empty without one. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every record logged so far, oldest first. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The message of a record with its parameters filled in, as a console handler would print it (without the stack trace). */
    public static String message(LogRecord record) {
        return FORMATTER.formatMessage(record);
    }

    /** The messages of every record so far, oldest first. */
    public List<String> messages() {
        return records.stream().map(CapturedLog::message).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentHandlersBefore);
    }
}
