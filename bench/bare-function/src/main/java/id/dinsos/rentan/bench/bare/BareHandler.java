package id.dinsos.rentan.bench.bare;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/**
 * The smallest useful Java function, as AWS's own samples write one: the runtime turns the event into
 * a map with its own JSON library, and the handler answers a constant. The cold-start benchmark
 * (bench/cold-start) measures every real function against this one, in the same run.
 */
public final class BareHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ok";
    }
}
