package id.dinsos.rentan.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.SamTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The functions of template.yaml, each its real handler class made once (as a Lambda container
 * would), invoked with an event as JSON and answering with the response as JSON.
 */
final class LocalFunctions {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Map<String, Object> handlers = new LinkedHashMap<>();
    private final Map<String, Integer> timeouts = new LinkedHashMap<>();
    private final List<SamTemplate.Function> functions;

    LocalFunctions(SamTemplate template) {
        this.functions = template.functions();
        int globalTimeout = template.root().path("Globals").path("Function").path("Timeout").asInt(30);
        for (SamTemplate.Function f : functions) {
            handlers.put(f.logicalId(), instantiate(f));
            timeouts.put(f.logicalId(), f.properties().path("Timeout").asInt(globalTimeout) * 1000);
        }
    }

    List<SamTemplate.Function> functions() {
        return functions;
    }

    private static Object instantiate(SamTemplate.Function f) {
        try {
            Class<?> type = Class.forName(f.handlerClass());
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create handler " + f.handler() + " of " + f.logicalId(), e);
        }
    }

    /** Invokes a function as the Lambda runtime would and returns its response as JSON. */
    JsonNode invoke(String logicalId, JsonNode event) {
        Object handler = handlers.get(logicalId);
        if (handler == null) {
            throw new IllegalArgumentException("no function " + logicalId + " in template.yaml; there are " + handlers.keySet());
        }
        Context context = new LocalContext(UUID.randomUUID().toString(), logicalId, timeouts.get(logicalId));
        try {
            if (handler instanceof RequestStreamHandler stream) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(MAPPER.writeValueAsBytes(event)), out, context);
                return out.size() == 0 ? MAPPER.nullNode() : MAPPER.readTree(out.toByteArray());
            }
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> typed = (RequestHandler<Object, Object>) handler;
            Class<?> inputType = inputType(handler.getClass());
            Object input = inputType == APIGatewayV2HTTPEvent.class
                    ? SampleEvents.httpEvent(event)
                    : MAPPER.treeToValue(event, inputType);
            return MAPPER.valueToTree(typed.handleRequest(input, context));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> inputType(Class<?> handlerClass) {
        for (Method m : handlerClass.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()
                    && Context.class.equals(m.getParameterTypes()[1])) {
                return m.getParameterTypes()[0];
            }
        }
        return Object.class;
    }
}
