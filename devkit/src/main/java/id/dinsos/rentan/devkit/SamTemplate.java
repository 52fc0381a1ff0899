package id.dinsos.rentan.devkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of {@code template.yaml} that the local runner and the tests need: functions with
 * their handler, code location, environment and HTTP API routes, and the DynamoDB table.
 * Reading them from the template keeps one list of routes and one table definition.
 */
public final class SamTemplate {
    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    public static SamTemplate read(Path file) {
        return new SamTemplate(CloudFormationYaml.read(file));
    }

    public static SamTemplate parse(String yaml) {
        return new SamTemplate(CloudFormationYaml.read(yaml));
    }

    public JsonNode root() {
        return root;
    }

    public JsonNode resources() {
        return root.path("Resources");
    }

    public Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources().fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    public List<Function> functions() {
        JsonNode globals = root.path("Globals").path("Function");
        List<Function> functions = new ArrayList<>();
        resourcesOfType("AWS::Serverless::Function").forEach((id, resource) -> {
            JsonNode props = resource.path("Properties");
            Map<String, JsonNode> env = new LinkedHashMap<>();
            globals.path("Environment").path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
            props.path("Environment").path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
            List<Route> routes = new ArrayList<>();
            List<String> schedules = new ArrayList<>();
            props.path("Events").fields().forEachRemaining(e -> {
                JsonNode event = e.getValue();
                String type = event.path("Type").asText();
                if (type.equals("HttpApi")) {
                    JsonNode p = event.path("Properties");
                    boolean open = "NONE".equals(p.path("Auth").path("Authorizer").asText());
                    routes.add(new Route(e.getKey(), p.path("Method").asText().toUpperCase(), p.path("Path").asText(), !open));
                } else if (type.equals("ScheduleV2") || type.equals("Schedule")) {
                    schedules.add(e.getKey());
                }
            });
            String handler = props.path("Handler").asText(globals.path("Handler").asText(null));
            String codeUri = props.path("CodeUri").asText(globals.path("CodeUri").asText(null));
            functions.add(new Function(id, handler, codeUri, env, routes, schedules, props));
        });
        return functions;
    }

    public Optional<Function> function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    /** The one table of the single-table design: logical id and its {@code Properties}. */
    public Map.Entry<String, JsonNode> table() {
        Map<String, JsonNode> tables = resourcesOfType("AWS::DynamoDB::Table");
        if (tables.size() != 1) {
            throw new IllegalStateException("template.yaml must define exactly one DynamoDB table, found " + tables.keySet());
        }
        Map.Entry<String, JsonNode> only = tables.entrySet().iterator().next();
        return Map.entry(only.getKey(), only.getValue().path("Properties"));
    }

    /**
     * Resolves a template value the way CloudFormation would for the local runner: {@code Ref} to
     * a known name from {@code refs}, {@code Fn::Sub} with {@code ${Name}} placeholders, literals as
     * they are. Anything else is returned as its JSON text.
     */
    public static String resolve(JsonNode value, Map<String, String> refs) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.has("Ref")) {
            String name = value.get("Ref").asText();
            return refs.getOrDefault(name, name);
        }
        if (value.has("Fn::Sub") && value.get("Fn::Sub").isTextual()) {
            String text = value.get("Fn::Sub").asText();
            for (Map.Entry<String, String> ref : refs.entrySet()) {
                text = text.replace("${" + ref.getKey() + "}", ref.getValue());
            }
            return text;
        }
        return value.toString();
    }

    /** An HTTP API route: {@code secured} is false only where the template says {@code Authorizer: NONE}. */
    public record Route(String eventId, String method, String path, boolean secured) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    public record Function(String logicalId, String handler, String codeUri, Map<String, JsonNode> environment,
                           List<Route> routes, List<String> scheduleEvents, JsonNode properties) {
        public String handlerClass() {
            int sep = handler.indexOf("::");
            return sep < 0 ? handler : handler.substring(0, sep);
        }
    }
}
