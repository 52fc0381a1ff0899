package id.dinsos.rentan.bench.probe;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import id.dinsos.rentan.bench.probe.crac.Core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cold start, in a JVM of its own, as the Lambda Java runtime makes one: the function's jar in
 * a class loader of its own above the runtime's (which holds aws-lambda-java-core and the runtime's
 * event mapper, aws-lambda-java-serialization), the handler class made once with its public no-argument
 * constructor, the handler method chosen as the runtime chooses it, the event turned into the
 * method's input type by the runtime's own serializers, and the answer written back as JSON.
 *
 * <p>It tells the benchmark where it is with lines starting {@value #MARK} on standard output
 * (the function's own log lines go there too, and are ignored): {@code main} once the JVM runs this
 * class, {@code init} once the handler is made, {@code snapshot} (SnapStart mode) once the
 * before-checkpoint hooks ran, {@code answer} with the first answer. It then waits for a line on
 * standard input, so that the benchmark can read its CPU time, answers a second event ({@code
 * SECOND_EVENT_FILE}, else the same event) once more ({@code warm}, in microseconds) and exits.
 *
 * <pre>java -cp probe.jar:runtime-libs... LambdaProbe JAR HANDLER EVENT_FILE [cold|snapstart] [SECOND_EVENT_FILE]</pre>
 *
 * Deliberately small and free of any library but the runtime's: everything it loads is also loaded
 * for the bare handler it is compared with.
 */
public final class LambdaProbe {
    public static final String MARK = "@@probe ";
    private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d{3})");
    private static final PrintStream OUT = System.out;

    private LambdaProbe() {
    }

    public static void main(String[] args) throws Throwable {
        mark("main");
        Path jar = Path.of(args[0]);
        String handler = args[1];
        byte[] event = Files.readAllBytes(Path.of(args[2]));
        boolean snapStart = args.length > 3 && args[3].equals("snapstart");
        byte[] secondEvent = args.length > 4 ? Files.readAllBytes(Path.of(args[4])) : event;

        // Init: what Lambda reports as "Init Duration".
        URLClassLoader functionLoader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, LambdaProbe.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(functionLoader);
        Invocation invocation = Invocation.load(functionLoader, handler);
        mark("init");

        if (snapStart) {
            Core.checkpoint();
            mark("snapshot " + Core.registered());
            // The benchmark reads the CPU time spent so far, then lets the "restored" process go on.
            awaitGo();
            Core.restore();
        }
        byte[] answer = invocation.invoke(event);
        mark("answer " + status(answer) + " " + abbreviated(answer));

        awaitGo();
        long started = System.nanoTime();
        invocation.invoke(secondEvent);
        mark("warm " + (System.nanoTime() - started) / 1_000);
        OUT.flush();
        // Function code may leave non-daemon threads (DynamoDB Local's clients do not, but be sure).
        System.exit(0);
    }

    private static void mark(String what) {
        OUT.println(MARK + what);
        OUT.flush();
    }

    private static void awaitGo() throws IOException {
        int c;
        do {
            c = System.in.read();
        } while (c != '\n' && c != -1);
    }

    private static String status(byte[] answer) {
        Matcher m = STATUS.matcher(new String(answer, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : "-";
    }

    private static String abbreviated(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }

    /** The handler method and how to feed it, chosen once, as the runtime does during init. */
    private interface Invocation {
        byte[] invoke(byte[] event) throws Exception;

        static Invocation load(ClassLoader loader, String handler) throws Exception {
            int sep = handler.indexOf("::");
            Class<?> type = Class.forName(sep < 0 ? handler : handler.substring(0, sep), true, loader);
            String methodName = sep < 0 ? "handleRequest" : handler.substring(sep + 2);
            Object instance = type.getConstructor().newInstance();
            Method method = chooseMethod(type, methodName);
            Class<?>[] params = method.getParameterTypes();
            if (params.length == 3 && params[0] == InputStream.class && params[1] == OutputStream.class) {
                return event -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
                    call(method, instance, new ByteArrayInputStream(event), out, context());
                    return out.toByteArray();
                };
            }
            if (params.length != 2 || params[1] != Context.class) {
                throw new IllegalArgumentException("the probe handles (InputStream, OutputStream, Context) and (T, Context) only: " + method);
            }
            // Both serializers are made during init, as the runtime's PojoHandlerAsStreamHandler makes them.
            PojoSerializer<Object> input = serializerFor(method.getGenericParameterTypes()[0], loader);
            PojoSerializer<Object> output = serializerFor(method.getGenericReturnType(), loader);
            return event -> {
                Object in = input.fromJson(new ByteArrayInputStream(event));
                Object result = call(method, instance, in, context());
                ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
                output.toJson(result, out);
                return out.toByteArray();
            };
        }

        /**
         * Among the public methods of that name, the runtime prefers a method that is not a bridge,
         * then the longer parameter list, counting a last {@link Context} parameter as one more.
         */
        private static Method chooseMethod(Class<?> type, String name) {
            Comparator<Method> priority = Comparator.comparing(Method::isBridge)
                    .thenComparing(Comparator.comparingInt(Invocation::weight).reversed());
            return Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(name))
                    .min(priority)
                    .orElseThrow(() -> new IllegalArgumentException("no public method " + name + " on " + type));
        }

        private static int weight(Method m) {
            Class<?>[] p = m.getParameterTypes();
            return p.length + (p.length > 0 && p[p.length - 1] == Context.class ? 1 : 0);
        }

        /** The runtime's rule: its event serializers for the aws-lambda-java-events types, else its Jackson. */
        @SuppressWarnings("unchecked")
        private static PojoSerializer<Object> serializerFor(Type type, ClassLoader loader) {
            if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
                return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, loader);
            }
            return JacksonFactory.getInstance().getSerializer(type);
        }

        private static Object call(Method method, Object instance, Object... args) throws Exception {
            try {
                return method.invoke(instance, args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
    }

    private static Context context() {
        long deadline = System.currentTimeMillis() + 29_000;
        String requestId = UUID.randomUUID().toString();
        return new Context() {
            @Override
            public String getAwsRequestId() {
                return requestId;
            }

            @Override
            public String getLogGroupName() {
                return "/aws/lambda/" + getFunctionName();
            }

            @Override
            public String getLogStreamName() {
                return "cold-start-probe";
            }

            @Override
            public String getFunctionName() {
                return System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "probe");
            }

            @Override
            public String getFunctionVersion() {
                return "1";
            }

            @Override
            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:ap-southeast-3:000000000000:function:" + getFunctionName();
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getRemainingTimeInMillis() {
                return (int) Math.max(0, deadline - System.currentTimeMillis());
            }

            @Override
            public int getMemoryLimitInMB() {
                return 1024;
            }

            @Override
            public LambdaLogger getLogger() {
                return new LambdaLogger() {
                    @Override
                    public void log(String message) {
                        OUT.print(message);
                    }

                    @Override
                    public void log(byte[] message) {
                        OUT.print(new String(message, StandardCharsets.UTF_8));
                    }
                };
            }
        };
    }
}
