package com.ninebits.sms.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * Where an SMSC gateway under test sends its delivery reports: a local HTTP server that answers
 * every request 200 and keeps its path and decoded query, in the order they came.
 */
public final class ReportReceiver implements AutoCloseable {

    /** One request as it came: its path and its query, decoded (a name without a value maps to ""). */
    public record Report(String path, Map<String, String> query) {
    }

    private final HttpServer server;
    private final BlockingQueue<Report> reports = new LinkedBlockingQueue<>();

    private ReportReceiver(HttpServer server) {
        this.server = server;
    }

    public static ReportReceiver start() {
        try {
            ReportReceiver receiver = new ReportReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            receiver.server.createContext("/", exchange -> {
                receiver.reports.add(new Report(exchange.getRequestURI().getPath(), query(exchange.getRequestURI().getRawQuery())));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            receiver.server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Waits for {@code count} reports whose {@code message_id} is {@code messageId}, passing over
     * (and dropping) the others; fails the test if they have not all come within {@code patience}.
     */
    public List<Report> await(String messageId, int count, Duration patience) throws InterruptedException {
        List<Report> found = new ArrayList<>();
        long deadline = System.nanoTime() + patience.toNanos();
        while (found.size() < count) {
            Report report = reports.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (report == null) {
                throw new AssertionError("only " + found.size() + " of " + count + " delivery reports arrived: " + found);
            }
            if (messageId.equals(report.query().get("message_id"))) {
                found.add(report);
            }
        }
        return found;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
