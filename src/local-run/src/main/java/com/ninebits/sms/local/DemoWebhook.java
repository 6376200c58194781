package com.ninebits.sms.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The demo account's webhook in a local run: answers 204 to every callback and prints one line
 * for it, so that a developer sees the delivery reports a customer would get.
 */
final class DemoWebhook implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private DemoWebhook(HttpServer server) {
        this.server = server;
    }

    static DemoWebhook start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-Signature");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            Console.line("[webhook] " + describe(new String(body, StandardCharsets.UTF_8))
                    + (signature == null ? " UNSIGNED" : " signed " + signature.substring(0, Math.min(signature.length(), 16)) + "…"));
        });
        server.start();
        return new DemoWebhook(server);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/demo-webhook";
    }

    private static String describe(String body) {
        try {
            JsonNode e = JSON.readTree(body);
            String to = e.path("to").asText("");
            return e.path("type").asText() + " " + e.path("event_id").asText() + " reference=" + e.path("reference_id").asText()
                    + " to=…" + (to.length() > 4 ? to.substring(to.length() - 4) : to) + " status=" + e.path("status").asText()
                    + (e.path("smsc_timestamp").isTextual() ? " smsc_timestamp=" + e.path("smsc_timestamp").asText() : "");
        } catch (IOException e) {
            return "a body that is not JSON (" + body.length() + " characters)";
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
