package io.tributary.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged broker ({@code server/target/tributary.jar}) as a separate process, the way users run
 * it: for SIGTERM and {@code kill -9} tests. Output goes to {@code <dataDir>/../broker-N.log}.
 */
public final class PackagedBroker implements AutoCloseable {
    private final Path dataDir;
    private final int kafkaPort;
    private final int amqpPort;
    private final int httpPort;
    private final List<String> extraArgs;
    private Process process;
    private Path logFile;
    private int starts;

    public PackagedBroker(Path dataDir, String... extraArgs) {
        this.dataDir = dataDir;
        this.kafkaPort = freePort();
        this.amqpPort = freePort();
        this.httpPort = freePort();
        this.extraArgs = List.of(extraArgs);
    }

    /** The packaged jar, as failsafe passes it; fails clearly when the build did not produce it. */
    public static Path jar() {
        String p = System.getProperty("tributary.jar", "target/tributary.jar");
        Path jar = Path.of(p);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("packaged broker " + jar.toAbsolutePath() + " not found: run 'mvn package' first");
        }
        return jar;
    }

    /** Starts the process and waits until /healthz answers 200. */
    public PackagedBroker start() {
        launch();
        return awaitHealthy();
    }

    /** Starts the process and waits up to {@code timeout} for /healthz (a cluster node restarting under load). */
    public PackagedBroker start(Duration timeout) {
        launch();
        return awaitHealthy(timeout);
    }

    /** Starts the process without waiting (the nodes of a cluster start together: none is healthy alone). */
    public PackagedBroker launch() {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-jar", jar().toString(),
                "--data.dir=" + dataDir, "--bind.host=127.0.0.1", "--advertised.host=127.0.0.1",
                "--kafka.port=" + kafkaPort, "--amqp.port=" + amqpPort, "--http.port=" + httpPort));
        cmd.addAll(extraArgs);
        logFile = dataDir.getParent().resolve("broker-" + (++starts) + ".log");
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until the launched process answers /healthz with 200; fails with its log if it exits. */
    public PackagedBroker awaitHealthy() {
        return awaitHealthy(Duration.ofSeconds(60));
    }

    /** Waits up to {@code timeout} until the launched process answers /healthz with 200; fails with its log if it exits. */
    public PackagedBroker awaitHealthy(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("broker exited with " + process.exitValue() + ":\n" + log());
            }
            return healthy();
        });
        return this;
    }

    public boolean healthy() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + "/healthz").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends SIGTERM and returns the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("broker did not exit within " + timeout + " of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    /** kill -9: no shutdown code runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The broker process's id, for signals the JDK does not send ({@code kill -STOP} / {@code kill -CONT}). */
    public long pid() {
        return process.pid();
    }

    public String log() {
        try {
            return logFile == null ? "" : Files.readString(logFile);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int amqpPort() {
        return amqpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A port that is free now, below the kernel's ephemeral range (32768 and up on Linux): a port
     * from that range could be taken by any outgoing connection of another process between this
     * check and the broker's bind, which takes seconds on a busy machine.
     */
    /** Ports this JVM's tests were given: never twice, so two brokers (or two listeners of one) cannot collide. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
            if (!HANDED_OUT.add(port)) {
                continue; // given to another broker of this JVM already (it may not have bound it yet)
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port found below the ephemeral range");
    }
}
