package id.dinsos.rentan.devkit;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * DynamoDB Local (com.amazonaws:DynamoDBLocal), in-process for tests or as a loopback server for
 * the local runner. Never part of a deployable jar.
 */
public final class DynamoDbLocal {
    /**
     * The server's Jetty announces every start and stop at INFO (through SLF4J, which slf4j-jdk14 hands
     * to java.util.logging): the local runner shows only its warnings. Held here, because
     * java.util.logging forgets the level of a logger nobody holds.
     */
    private static final Logger JETTY = Logger.getLogger("org.eclipse.jetty");

    private DynamoDbLocal() {
    }

    /** An in-process, in-memory instance: the fastest way for a test to get a real DynamoDB. */
    public static DynamoDbClient embedded() {
        prepareNativeLibraries();
        return DynamoDBEmbedded.create().dynamoDbClient();
    }

    /**
     * Starts a server on 127.0.0.1. With {@code dataDir} null the data lives in memory; otherwise it
     * is kept in one shared database file under that folder across restarts.
     */
    public static Server start(int port, Path dataDir) {
        prepareNativeLibraries();
        JETTY.setLevel(Level.WARNING);
        int chosen = port == 0 ? freePort() : port;
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(chosen), "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dataDir, e);
            }
            args.addAll(List.of("-sharedDb", "-dbPath", dataDir.toAbsolutePath().toString()));
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new Server(server, URI.create("http://127.0.0.1:" + chosen));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + chosen, e);
        }
    }

    /** A client for a DynamoDB Local server, with the url-connection HTTP client the functions use. */
    public static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.AP_SOUTHEAST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * DynamoDB Local unpacks its sqlite natives into {@code org.sqlite.tmpdir}; the JVM's temp
     * folder may be mounted noexec, so give it a folder of our own unless the caller chose one.
     */
    private static void prepareNativeLibraries() {
        String configured = System.getProperty("org.sqlite.tmpdir");
        Path dir = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "dynamodb-local-natives-" + System.getProperty("user.name", "user"));
        try {
            // DynamoDB Local does not create the folder itself and then reports "no native library found".
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + " for DynamoDB Local's sqlite natives", e);
        }
        System.setProperty("org.sqlite.tmpdir", dir.toString());
    }

    /** A running DynamoDB Local server. */
    public static final class Server implements AutoCloseable {
        private final DynamoDBProxyServer server;
        private final URI endpoint;

        Server(DynamoDBProxyServer server, URI endpoint) {
            this.server = server;
            this.endpoint = endpoint;
        }

        public URI endpoint() {
            return endpoint;
        }

        @Override
        public void close() {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not stop", e);
            }
        }
    }
}
