package id.dinsos.rentan.devkit;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DynamoDB client that passes every call on to a real one and records the operations called
 * ({@code getItem}, {@code query}, ...), so a test can show that a request never reached DynamoDB.
 */
public final class RecordingDynamoDb {
    private static final Set<String> NOT_OPERATIONS = Set.of("close", "serviceName", "serviceClientConfiguration",
            "toString", "hashCode", "equals");

    private final DynamoDbClient client;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private RecordingDynamoDb(DynamoDbClient delegate) {
        this.client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, (proxy, method, args) -> {
                    if (!NOT_OPERATIONS.contains(method.getName())) {
                        calls.add(method.getName());
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public static RecordingDynamoDb wrap(DynamoDbClient delegate) {
        return new RecordingDynamoDb(delegate);
    }

    /** The client to give the code under test. */
    public DynamoDbClient client() {
        return client;
    }

    /** The operations called since the last {@link #clear()}, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public void clear() {
        calls.clear();
    }
}
