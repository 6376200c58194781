package com.ninebits.sms.local.bench;

import com.ninebits.sms.local.LocalGateway;
import com.ninebits.sms.testsupport.Kannel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * End-to-end dispatch throughput: one batch of {@link #MESSAGES} one-part messages accepted, then
 * timed until every message is {@code dispatched} (or further) and until every one is
 * {@code delivered}, as the status endpoint counts them. Through the built-in simulator (which
 * reports delivery through the DLR webhook) and through real Kannel (bearerbox, smsbox and its
 * fake SMSC, whose delivery reports come back through the DLR webhook too). Repeated, median with
 * spread.
 */
public final class DispatchBenchmark {

    static final int MESSAGES = 2_000;
    static final int RUNS = 3;
    static final Duration LIMIT = Duration.ofMinutes(5);
    private static final Pattern COUNT = Pattern.compile("\"(\\w+)\":(\\d+)");

    private DispatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        List<String> lines = new ArrayList<>();
        lines.addAll(run(root, "simulator", Map.of("SMS_SMSC_CONNECTOR", "simulator")));
        Path work = Files.createTempDirectory("bench-kannel");
        try (Kannel kannel = Kannel.start(work)) {
            lines.addAll(run(root, "kannel", Map.of("SMS_SMSC_CONNECTOR", "kannel", "SMS_SMSC_URL", kannel.sendsmsUrl(),
                    "SMS_SMSC_USERNAME", kannel.username(), "SMS_SMSC_PASSWORD", kannel.password())));
        }
        System.out.println();
        System.out.println("== dispatch benchmark (" + MESSAGES + " messages a run, " + Runtime.getRuntime().availableProcessors()
                + " cores) ==");
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static List<String> run(Path root, String connector, Map<String, String> overrides) throws Exception {
        LocalGateway.Options options = LocalGateway.Options.fromEnvironment(Map.of())
                .withPorts(0, 0, 0)
                .withHttpInstances(1)
                .withOverrides(overrides);
        List<Double> dispatched = new ArrayList<>();
        List<Double> delivered = new ArrayList<>();
        try (LocalGateway gateway = LocalGateway.start(root, options)) {
            String token = AcceptBenchmark.openAccount(gateway);
            HttpClient http = HttpClient.newHttpClient();
            oneRun(http, gateway.apiBaseUrl(), token, 200); // warm every function on the path
            for (int run = 0; run < RUNS; run++) {
                double[] times = oneRun(http, gateway.apiBaseUrl(), token, MESSAGES);
                dispatched.add(MESSAGES / times[0]);
                delivered.add(MESSAGES / times[1]);
            }
        }
        return List.of(
                String.format("%-9s accept → dispatched : %s", connector, Figures.summary(dispatched, "msg/s")),
                String.format("%-9s accept → delivered  : %s", connector, Figures.summary(delivered, "msg/s")));
    }

    /** Seconds from sending the batch until all are dispatched, and until all are delivered. */
    private static double[] oneRun(HttpClient http, String base, String token, int messages) throws Exception {
        String ref = "bench-" + UUID.randomUUID();
        String to = IntStream.range(0, messages).mapToObj(i -> String.format("\"23480%07d1\"", i))
                .collect(Collectors.joining(",", "[", "]"));
        long start = System.nanoTime();
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(base + "/ng/v1/sendsms"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"myCode\",\"to\":" + to
                        + ",\"body\":\"Throughput\",\"delivery_report\":\"none\",\"reference_id\":\"" + ref + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (sent.statusCode() != 202) {
            throw new IllegalStateException("send answered " + sent.statusCode() + ": " + sent.body());
        }
        double dispatchedAt = -1;
        long deadline = start + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Integer> counts = counts(http, base, token, ref);
            int delivered = counts.getOrDefault("delivered", 0);
            int past = messages - counts.getOrDefault("queued", messages);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (dispatchedAt < 0 && past == messages) {
                dispatchedAt = seconds;
            }
            if (delivered == messages) {
                return new double[]{dispatchedAt < 0 ? seconds : dispatchedAt, seconds};
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not all " + messages + " messages were delivered within " + LIMIT + ": "
                + counts(http, base, token, ref));
    }

    private static Map<String, Integer> counts(HttpClient http, String base, String token, String ref) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/ng/v1/sendsms/status/" + ref + "?page_size=1"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        int at = body.indexOf("\"counts\":{");
        String counts = body.substring(at + 10, body.indexOf('}', at));
        Map<String, Integer> out = new java.util.HashMap<>();
        Matcher m = COUNT.matcher(counts);
        while (m.find()) {
            out.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return out;
    }
}
