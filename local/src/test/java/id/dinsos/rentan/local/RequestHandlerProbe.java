package id.dinsos.rentan.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.LambdaResponse;
import id.dinsos.rentan.devkit.SampleEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.Constructor;
import java.time.Clock;

/** Makes a handler with the test constructor (client, table, programme, clock) and sends it one event. */
final class RequestHandlerProbe {
    private static final DynamoDbClient CLIENT = DynamoDbLocal.embedded();

    record Response(int status, String body) {
    }

    private RequestHandlerProbe() {
    }

    @SuppressWarnings("unchecked")
    static Response invoke(String handlerClass, JsonNode event) {
        try {
            Constructor<?> constructor = Class.forName(handlerClass)
                    .getConstructor(DynamoDbClient.class, String.class, String.class, Clock.class);
            Object handler = constructor.newInstance(CLIENT, "no-table-needed", "probe", Clock.systemUTC());
            if (handler instanceof RequestStreamHandler stream) {
                LambdaResponse response = LambdaResponse.ofJson(LambdaResponse.invoke(stream, event, null));
                return new Response(response.status(), response.raw());
            }
            APIGatewayV2HTTPResponse response = ((RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler)
                    .handleRequest(SampleEvents.httpEvent(event), null);
            return new Response(response.getStatusCode(), response.getBody());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("handler " + handlerClass + " lacks the (DynamoDbClient, String, String, Clock) constructor", e);
        }
    }
}
