package com.ninebits.sms.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ninebits.sms.local.LocalGateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** What the benchmarks ask of the gateway's public and operator API: accounts to send from, and batches. */
final class GatewayClient {

    /**
     * An account the benchmark sends from.
     *
     * @param window its {@code dispatch_window} as the API reports it; empty where this build has none
     */
    record Account(String id, String token, int rateLimitMps, OptionalInt window) {

        /** The most messages per second it can reach with an SMSC answering after {@code latency}: min(rate, window / latency). */
        double ceiling(Duration latency) {
            if (window.isEmpty() || latency.isZero()) {
                return rateLimitMps;
            }
            return Math.min(rateLimitMps, window.getAsInt() / (latency.toNanos() / 1e9));
        }
    }

    static final String SENDER = "myCode";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String adminKey;

    GatewayClient(LocalGateway gateway) {
        this.base = gateway.apiBaseUrl();
        this.adminKey = gateway.adminKey();
    }

    /**
     * Opens an account with credit for the whole run, its sender ID approved. {@code dispatch_window}
     * is asked for when {@code window} is given, and left out if the API refuses it (a build from
     * before it): the account then has whatever the build does, and {@link Account#window} says so.
     */
    Account open(String name, int rateLimitMps, OptionalInt window) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("name", name).put("default_country", "NG")
                .put("balance", 100_000_000L).put("rate_limit_mps", rateLimitMps)
                // A benchmark measures the gateway, not the per-token request rate it imposes.
                .put("api_rate_limit", 10_000);
        window.ifPresent(w -> body.put("dispatch_window", w));
        HttpResponse<String> opened = admin("POST", "/ng/v1/admin/accounts", body.toString());
        if (opened.statusCode() == 400 && window.isPresent()) {
            System.out.println("(this build refused dispatch_window " + window.getAsInt() + ": " + opened.body()
                    + "; the account has the build's own)");
            body.remove("dispatch_window");
            opened = admin("POST", "/ng/v1/admin/accounts", body.toString());
        }
        if (opened.statusCode() != 201) {
            throw new IllegalStateException("opening account " + name + " answered " + opened.statusCode() + ": " + opened.body());
        }
        JsonNode account = json.readTree(opened.body());
        String id = account.get("account_id").asText();
        String token = account.get("api_token").asText();
        HttpResponse<String> approved = admin("PUT", "/ng/v1/admin/accounts/" + id + "/sender-ids/" + SENDER,
                "{\"status\":\"approved\"}");
        if (approved.statusCode() != 200) {
            throw new IllegalStateException("approving " + SENDER + " answered " + approved.statusCode() + ": " + approved.body());
        }
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(base + "/ng/v1/account"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode settings = json.readTree(read.body());
        JsonNode reported = settings.get("dispatch_window");
        return new Account(id, token, settings.path("rate_limit_mps").asInt(rateLimitMps),
                reported != null && reported.canConvertToInt() ? OptionalInt.of(reported.asInt()) : OptionalInt.empty());
    }

    /**
     * Sends one batch of {@code recipients} distinct numbers, without callbacks, under {@code reference};
     * the milliseconds until its 202.
     */
    double send(Account account, String reference, int recipients) throws IOException, InterruptedException {
        String to = IntStream.range(0, recipients).mapToObj(i -> String.format("\"23480%07d1\"", i))
                .collect(Collectors.joining(",", "[", "]"));
        String body = "{\"from\":\"" + SENDER + "\",\"to\":" + to + ",\"body\":\"Benchmark\",\"delivery_report\":\"none\","
                + "\"reference_id\":\"" + reference + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/ng/v1/sendsms"))
                .header("Authorization", "Bearer " + account.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> sent = http.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (sent.statusCode() != 202) {
            throw new IllegalStateException("send answered " + sent.statusCode() + ": " + sent.body());
        }
        return ms;
    }

    private HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Admin-Key", adminKey)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
