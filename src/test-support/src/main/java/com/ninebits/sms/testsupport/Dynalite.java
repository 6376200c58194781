package com.ninebits.sms.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * dynalite, the DynamoDB-compatible server, as a child Node process on a free local port: installed
 * with {@code npm ci} in {@code infra/local} when missing, its data in memory or on disk. On disk, it
 * can be stopped and started again on the same port with the data it had.
 */
final class Dynalite implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Dynalite.class.getName());
    private static final Path NODE_PROJECT = Path.of("infra", "local");
    private static final Path CLI = NODE_PROJECT.resolve(Path.of("node_modules", "dynalite", "cli.js"));
    // Exits dynalite once its stdin closes, which happens however this JVM ends (even on SIGKILL),
    // so a killed test fork leaves no server behind.
    private static final String EXIT_WITH_PARENT =
            "data:text/javascript,process.stdin.on('end',()=>process.exit(0));process.stdin.resume();";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path repoRoot;
    private final int port;
    // Null: dynalite keeps its data in memory, and a restart would lose it.
    private final Path dataDir;
    private volatile Process process;

    private Dynalite(Path repoRoot, int port, Path dataDir, Process process) {
        this.repoRoot = repoRoot;
        this.port = port;
        this.dataDir = dataDir;
        this.process = process;
    }

    /** Starts a server for the repository at {@code repoRoot}; {@code dataDir} null keeps its data in memory. */
    static Dynalite start(Path repoRoot, Path dataDir) {
        install(repoRoot);
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3 && !Thread.currentThread().isInterrupted(); attempt++) {
            int port = freePort();
            try {
                return new Dynalite(repoRoot, port, dataDir, launch(repoRoot, port, dataDir));
            } catch (IllegalStateException e) {
                // Another process may have taken the free port before dynalite bound it.
                failure = e;
            }
        }
        throw failure != null ? failure : new IllegalStateException("Interrupted while starting dynalite");
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    boolean running() {
        return process.isAlive();
    }

    /** Stops the server: from now on every call to it is refused, as when the store is unreachable. */
    synchronized void stop() {
        requireOnDisk();
        stop(process);
    }

    /** Starts the server again on the same port, with the data it had when it stopped. */
    synchronized void restart() {
        requireOnDisk();
        if (process.isAlive()) {
            return;
        }
        IllegalStateException failure = null;
        // The port was just released; another process could in principle take it in between.
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                process = launch(repoRoot, port, dataDir);
                return;
            } catch (IllegalStateException e) {
                failure = e;
                Pause.of(Duration.ofMillis(200));
            }
        }
        throw failure;
    }

    @Override
    public synchronized void close() {
        stop(process);
    }

    private void requireOnDisk() {
        if (dataDir == null) {
            throw new IllegalStateException("this stack keeps DynamoDB data in memory: a restart would lose it; use startOnDisk");
        }
    }

    /** Serialised across JVMs too: parallel module builds would otherwise run npm ci over each other. */
    private static synchronized void install(Path root) {
        if (Files.isRegularFile(root.resolve(CLI))) {
            return;
        }
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "sms-gateway-npm-ci.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (Files.isRegularFile(root.resolve(CLI))) {
                return;
            }
            LOG.info("Installing dynalite: npm ci in " + root.resolve(NODE_PROJECT));
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(root.resolve(NODE_PROJECT).toFile())
                    .redirectErrorStream(true)
                    .start();
            npm.getOutputStream().close();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isRegularFile(root.resolve(CLI))) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci failed in " + root.resolve(NODE_PROJECT) + ":\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install dynalite", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing dynalite", e);
        }
    }

    /** Starts the process and returns once it says it is listening. */
    private static Process launch(Path root, int port, Path dataDir) {
        List<String> command = new ArrayList<>(List.of("node", "--import", EXIT_WITH_PARENT, CLI.toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        if (dataDir != null) {
            command.addAll(List.of("--path", dataDir.toString()));
        }
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start node (is Node.js on the PATH?)", e);
        }
        CountDownLatch listening = new CountDownLatch(1);
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread drain = new Thread(() -> drain(process, output, listening), "dynalite-output");
        drain.setDaemon(true);
        drain.start();
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!listening.await(50, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    stop(process);
                    drain.join(1000);
                    throw new IllegalStateException("dynalite did not start on port " + port + ":\n"
                            + String.join("\n", output));
                }
            }
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting dynalite", e);
        }
        return process;
    }

    /** Reads the process' output to its end (keeping the first lines, for an error), and tells when it listens. */
    private static void drain(Process process, List<String> output, CountDownLatch listening) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                LOG.fine("dynalite: " + line);
                if (output.size() < 200) {
                    output.add(line);
                }
                if (line.contains("listening")) {
                    listening.countDown();
                }
            }
        } catch (IOException streamClosed) {
            // The process ended; nothing more to read.
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }
}
