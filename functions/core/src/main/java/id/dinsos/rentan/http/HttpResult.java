package id.dinsos.rentan.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers: status, headers and a text body. */
public record HttpResult(int status, Map<String, String> headers, String body) {
    public HttpResult {
        headers = Map.copyOf(headers);
    }

    public static HttpResult json(int status, Object body) {
        return new HttpResult(status, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"), Json.write(body));
    }

    public static HttpResult text(int status, String contentType, String body) {
        return new HttpResult(status, Map.of("Content-Type", contentType, "Cache-Control", "no-store"), body);
    }

    public HttpResult withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResult(status, copy, body);
    }
}
