package com.ninebits.sms.local.bench;

import com.ninebits.sms.local.LocalGateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How fast the gateway accepts: one-recipient {@code POST /ng/v1/sendsms} latency (p50, p99 over
 * 2,000 sequential requests per run) and the time to accept one 10,000-recipient batch, each
 * repeated and reported as the median with its spread. Runs against the whole local gateway
 * ({@code ./mvnw -Pbench package}): the API function in its own JVM behind the local Lambda
 * Runtime API, dynalite and ElasticMQ, the dispatcher consuming what is accepted meanwhile.
 */
public final class AcceptBenchmark {

    static final int WARM_UP = 300;
    static final int REQUESTS_PER_RUN = 2_000;
    static final int RUNS = 3;
    static final int BIG_BATCH = 10_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    private AcceptBenchmark(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        LocalGateway.Options options = LocalGateway.Options.fromEnvironment(Map.of())
                .withPorts(0, 0, 0)
                .withHttpInstances(1)
                .withOverrides(Map.of("SMS_SMSC_CONNECTOR", "simulator"));
        try (LocalGateway gateway = LocalGateway.start(root, options)) {
            String accountToken = openAccount(gateway);
            AcceptBenchmark bench = new AcceptBenchmark(gateway.apiBaseUrl(), accountToken);
            bench.run();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            sendOne();
        }
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            double[] latencies = new double[REQUESTS_PER_RUN];
            for (int i = 0; i < REQUESTS_PER_RUN; i++) {
                latencies[i] = sendOne();
            }
            p50s.add(Figures.percentile(latencies, 50));
            p99s.add(Figures.percentile(latencies, 99));
        }
        sendBig(); // warm the large-request path
        List<Double> big = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            big.add(sendBig());
        }
        System.out.println();
        System.out.println("== accept benchmark (local stack, " + Runtime.getRuntime().availableProcessors() + " cores) ==");
        System.out.println("one-recipient accept p50  : " + Figures.summary(p50s, "ms") + ", " + REQUESTS_PER_RUN + " requests a run");
        System.out.println("one-recipient accept p99  : " + Figures.summary(p99s, "ms"));
        System.out.println("10,000-recipient batch    : " + Figures.summary(big, "ms"));
    }

    /** Milliseconds from sending a one-recipient batch to its 202. */
    private double sendOne() throws Exception {
        String body = "{\"from\":\"myCode\",\"to\":[\"2348020000001\"],\"body\":\"Benchmark\",\"reference_id\":\""
                + UUID.randomUUID() + "\"}";
        return timedSend(body);
    }

    private double sendBig() throws Exception {
        String to = IntStream.range(0, BIG_BATCH).mapToObj(i -> String.format("\"23480%07d1\"", i))
                .collect(Collectors.joining(",", "[", "]"));
        String body = "{\"from\":\"myCode\",\"to\":" + to + ",\"body\":\"Benchmark\",\"reference_id\":\"" + UUID.randomUUID() + "\"}";
        return timedSend(body);
    }

    private double timedSend(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/ng/v1/sendsms"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 202) {
            throw new IllegalStateException("send answered " + response.statusCode() + ": " + response.body());
        }
        return ms;
    }

    /** An account with credit for the whole run and a rate high enough that dispatch keeps up. */
    static String openAccount(LocalGateway gateway) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(gateway.apiBaseUrl() + "/ng/v1/admin/accounts"))
                .header("X-Admin-Key", gateway.adminKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"bench\",\"default_country\":\"NG\",\"balance\":100000000,\"rate_limit_mps\":5000}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (opened.statusCode() != 201) {
            throw new IllegalStateException("opening the benchmark account answered " + opened.statusCode() + ": " + opened.body());
        }
        String accountId = field(opened.body(), "account_id");
        HttpResponse<String> approved = http.send(HttpRequest.newBuilder(
                        URI.create(gateway.apiBaseUrl() + "/ng/v1/admin/accounts/" + accountId + "/sender-ids/myCode"))
                .header("X-Admin-Key", gateway.adminKey())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"approved\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (approved.statusCode() != 200) {
            throw new IllegalStateException("approving myCode answered " + approved.statusCode());
        }
        return field(opened.body(), "api_token");
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\"");
        int start = json.indexOf('"', json.indexOf(':', at) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }
}
