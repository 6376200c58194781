package com.ninebits.sms.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small generic JSON SMSC, spoken to by the gateway's {@code http} connector: it takes
 * {@code POST {to, from, text, reference}} and answers {@code 200 {"id": …}} after a fixed delay,
 * any number at once (a thread per submission in flight), and records when and in which order
 * each batch's submissions arrived. The reference is the gateway's message id,
 * {@code account~reference~index}, so every arrival names its batch and its place in {@code to}.
 */
final class JsonSmsc implements AutoCloseable {

    /** One submission as it arrived: its place in its batch's {@code to}, and when ({@link System#nanoTime}). */
    record Arrival(int index, long nanos) {
    }

    /**
     * What one batch's submissions looked like at the SMSC.
     *
     * @param outOfOrder      arrivals of a message after one that comes later in {@code to}
     * @param maxDisplacement how many places back the worst of those was
     * @param perSecond       distinct messages per second from the first arrival to the last
     */
    record Seen(int arrivals, int distinct, int duplicates, int outOfOrder, int maxDisplacement, double perSecond,
            long firstNanos, long lastNanos) {

        static Seen of(List<Arrival> arrivals) {
            BitSet seen = new BitSet();
            int duplicates = 0;
            int outOfOrder = 0;
            int maxDisplacement = 0;
            int highest = -1;
            for (Arrival a : arrivals) {
                if (seen.get(a.index())) {
                    duplicates++;
                    continue;
                }
                seen.set(a.index());
                if (a.index() < highest) {
                    outOfOrder++;
                    maxDisplacement = Math.max(maxDisplacement, highest - a.index());
                }
                highest = Math.max(highest, a.index());
            }
            int distinct = seen.cardinality();
            long first = arrivals.isEmpty() ? 0 : arrivals.get(0).nanos();
            long last = arrivals.isEmpty() ? 0 : arrivals.get(arrivals.size() - 1).nanos();
            double perSecond = distinct > 1 && last > first ? (distinct - 1) / ((last - first) / 1e9) : Double.NaN;
            return new Seen(arrivals.size(), distinct, duplicates, outOfOrder, maxDisplacement, perSecond, first, last);
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "json-smsc");
        t.setDaemon(true);
        return t;
    });
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, List<Arrival>> byBatch = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> firstArrivals = new ConcurrentHashMap<>();
    private volatile long delayMillis;

    private JsonSmsc(HttpServer server) {
        this.server = server;
        server.setExecutor(handlers);
        server.createContext("/submit", this::submit);
    }

    static JsonSmsc start() throws IOException {
        // Without it every small answer waits out the client's delayed ACK (~40 ms): see LocalGateway.start.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        JsonSmsc smsc = new JsonSmsc(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024));
        smsc.server.start();
        return smsc;
    }

    /** The connector's {@code SMS_SMSC_URL}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/submit";
    }

    /** From now on, every submission is answered this long after it arrived. */
    void answerAfter(Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    /** The batch's submissions so far, in the order they arrived. */
    List<Arrival> arrivals(String accountId, String referenceId) {
        List<Arrival> arrivals = byBatch.get(accountId + "~" + referenceId);
        if (arrivals == null) {
            return List.of();
        }
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    /** Completes with the {@link System#nanoTime} at which the batch's first submission arrives. */
    CompletableFuture<Long> firstArrival(String accountId, String referenceId) {
        return firstArrivals.computeIfAbsent(accountId + "~" + referenceId, k -> new CompletableFuture<>());
    }

    private void submit(HttpExchange exchange) throws IOException {
        try (exchange) {
            long arrived = System.nanoTime();
            JsonNode body = json.readTree(exchange.getRequestBody());
            String reference = body == null || body.get("reference") == null ? "" : body.get("reference").asText();
            int last = reference.lastIndexOf('~');
            if (!exchange.getRequestMethod().equals("POST") || last <= 0) {
                answer(exchange, 400, "{\"error\":\"a POST with a reference account~batch~index is required\"}");
                return;
            }
            String batch = reference.substring(0, last);
            byBatch.computeIfAbsent(batch, b -> Collections.synchronizedList(new ArrayList<>()))
                    .add(new Arrival(Integer.parseInt(reference.substring(last + 1)), arrived));
            firstArrival(batch.substring(0, batch.indexOf('~')), batch.substring(batch.indexOf('~') + 1)).complete(arrived);
            long delay = delayMillis;
            if (delay > 0) {
                Thread.sleep(delay);
            }
            answer(exchange, 200, "{\"id\":\"" + smscId(reference) + "\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            answer(exchange, 400, "{\"error\":\"unreadable submission\"}");
        }
    }

    /** The id this SMSC gives a message: derived from the gateway's, so that a report can name it without a lookup. */
    static String smscId(String messageId) {
        return "js-" + messageId;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
