package com.ninebits.sms.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A generic JSON SMSC (the {@code http} connector's default fields: {@code to}, {@code from},
 * {@code text}, answer {@code id}) that logs every submission with its arrival time and the time
 * it answered, answers 500 to a number as often as it was told to, and answers chosen numbers
 * only after a delay, as a distant SMSC does.
 */
final class ScriptedSmsc implements AutoCloseable {

    static final String PATH = "/api/sms";

    /** One submission as it arrived; {@code status} is what the SMSC answered, at {@code answeredAt} (null: not yet). */
    record Arrival(Instant at, String to, String text, int status, String smscId, Instant answeredAt) {

        boolean taken() {
            return status == 200;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Map<String, AtomicInteger> failuresToGive = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    private ScriptedSmsc(HttpServer server) {
        this.server = server;
    }

    static ScriptedSmsc start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ScriptedSmsc smsc = new ScriptedSmsc(server);
            server.createContext(PATH, smsc::handle);
            server.setExecutor(smsc.threads);
            server.start();
            return smsc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The next {@code times} submissions to {@code to} (as sent: {@code +} and digits) are answered 500. */
    void failNext(String to, int times) {
        failuresToGive.put(to, new AtomicInteger(times));
    }

    /** Submissions to these numbers are answered {@code delay} after they arrive. */
    void answerAfter(List<String> numbers, Duration delay) {
        numbers.forEach(n -> delays.put(n, delay));
    }

    /** The most submissions to these numbers that were awaiting their answer at one time. */
    int mostAtOnce(List<String> numbers) {
        List<Arrival> calls = arrivals(numbers);
        int most = 0;
        for (Arrival a : calls) {
            int atOnce = (int) calls.stream().filter(b -> !b.at().isAfter(a.at())
                    && (b.answeredAt() == null || b.answeredAt().isAfter(a.at()))).count();
            most = Math.max(most, atOnce);
        }
        return most;
    }

    /** Every submission to these numbers, in arrival order. */
    List<Arrival> arrivals(List<String> numbers) {
        synchronized (arrivals) {
            return arrivals.stream().filter(a -> numbers.contains(a.to())).toList();
        }
    }

    /** The submissions to these numbers that the SMSC took, in arrival order. */
    List<Arrival> taken(List<String> numbers) {
        return arrivals(numbers).stream().filter(Arrival::taken).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant at = Instant.now();
            JsonNode message = json.readTree(exchange.getRequestBody().readAllBytes());
            String to = message.path("to").asText();
            AtomicInteger failures = failuresToGive.get(to);
            boolean fail = failures != null && failures.getAndDecrement() > 0;
            String smscId = fail ? null : "smsc-" + ids.incrementAndGet();
            Arrival arrival = new Arrival(at, to, message.path("text").asText(), fail ? 500 : 200, smscId, null);
            int slot;
            synchronized (arrivals) {
                slot = arrivals.size();
                arrivals.add(arrival);
            }
            Duration delay = delays.get(to);
            if (delay != null) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] answer = (fail ? "scripted failure" : "{\"id\":\"" + smscId + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", fail ? "text/plain" : "application/json");
            exchange.sendResponseHeaders(fail ? 500 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            synchronized (arrivals) {
                arrivals.set(slot, new Arrival(at, to, arrival.text(), arrival.status(), smscId, Instant.now()));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** Starts the SMSC before Quarkus, so that its address is in the configuration the dispatcher reads. */
    public static class Resource extends DispatcherStackResource {

        static volatile ScriptedSmsc running;

        @Override
        protected Map<String, String> smsc() {
            running = ScriptedSmsc.start();
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
