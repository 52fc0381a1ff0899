package id.dinsos.rentan.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.port.Metrics;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * Metrics in CloudWatch's embedded metric format: one JSON document per count, on one line of
 * standard output, which Lambda ships to CloudWatch Logs, where the metric is extracted. No agent,
 * no SDK call, no latency added to the request.
 */
public final class EmfMetrics implements Metrics {
    public static final String NAMESPACE = "PekerjaRentan";

    private final PrintStream out;
    private final Clock clock;

    /** Lambda's standard output. */
    public EmfMetrics() {
        this(System.out, Clock.systemUTC());
    }

    public EmfMetrics(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /**
     * EMF on standard output inside Lambda (where {@code AWS_LAMBDA_FUNCTION_NAME} is set), nothing
     * elsewhere: the local runner builds the handlers as Lambda does and would print a document per count.
     */
    public static Metrics forEnvironment() {
        return forEnvironment(System.getenv("AWS_LAMBDA_FUNCTION_NAME"));
    }

    static Metrics forEnvironment(String lambdaFunctionName) {
        return lambdaFunctionName == null || lambdaFunctionName.isBlank() ? Metrics.NONE : new EmfMetrics();
    }

    @Override
    public void count(String name, long value, Map<String, String> dimensions) {
        write(document(name, value, COUNT, dimensions, clock.millis(), requestId()));
    }

    /** Rupiah have no CloudWatch unit: {@code None}. */
    @Override
    public void rupiah(String name, long amount, Map<String, String> dimensions) {
        write(document(name, amount, NONE, dimensions, clock.millis(), requestId()));
    }

    private void write(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** The request or event at hand (http/JsonLogs), so a metric's log line leads to the lines that counted it. */
    private static String requestId() {
        Object id = JsonLogs.context().get(REQUEST_ID);
        return id == null ? null : id.toString();
    }

    static final String COUNT = "Count";
    static final String NONE = "None";
    private static final String REQUEST_ID = "requestId";

    static String document(String name, long value, Map<String, String> dimensions, long epochMillis) {
        return document(name, value, COUNT, dimensions, epochMillis, null);
    }

    /**
     * {@code {"_aws":{"Timestamp":..,"CloudWatchMetrics":[{"Namespace":..,"Dimensions":[[..]],"Metrics":[{"Name":..,"Unit":..}]}]},<dimensions>,<name>:value}},
     * and {@code "requestId"} (a property, not a dimension) while a request or event is at hand.
     */
    static String document(String name, long value, String unit, Map<String, String> dimensions, long epochMillis,
                           String requestId) {
        if (dimensions.containsKey(name) || "_aws".equals(name) || REQUEST_ID.equals(name) || dimensions.containsKey(REQUEST_ID)) {
            throw new IllegalArgumentException("a metric cannot share its name with a dimension: " + name);
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", epochMillis);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(dimensionSet::add);
        directive.putArray("Metrics").addObject().put("Name", name).put("Unit", unit);
        dimensions.forEach(root::put);
        if (requestId != null) {
            root.put(REQUEST_ID, requestId);
        }
        root.put(name, value);
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
