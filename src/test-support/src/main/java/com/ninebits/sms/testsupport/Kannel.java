package com.ninebits.sms.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMSC gateway for tests: Kannel's bearerbox and smsbox from the Debian {@code kannel}
 * package, with {@code fakesmsc} from {@code kannel-extras} bound as the operator's SMSC. Messages
 * sent through {@link #sendsmsUrl()} reach fakesmsc (see {@link #received()}), and bearerbox's fake
 * SMSC connection answers every message asking for reports with two of them: type 8 (taken by the
 * SMSC) and type 1 (delivered).
 */
public final class Kannel implements AutoCloseable {

    private static final List<Path> BEARERBOX = List.of(Path.of("/usr/sbin/bearerbox"), Path.of("/usr/local/sbin/bearerbox"));
    private static final List<Path> SMSBOX = List.of(Path.of("/usr/sbin/smsbox"), Path.of("/usr/local/sbin/smsbox"));
    private static final List<Path> FAKESMSC =
            List.of(Path.of("/usr/lib/kannel/test/fakesmsc"), Path.of("/usr/local/lib/kannel/test/fakesmsc"));
    private static final String INSTALL_HINT = "install Kannel first: apt-get install -y kannel kannel-extras";
    private static final String CONFIG_TEMPLATE = "/kannel/kannel.conf";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    private static final Pattern GOT_MESSAGE = Pattern.compile("Got message \\d+: <(.*)>$");

    // Every box runs under this wrapper, in a process group of its own. The wrapper's stdin is a
    // pipe from this JVM: when it closes (close(), or the JVM dying however it dies, even SIGKILL)
    // the wrapper kills the whole group, so no Kannel outlives its test run; and when the box ends,
    // the wrapper ends too, so a crashed box shows as a dead Process. The box reads the same pipe
    // (through fd 3: sh gives background jobs /dev/null as stdin) since fakesmsc reads its
    // interactive input there.
    private static final String WATCHDOG = String.join("\n",
            "exec 3<&0",
            "\"$@\" <&3 3<&- &",
            "box=$!",
            "{ cat >/dev/null; kill -KILL 0; } <&3 3<&- &",
            "wait $box",
            "kill -KILL 0");

    private final Path workDir;
    private final int adminPort;
    private final int sendsmsPort;
    private final String adminPassword;
    private final String username;
    private final String password;
    private final int logLevel;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> fakesmscLines = new ArrayList<>();
    private Process fakesmscProcess;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::close, "kannel-shutdown");
    private boolean closed;

    private Kannel(Path workDir, int adminPort, int sendsmsPort, int logLevel) {
        this.workDir = workDir;
        this.logLevel = logLevel;
        this.adminPort = adminPort;
        this.sendsmsPort = sendsmsPort;
        String run = UUID.randomUUID().toString().replace("-", "");
        this.adminPassword = "admin-" + run.substring(0, 12);
        this.username = "gateway";
        this.password = "secret-" + run.substring(12, 24);
    }

    /**
     * Writes a configuration into {@code workDir} (logs go there too), starts bearerbox, fakesmsc and
     * smsbox on free ports, and returns once a message sent now would reach fakesmsc at once
     * rather than wait in bearerbox's queue.
     */
    public static Kannel start(Path workDir) {
        return start(workDir, 0);
    }

    /**
     * As {@link #start(Path)}, with the boxes' log files at {@code logLevel} (Kannel's 0 debug, 1
     * info, 2 warning…): tests keep every debug line to read what happened; a benchmark logs as a
     * gateway in service would.
     */
    public static Kannel start(Path workDir, int logLevel) {
        Path bearerbox = binary("bearerbox", BEARERBOX);
        Path smsbox = binary("smsbox", SMSBOX);
        Path fakesmsc = binary("fakesmsc", FAKESMSC);
        Path dir = workDir.toAbsolutePath().normalize();
        int[] ports = freePorts(4);
        Kannel kannel = new Kannel(dir, ports[0], ports[3], logLevel);
        Runtime.getRuntime().addShutdownHook(kannel.shutdownHook);
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("kannel.conf");
            Files.writeString(config, kannel.config(ports[1], ports[2]));
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();

            kannel.launch("bearerbox", bearerbox.toString(), "-v", "1", config.toString());
            kannel.awaitUntil(deadline, () -> kannel.adminStatus().isPresent(), "bearerbox's admin port to answer");
            kannel.launchFakesmsc(fakesmsc, ports[2]);
            kannel.launch("smsbox", smsbox.toString(), "-v", "1", config.toString());
            kannel.awaitUntil(deadline, () -> {
                if (!kannel.fakesmscProcess.isAlive()) {
                    throw new IllegalStateException("fakesmsc exited before binding: see " + dir.resolve("fakesmsc.out"));
                }
                return kannel.sendsmsAnswers() && kannel.bound();
            }, "smsbox and fakesmsc to be bound");
            return kannel;
        } catch (IOException e) {
            kannel.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            kannel.close();
            throw e;
        }
    }

    /** The smsbox sendsms endpoint, without a query. */
    public String sendsmsUrl() {
        return "http://127.0.0.1:" + sendsmsPort + "/cgi-bin/sendsms";
    }

    /** The sendsms-user allowed to send. */
    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** Where the configuration and every log of this run are. */
    public Path workDir() {
        return workDir;
    }

    /** What fakesmsc reported receiving, one line per message part, as it printed them (between its angle brackets). */
    public List<String> fakesmscLines() {
        synchronized (fakesmscLines) {
            return List.copyOf(fakesmscLines);
        }
    }

    /** The message parts fakesmsc received, in order. */
    public List<Received> received() {
        return fakesmscLines().stream().map(Received::parse).toList();
    }

    /** Waits for fakesmsc to receive a part matching {@code match}, and returns the first such. */
    public Received awaitReceived(Predicate<Received> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Received> found = received().stream().filter(match).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fakesmsc received no matching message within " + timeout + "; it received " + fakesmscLines());
            }
            pause();
        }
    }

    /**
     * Disconnects the fake SMSC, as when the operator's link drops: bearerbox keeps accepting, answers
     * {@code 3: Queued for later delivery}, and holds the messages.
     */
    public void stopFakesmsc() {
        try {
            fakesmscProcess.getOutputStream().close();
            if (!fakesmscProcess.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("fakesmsc did not stop");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping fakesmsc", e);
        }
        awaitUntil(System.nanoTime() + START_TIMEOUT.toNanos(), () -> !bound(), "bearerbox to see the fake SMSC gone");
    }

    /** Stops every box; idempotent, and run at JVM exit too. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is what is running this.
        }
        for (Process process : processes) {
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // The watchdog is gone already, and its group with it.
            }
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    /**
     * One message part as fakesmsc printed it: {@code type} is {@code text} (GSM text, printed as
     * is), {@code ucs-2} (UTF-16BE, URL-encoded) or {@code udh} (a part of a concatenated message:
     * {@code udh} and the {@code payload} are URL-encoded octets).
     */
    public record Received(String from, String to, String type, String udh, String payload) {

        static Received parse(String line) {
            String[] words = line.split(" ", 4);
            if (words.length >= 3 && words[2].equals("udh")) {
                // "udh <udh> data <octets>": the payload of a part is printed as the "data" type.
                String[] rest = line.split(" ", 6);
                return new Received(rest[0], rest[1], rest[2], rest[3], rest.length > 5 ? rest[5] : "");
            }
            if (words.length < 3) {
                throw new IllegalArgumentException("not a fakesmsc message: " + line);
            }
            return new Received(words[0], words[1], words[2], null, words.length > 3 ? words[3] : "");
        }

        /** The text of a whole (unconcatenated) message. */
        public String text() {
            return switch (type) {
                case "text" -> payload;
                case "ucs-2" -> new String(octets(payload), StandardCharsets.UTF_16BE);
                default -> throw new IllegalStateException("a " + type + " part has no text of its own: " + this);
            };
        }

        /** The octets of the payload, for {@code udh} and {@code ucs-2} parts. */
        public byte[] payloadOctets() {
            return octets(payload);
        }

        private static byte[] octets(String urlEncoded) {
            // ISO-8859-1 maps each %XX (and each plain character fakesmsc left unescaped) to one octet.
            return URLDecoder.decode(urlEncoded, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private String config(int smsboxPort, int fakeSmscPort) throws IOException {
        String template;
        try (InputStream in = Kannel.class.getResourceAsStream(CONFIG_TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(CONFIG_TEMPLATE + " is not on the classpath");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> values = Map.of(
                "adminPort", Integer.toString(adminPort),
                "adminPassword", adminPassword,
                "smsboxPort", Integer.toString(smsboxPort),
                "fakeSmscPort", Integer.toString(fakeSmscPort),
                "sendsmsPort", Integer.toString(sendsmsPort),
                "workDir", workDir.toString(),
                "username", username,
                "password", password,
                "logLevel", Integer.toString(logLevel));
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for ${" + m.group(1) + "} in " + CONFIG_TEMPLATE);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void launch(String name, String... command) throws IOException {
        List<String> wrapped = new ArrayList<>(List.of("setsid", "-w", "/bin/sh", "-c", WATCHDOG, name));
        wrapped.addAll(List.of(command));
        Process process = new ProcessBuilder(wrapped)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve(name + ".out").toFile()))
                .start();
        processes.add(process);
    }

    private void launchFakesmsc(Path fakesmsc, int port) throws IOException {
        List<String> wrapped = new ArrayList<>(List.of("setsid", "-w", "/bin/sh", "-c", WATCHDOG, "fakesmsc",
                fakesmsc.toString(), "-H", "127.0.0.1", "-r", Integer.toString(port), "-i", "0", "-m", "0"));
        Process process = new ProcessBuilder(wrapped).directory(workDir.toFile()).redirectErrorStream(true).start();
        processes.add(process);
        fakesmscProcess = process;
        Path log = workDir.resolve("fakesmsc.out");
        Thread reader = new Thread(() -> readFakesmsc(process, log), "fakesmsc-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void readFakesmsc(Process process, Path log) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                Matcher m = GOT_MESSAGE.matcher(line);
                if (m.find()) {
                    synchronized (fakesmscLines) {
                        fakesmscLines.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            // The process ended while we were reading: its lines so far are all there is.
        }
    }

    private Optional<String> adminStatus() {
        return get("http://127.0.0.1:" + adminPort + "/status.xml?password=" + adminPassword)
                .filter(r -> r.statusCode() == 200)
                .map(HttpResponse::body);
    }

    private boolean sendsmsAnswers() {
        // Without credentials smsbox answers 403; any answer means it is serving.
        return get(sendsmsUrl()).isPresent();
    }

    /** bearerbox has smsbox connected and the fake SMSC online, so sends go out at once rather than "3: Queued". */
    private boolean bound() {
        return adminStatus()
                .map(status -> status.contains("<type>smsbox</type>") && Pattern.compile("<status>online \\d").matcher(status).find())
                .orElse(false);
    }

    private Optional<HttpResponse<String>> get(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kannel", e);
        }
    }

    private void awaitUntil(long deadline, BooleanSupplier ready, String what) {
        while (!ready.getAsBoolean()) {
            for (Process process : processes) {
                if (!process.isAlive() && process != fakesmscProcess) {
                    throw new IllegalStateException("a Kannel box exited while waiting for " + what + ": see the logs in " + workDir);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + START_TIMEOUT + " waiting for " + what + ": see the logs in " + workDir);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kannel", e);
        }
    }

    private static Path binary(String name, List<Path> candidates) {
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Kannel's " + name + " is not installed (looked for " + candidates + "): " + INSTALL_HINT);
    }

    private static int[] freePorts(int count) {
        // All held open together, so that the ports differ; Kannel binds them a moment later.
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // A port we could not release is one Kannel fails to bind, which start() reports.
                }
            }
        }
    }
}
