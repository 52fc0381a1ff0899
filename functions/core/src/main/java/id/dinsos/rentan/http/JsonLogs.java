package id.dinsos.rentan.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
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
 * <p>Every line logged while an invocation is at work carries its {@code requestId}: for an HTTP
 * request API Gateway's request id (the one a problem answer names), for an SQS record or a
 * scheduled event Lambda's request id of the invocation, beside the record's {@code messageId} or
 * the schedule's {@code executionId} ({@link #beginEvent}). Lines logged on threads the invocation
 * started (the ledger's parallel writers) carry the same fields: a Lambda environment handles one
 * invocation at a time.
 *
 * <p>Installed only inside Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} set): tests and the local runner
 * keep the JDK's console logging, which their captured-log checks read. The AWS SDK logs through
 * SLF4J, which slf4j-jdk14 hands to java.util.logging, so its warnings reach the same JSON lines.
 */
public final class JsonLogs {
    private static final Pattern NIK = Pattern.compile("(?<!\\d)(\\d{4})\\d{8}(\\d{4})(?!\\d)");
    private static final ThreadLocal<Map<String, Object>> REQUEST = ThreadLocal.withInitial(LinkedHashMap::new);
    /** The fields of the invocation at work, for lines logged on threads other than the one handling it. */
    private static volatile Map<String, Object> invocation = Map.of();
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
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", requestId);
        fields.put("route", route);
        begin(fields);
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
            clear();
        }
    }

    /**
     * An event this thread handles now that is no HTTP request: one SQS record, or a scheduled event.
     * Every line logged until {@link #endEvent} carries {@code requestId} (Lambda's request id of the
     * invocation), {@code event} (what kind: {@code segment}, {@code monthly-run}, {@code overdue-bills})
     * and the event's own id under its name ({@code messageId}, {@code executionId}).
     */
    public static void beginEvent(String requestId, String event, String idName, String idValue) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", requestId);
        fields.put("event", event);
        if (idName != null && idValue != null) {
            fields.put(idName, idValue);
        }
        begin(fields);
    }

    /**
     * One line per handled event with its outcome and duration (in Lambda only), at {@code level}
     * (SEVERE for a failure, WARNING for a refusal), then the context is cleared.
     */
    public static void endEvent(String outcome, Level level, long durationMillis) {
        Map<String, Object> context = REQUEST.get();
        try {
            if (installed) {
                context.put("outcome", outcome);
                context.put("durationMs", durationMillis);
                REQUESTS.log(level, "handled " + context.get("event") + ": " + outcome);
            }
        } finally {
            clear();
        }
    }

    private static void begin(Map<String, Object> fields) {
        Map<String, Object> context = REQUEST.get();
        context.clear();
        context.putAll(fields);
        invocation = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    private static void clear() {
        REQUEST.get().clear();
        invocation = Map.of();
    }

    /** The fields of the request or event at hand: this thread's, else the invocation's (empty between invocations). */
    static Map<String, Object> context() {
        Map<String, Object> mine = REQUEST.get();
        return mine.isEmpty() ? invocation : mine;
    }

    /**
     * The JSON line format itself, for tests that read what a function would log in Lambda (with a
     * {@code CapturedLog}) without installing it.
     */
    public static Formatter formatter(String function, String programme) {
        return new JsonFormatter(function, programme);
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
            context().forEach((name, value) -> line.putPOJO(name, value));
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
