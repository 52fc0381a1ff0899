package id.dinsos.rentan.devkit;

import java.nio.file.Path;

/**
 * DynamoDB Local as a server process of its own, for the run benchmark at 1,000,000 participants
 * (README, "Benchmark"): {@code java -Xmx8g -cp <devkit classpath> id.dinsos.rentan.devkit.DynamoDbLocalServer
 * 8000 [data folder]}. Without a folder the data lives in memory. Runs until the process is stopped.
 */
public final class DynamoDbLocalServer {
    private DynamoDbLocalServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        Path dataDir = args.length > 1 ? Path.of(args[1]) : null;
        DynamoDbLocal.Server server = DynamoDbLocal.start(port, dataDir);
        System.out.println("DynamoDB Local on " + server.endpoint() + (dataDir == null ? " (in memory)" : " (data in " + dataDir + ")"));
        Thread.currentThread().join();
    }
}
