package com.ninebits.sms.local.bench;

import com.ninebits.sms.local.LocalGateway;
import com.ninebits.sms.testsupport.OperatorApi;
import com.ninebits.sms.testsupport.TestAccount;

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
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How fast the gateway accepts, side by side with Kannel in the same run: one-recipient send
 * latency (p50, p99 over {@code bench.requests} sequential requests a run, default 2,000) of ours
 * and of Kannel's {@code sendsms} with a delivery report requested; the time to accept one batch
 * of {@code bench.batch} recipients (default 10,000; Kannel: one {@code sendsms} with them all in
 * its {@code to} list); and the API function's cold start, from its JVM's start to its first
 * accepted request. Every figure is repeated {@code bench.runs} times (default 3) and printed as
 * the median with its spread. Runs against the whole local gateway ({@code ./mvnw -Pbench
 * package}): the API function in its own JVM behind the local Lambda Runtime API, dynalite and
 * ElasticMQ, the dispatcher consuming what is accepted meanwhile.
 */
public final class AcceptBenchmark {

    static final int RUNS = Integer.getInteger("bench.runs", 3);
    static final int REQUESTS_PER_RUN = Integer.getInteger("bench.requests", 2_000);
    static final int WARM_UP = Math.max(1, REQUESTS_PER_RUN / 7);
    static final int BIG_BATCH = Integer.getInteger("bench.batch", 10_000);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    private AcceptBenchmark(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        if (!Selected.figure("accept")) {
            return;
        }
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        List<String> lines = new ArrayList<>();
        List<List<Double>> kannelFigures;
        try (KannelDirect kannel = KannelDirect.start()) {
            kannelFigures = kannelRuns(kannel);
        }
        Path counters = Files.createTempDirectory("bench-counters");
        LocalGateway.Options options = LocalGateway.Options.fromEnvironment(Map.of())
                .withPorts(0, 0, 0)
                .withHttpInstances(1)
                .withOverrides(Map.of("SMS_SMSC_CONNECTOR", "simulator", "SMS_BENCH_COUNTERS", counters.toString(),
                        "SMS_SEND_MAXRECIPIENTS", Integer.toString(Math.max(BIG_BATCH, 10_000))));
        try (LocalGateway gateway = LocalGateway.start(root, options)) {
            String accountToken = openAccount(gateway);
            AcceptBenchmark bench = new AcceptBenchmark(gateway.apiBaseUrl(), accountToken);
            Thread.sleep(RequestTally.FLUSH_MILLIS);
            RequestTally before = RequestTally.read(counters, LocalGateway.API_FUNCTION);
            List<List<Double>> ours = bench.latencyRuns();
            Thread.sleep(RequestTally.FLUSH_MILLIS);
            RequestTally calls = RequestTally.read(counters, LocalGateway.API_FUNCTION).minus(before);
            List<Double> big = bench.bigRuns();
            List<Double> coldStarts = bench.coldStarts(gateway);
            List<Double> kp50 = kannelFigures.get(0);
            List<Double> kp99 = kannelFigures.get(1);
            List<Double> kbig = kannelFigures.get(2);
            lines.add("one-recipient accept p50, ours      : " + Figures.summary(ours.get(0), "ms"));
            lines.add("one-recipient accept p50, Kannel    : " + Figures.summary(kp50, "ms"));
            lines.add("  ours / Kannel                     : " + Figures.ratio(ours.get(0), kp50));
            lines.add("one-recipient accept p99, ours      : " + Figures.summary(ours.get(1), "ms"));
            lines.add("one-recipient accept p99, Kannel    : " + Figures.summary(kp99, "ms"));
            lines.add("  ours / Kannel                     : " + Figures.ratio(ours.get(1), kp99));
            lines.add(String.format("%,d recipients in one request, ours  : %s", BIG_BATCH, Figures.summary(big, "ms")));
            lines.add(String.format("%,d recipients in one request, Kannel: %s", BIG_BATCH, Figures.summary(kbig, "ms")));
            lines.add("  Kannel / ours (times faster)      : " + Figures.ratio(kbig, big));
            lines.add("API function JVM start → first 202  : " + Figures.summary(coldStarts, "ms"));
            lines.add("store and queue calls of one one-recipient accept, and each one's wait at the client:");
            lines.add("  " + calls.perMessage(WARM_UP + RUNS * REQUESTS_PER_RUN));
        }
        System.out.println();
        System.out.println("== accept benchmark (" + REQUESTS_PER_RUN + " sequential requests a run, " + RUNS + " runs, "
                + Runtime.getRuntime().availableProcessors() + " cores) ==");
        lines.forEach(System.out::println);
        System.exit(0);
    }

    /** Kannel's p50s, p99s and big-request times, one of each per run. */
    private static List<List<Double>> kannelRuns(KannelDirect kannel) throws Exception {
        List<String> one = List.of("2348020000001");
        for (int i = 0; i < WARM_UP; i++) {
            kannel.send("warm", one);
        }
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            double[] latencies = new double[REQUESTS_PER_RUN];
            for (int i = 0; i < REQUESTS_PER_RUN; i++) {
                latencies[i] = kannel.send("latency" + run, one);
            }
            p50s.add(Figures.percentile(latencies, 50));
            p99s.add(Figures.percentile(latencies, 99));
            // Let its reports drain, so that one run's reports do not load the next run.
            if (!kannel.awaitDelivered("latency" + run, REQUESTS_PER_RUN, Duration.ofMinutes(2))) {
                System.out.println("(Kannel run latency" + run + ": " + kannel.delivered("latency" + run) + " of "
                        + REQUESTS_PER_RUN + " delivered reports came back)");
            }
        }
        List<String> many = IntStream.range(0, BIG_BATCH).mapToObj(i -> String.format("23480%07d1", i)).toList();
        List<Double> big = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            big.add(kannel.send("big" + run, many));
            if (!kannel.awaitDelivered("big" + run, BIG_BATCH, Duration.ofMinutes(5))) {
                System.out.println("(Kannel run big" + run + ": " + kannel.delivered("big" + run) + " of " + BIG_BATCH
                        + " delivered reports came back)");
            }
        }
        return List.of(p50s, p99s, big);
    }

    private List<List<Double>> latencyRuns() throws Exception {
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
        return List.of(p50s, p99s);
    }

    private List<Double> bigRuns() throws Exception {
        sendBig(); // warm the large-request path
        List<Double> big = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            big.add(sendBig());
        }
        return big;
    }

    /**
     * Kills the API function's instance, as when Lambda retires an execution environment, and
     * sends at once: the request waits for the replacement, and the time counted is from the new
     * JVM's start (the kernel's record of it) to the 202 in hand.
     */
    private List<Double> coldStarts(LocalGateway gateway) throws Exception {
        List<Double> times = new ArrayList<>();
        String instance = LocalGateway.API_FUNCTION + "#1";
        for (int run = 0; run < RUNS; run++) {
            long old = gateway.instancePids().get(instance);
            ProcessHandle.of(old).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
            awaitReplacement();
            double answeredAt = ProcessStats.uptime();
            Long fresh = gateway.instancePids().get(instance);
            if (fresh == null || fresh == old) {
                throw new IllegalStateException("no new instance of " + instance + " answered");
            }
            times.add((answeredAt - ProcessStats.startedAt(fresh)) * 1000);
        }
        return times;
    }

    /**
     * Sends until the replacement instance answers. On a loaded machine it may take longer to start
     * than the function's timeout, after which the waiting request is answered 503; the time is
     * counted from the JVM's start, so a retry does not change it.
     */
    private void awaitReplacement() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                sendOne();
                return;
            } catch (IllegalStateException e) {
                if (!e.getMessage().startsWith("send answered 503") || System.nanoTime() > deadline) {
                    throw e;
                }
                System.out.println("(the replacement API instance is not up yet: " + e.getMessage() + "; sending again)");
            }
        }
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
        return new GatewayClient(gateway).open("bench", 5_000, OptionalInt.empty()).token();
    }
}
