package id.dinsos.rentan.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * One JSON object a line for everything the functions log, as CloudWatch Logs Insights reads it
 * (the template sets Lambda's JSON log format, which passes JSON lines through as they are): the
 * time, level, logger and message, the function and programme, the request id, route, status and
 * duration of the request at hand, and a stack trace as one field of the same event. A 16-digit run
 * (a NIK) is masked wherever it appears.
 *
 * <p>Installed only inside Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} set): tests and the local runner
 * keep the JDK's console logging, which their captured-log checks read. The AWS SDK logs through
 * SLF4J, which slf4j-jdk14 hands to java.util.logging, so its warnings reach the same JSON lines.
 */
public final class JsonLogs {
    private static final Pattern NIK = Pattern.compile("(?<!\\d)(\\d{4})\\d{8}(\\d{4})(?!\\d)");
    private static final ThreadLocal<Map<String, Object>> REQUEST = ThreadLocal.withInitial(LinkedHashMap::new);
    private static final Logger REQUESTS = Logger.getLogger("id.dinsos.rentan.requests");
    private static volatile boolean installed;

    private JsonLogs() {
    }

    /** In Lambda, sends every log record to standard output as one JSON line; elsewhere does nothing. */
    public static void installInLambda() {
        String function = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        if (function != null && !function.isBlank()) {
            install(System.out, function, System.getenv("PROGRAMME_ID"));
        }
    }

    /** For tests: JSON lines to {@code out}; {@link #uninstall()} puts the JDK's logging back. */
    static synchronized void install(OutputStream out, String function, String programme) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        PrintStream print = out instanceof PrintStream p ? p : new PrintStream(out, true, StandardCharsets.UTF_8);
        Handler handler = new Handler() {
            private final Formatter formatter = new JsonFormatter(function, programme);

            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    print.print(formatter.format(record));
                    print.flush();
                }
            }

            @Override
            public void flush() {
                print.flush();
            }

            @Override
            public void close() {
                print.flush();
            }
        };
        handler.setLevel(Level.INFO);
        root.addHandler(handler);
        installed = true;
    }

    static synchronized void uninstall() {
        LogManager.getLogManager().reset();
        try {
            LogManager.getLogManager().readConfiguration();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        installed = false;
    }

    /** The request this thread handles now: its id and route go on every line logged meanwhile. */
    static void beginRequest(String requestId, String route) {
        Map<String, Object> context = REQUEST.get();
        context.clear();
        context.put("requestId", requestId);
        context.put("route", route);
    }

    /** One line per answered request, with its status and duration, then the context is cleared. */
    static void endRequest(int status, long durationMillis) {
        Map<String, Object> context = REQUEST.get();
        try {
            if (installed) {
                context.put("status", status);
                context.put("durationMs", durationMillis);
                REQUESTS.log(status >= 500 ? Level.SEVERE : Level.INFO, "answered " + status);
            }
        } finally {
            context.clear();
        }
    }

    static String masked(String text) {
        return text == null ? null : NIK.matcher(text).replaceAll(m -> m.group(1) + "********" + m.group(2));
    }

    /** A log record as one line of JSON. */
    static final class JsonFormatter extends Formatter {
        private final String function;
        private final String programme;

        JsonFormatter(String function, String programme) {
            this.function = function;
            this.programme = programme;
        }

        @Override
        public String format(LogRecord record) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
            line.put("level", record.getLevel().getName());
            line.put("logger", record.getLoggerName());
            line.put("message", masked(formatMessage(record)));
            line.put("function", function);
            if (programme != null) {
                line.put("programme", programme);
            }
            REQUEST.get().forEach((name, value) -> line.putPOJO(name, value));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                // One field of one event: CloudWatch never splits a stack trace over many log events.
                line.put("error", masked(trace.toString()));
            }
            try {
                return Json.MAPPER.writeValueAsString(line) + System.lineSeparator();
            } catch (JsonProcessingException e) {
                return "{\"level\":\"SEVERE\",\"message\":\"a log line could not be written as JSON\"}" + System.lineSeparator();
            }
        }
    }
}
