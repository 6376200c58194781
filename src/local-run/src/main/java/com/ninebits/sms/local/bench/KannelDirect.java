package com.ninebits.sms.local.bench;

import com.ninebits.sms.testsupport.Kannel;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kannel alone, the yardstick: bearerbox, smsbox and fakesmsc (the test harness's {@link Kannel}),
 * driven straight through smsbox's {@code sendsms}, each message asking for the delivery reports
 * our dispatcher asks for ({@code dlr-mask=19}) at a small receiver here that counts them per run.
 */
final class KannelDirect implements AutoCloseable {

    private static final String DLR_MASK = "19";
    private static final Duration STALL = Duration.ofSeconds(15);

    private final Kannel kannel;
    private final HttpServer receiver;
    private final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    private final Map<String, Long> lastDeliveredAt = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KannelDirect(Kannel kannel, HttpServer receiver) {
        this.kannel = kannel;
        this.receiver = receiver;
        receiver.createContext("/dlr", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.contains("type=1")) {
                delivered.computeIfAbsent(param(query, "run"), r -> new AtomicInteger()).incrementAndGet();
                lastDeliveredAt.put(param(query, "run"), System.nanoTime());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
    }

    static KannelDirect start() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // smsbox keeps its connections to the receiver open between reports and does not retry a
        // report whose connection the server had closed as idle (30 s by default): keep them open.
        System.setProperty("sun.net.httpserver.idleInterval", "3600");
        System.setProperty("sun.net.httpserver.maxIdleConnections", "1000");
        // At log-level 1 (info), as a gateway in service logs; the tests' harness default is 0 (debug).
        Kannel kannel = Kannel.start(Files.createTempDirectory("bench-kannel"), 1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        KannelDirect direct = new KannelDirect(kannel, receiver);
        receiver.start();
        return direct;
    }

    Kannel kannel() {
        return kannel;
    }

    /** bearerbox and smsbox, by name (fakesmsc plays the operator, which is no part of the gateway). */
    Map<String, Long> boxPids() {
        String config = kannel.workDir().resolve("kannel.conf").toString();
        Map<String, Long> pids = new java.util.TreeMap<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String command = p.info().command().orElse("");
            List<String> args = List.of(p.info().arguments().orElse(new String[0]));
            if (args.contains(config) && (command.endsWith("/bearerbox") || command.endsWith("/smsbox"))) {
                pids.put(command.substring(command.lastIndexOf('/') + 1), p.pid());
            }
        });
        if (pids.size() != 2) {
            throw new IllegalStateException("expected bearerbox and smsbox, found " + pids);
        }
        return pids;
    }

    /** Milliseconds from a sendsms GET to its {@code 0: Accepted for delivery}. */
    double send(String run, List<String> to) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(run, to))).timeout(Duration.ofMinutes(2)).GET().build();
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (answer.statusCode() != 202 || !answer.body().startsWith("0:")) {
            throw new IllegalStateException("Kannel's sendsms answered " + answer.statusCode() + ": " + answer.body());
        }
        return ms;
    }

    /** Delivered reports counted so far for a run. */
    int delivered(String run) {
        AtomicInteger n = delivered.get(run);
        return n == null ? 0 : n.get();
    }

    /**
     * Waits until the run has {@code expected} delivered reports; false if it has not within the
     * limit, or if none has come for {@code STALL} (smsbox gives up on a report it fails to send).
     */
    boolean awaitDelivered(String run, int expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int seen = -1;
        long lastProgress = System.nanoTime();
        while (delivered(run) < expected) {
            int now = delivered(run);
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            }
            if (System.nanoTime() > deadline || System.nanoTime() - lastProgress > STALL.toNanos()) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Sends {@code messages} one-recipient messages through {@code concurrency} connections and
     * returns the seconds until every one was accepted and until the last was reported delivered,
     * and how many were reported delivered.
     */
    double[] throughput(String run, int messages, int concurrency, Duration limit) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<?>> all = new java.util.ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                all.add(senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                        send(run, List.of(String.format("23480%07d1", i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
        }
        double accepted = (System.nanoTime() - start) / 1e9;
        awaitDelivered(run, messages, limit);
        return new double[]{accepted, (lastDeliveredAt.getOrDefault(run, start) - start) / 1e9, delivered(run)};
    }

    private String url(String run, List<String> to) {
        String dlrUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/dlr?run=" + run + "&type=%d";
        return kannel.sendsmsUrl() + "?username=" + enc(kannel.username()) + "&password=" + enc(kannel.password())
                + "&from=myCode&to=" + enc(String.join(" ", to)) + "&text=Benchmark&dlr-mask=" + DLR_MASK
                + "&dlr-url=" + enc(dlrUrl);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return "";
    }

    @Override
    public void close() {
        receiver.stop(0);
        kannel.close();
    }
}
