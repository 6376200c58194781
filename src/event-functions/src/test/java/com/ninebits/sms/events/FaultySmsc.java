package com.ninebits.sms.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A generic JSON SMSC (the {@code http} connector's default fields) for fault injection, on a plain
 * socket so that it can misbehave in ways an HTTP server library will not: answer 5xx or 429, take
 * a message and answer too late, take it and drop the connection without an answer, or run a hook
 * (stop the store) between taking a message and answering. Each number follows its script, one
 * step per submission, then takes everything. Every submission is logged under the gateway's
 * message id (the {@code reference} field), so that a test can count submissions per message.
 */
final class FaultySmsc implements AutoCloseable {

    static final String PATH = "/api/sms";

    /** What the SMSC does with one submission. */
    sealed interface Step {
    }

    /** Refuses with {@code status} (and {@code Retry-After}, if not null); the message is not taken. */
    record Answer(int status, String retryAfter) implements Step {
    }

    /** Takes the message, but answers only after {@code delay}: longer than the client waits, a timeout. */
    record AnswerLate(Duration delay) implements Step {
    }

    /** Takes the message and closes the connection without answering. */
    record Drop() implements Step {
    }

    /** Takes the message, runs {@code hook}, then answers 200. */
    record TakeThen(Runnable hook) implements Step {
    }

    /** One submission as it arrived and what became of it; {@code taken} says whether the SMSC kept the message. */
    record Arrival(String messageId, String to, String step, boolean taken, String smscId) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Map<String, Deque<Step>> scripts = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ServerSocket server;

    private FaultySmsc(ServerSocket server) {
        this.server = server;
    }

    static FaultySmsc start() {
        try {
            FaultySmsc smsc = new FaultySmsc(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            smsc.threads.execute(smsc::accept);
            return smsc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + PATH;
    }

    /** The next submissions to {@code to} (as sent: {@code +} and digits) follow {@code steps}, one each. */
    void script(String to, Step... steps) {
        scripts.put(to, new ArrayDeque<>(List.of(steps)));
    }

    /** Every submission of these gateway message ids, in arrival order. */
    List<Arrival> arrivals(List<String> messageIds) {
        synchronized (arrivals) {
            return arrivals.stream().filter(a -> messageIds.contains(a.messageId())).toList();
        }
    }

    /** How many times each of these message ids was submitted (0 for none). */
    Map<String, Long> submissions(List<String> messageIds) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        messageIds.forEach(id -> counts.put(id, 0L));
        arrivals(messageIds).forEach(a -> counts.merge(a.messageId(), 1L, Long::sum));
        return counts;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            // Keep-alive: the client may send several submissions over one connection.
            while (true) {
                byte[] body = readRequest(in);
                if (body == null) {
                    return;
                }
                JsonNode message = json.readTree(body);
                String to = message.path("to").asText();
                String messageId = message.path("reference").asText();
                Deque<Step> script = scripts.get(to);
                Step step = script == null ? null : script.pollFirst();
                if (step == null) {
                    step = new TakeThen(() -> { });
                }
                if (step instanceof Answer answer) {
                    log(messageId, to, "HTTP " + answer.status(), false, null);
                    String headers = answer.retryAfter() == null ? "" : "Retry-After: " + answer.retryAfter() + "\r\n";
                    respond(out, answer.status(), headers, "scripted refusal");
                } else if (step instanceof AnswerLate late) {
                    String id = log(messageId, to, "late answer", true, "smsc-" + ids.incrementAndGet());
                    Thread.sleep(late.delay().toMillis());
                    respond(out, 200, "", "{\"id\":\"" + id + "\"}");
                    return;
                } else if (step instanceof Drop) {
                    log(messageId, to, "dropped", true, "smsc-" + ids.incrementAndGet());
                    return;
                } else {
                    String id = log(messageId, to, "taken", true, "smsc-" + ids.incrementAndGet());
                    ((TakeThen) step).hook().run();
                    respond(out, 200, "", "{\"id\":\"" + id + "\"}");
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away (a timeout on its side), or the SMSC is closing.
        }
    }

    private String log(String messageId, String to, String step, boolean taken, String smscId) {
        synchronized (arrivals) {
            arrivals.add(new Arrival(messageId, to, step, taken, smscId));
        }
        return smscId;
    }

    /** The body of the next request on the connection, or null once the client closed it. */
    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        if (matched < 4) {
            return null;
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return in.readNBytes(length);
    }

    private static void respond(OutputStream out, int status, String headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String type = body.startsWith("{") ? "application/json" : "text/plain";
        out.write(("HTTP/1.1 " + status + " Scripted\r\nContent-Type: " + type + "\r\nContent-Length: " + bytes.length + "\r\n"
                + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        threads.shutdownNow();
    }

    /** Starts the SMSC before Quarkus, so that its address is in the configuration the dispatcher reads. */
    public static class Resource extends DispatcherStackResource {

        static volatile FaultySmsc running;

        @Override
        protected Map<String, String> smsc() {
            running = FaultySmsc.start();
            return Map.of("sms.smsc.url", running.url());
        }

        @Override
        public void stop() {
            if (running != null) {
                running.close();
            }
            super.stop();
        }
    }
}
