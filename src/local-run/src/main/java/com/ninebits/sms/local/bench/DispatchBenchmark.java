package com.ninebits.sms.local.bench;

import com.ninebits.sms.local.LocalGateway;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * End-to-end throughput, side by side with Kannel in one run: {@code bench.messages} one-part
 * messages (default 20,000) from accept to {@code delivered}
 * <ul>
 *   <li>through Kannel alone: one {@code sendsms} each over {@value #KANNEL_CONNECTIONS} connections,
 *       until every delivered report has reached a receiver here;</li>
 *   <li>through the gateway and its built-in simulator, and through the gateway and the same Kannel:
 *       one batch, until the DLR function has taken every report (then confirmed on the status endpoint).</li>
 * </ul>
 * For each: messages per second, CPU seconds per message of the gateway's function processes (and
 * of bearerbox + smsbox), and peak RSS of every process; for the gateway, the DynamoDB and SQS
 * requests per message counted at the client, and what they cost at on-demand prices; and the local
 * DynamoDB server's own ceiling (conditional-free PutItem/s it sustains here). Repeated
 * {@code bench.runs} times (default 3), median with spread.
 */
public final class DispatchBenchmark {

    static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);
    static final int RUNS = Integer.getInteger("bench.runs", 3);
    static final int WARM_UP = Math.max(100, MESSAGES / 20);
    static final int KANNEL_CONNECTIONS = 16;
    static final Duration LIMIT = Duration.ofMinutes(20);
    /** No report for this long: one was lost (an SMSC gives up on a report it could not deliver). */
    static final Duration STALL = Duration.ofSeconds(20);

    // On-demand prices, us-east-1, as AWS publishes them (DynamoDB since its November 2024 cut).
    static final double USD_PER_MILLION_WRITE_UNITS = 0.625;
    static final double USD_PER_MILLION_READ_UNITS = 0.125;
    static final double USD_PER_MILLION_SQS_FIFO_REQUESTS = 0.50;

    private static final Pattern COUNT = Pattern.compile("\"(\\w+)\":(\\d+)");

    private DispatchBenchmark() {
    }

    /** One configuration's figures, a value per run. */
    private record Runs(List<Double> perSecond, List<Double> acceptedPerSecond, List<Double> cpuPerMessage,
            List<Double> kannelCpuPerMessage, List<RequestTally> requests, Map<String, Double> peakRssMb) {
    }

    public static void main(String[] args) throws Exception {
        if (!Selected.figure("throughput")) {
            return;
        }
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        List<String> lines = new ArrayList<>();
        try (KannelDirect kannel = KannelDirect.start()) {
            Runs alone = kannelAlone(kannel);
            List<Double> ceiling = new ArrayList<>();
            Runs simulator = throughGateway(root, kannel, "simulator", Map.of("SMS_SMSC_CONNECTOR", "simulator"), ceiling);
            Runs viaKannel = throughGateway(root, kannel, "kannel", Map.of("SMS_SMSC_CONNECTOR", "kannel",
                    "SMS_SMSC_URL", kannel.kannel().sendsmsUrl(), "SMS_SMSC_USERNAME", kannel.kannel().username(),
                    "SMS_SMSC_PASSWORD", kannel.kannel().password()), null);

            lines.add("Kannel alone, accept → all sendsms answered : " + Figures.summary(alone.acceptedPerSecond(), "msg/s"));
            lines.add("Kannel alone, accept → all delivered DLRs   : " + Figures.summary(alone.perSecond(), "msg/s"));
            lines.add("ours + simulator, accept → all delivered    : " + Figures.summary(simulator.perSecond(), "msg/s"));
            lines.add("  ours + simulator / Kannel alone           : " + Figures.ratio(simulator.perSecond(), alone.perSecond()));
            lines.add("ours + Kannel, accept → all delivered       : " + Figures.summary(viaKannel.perSecond(), "msg/s"));
            lines.add("  ours + Kannel / Kannel alone              : " + Figures.ratio(viaKannel.perSecond(), alone.perSecond()));
            lines.add("local DynamoDB ceiling (PutItem, 8 clients) : " + Figures.summary(ceiling, "writes/s"));
            lines.add("");
            lines.add("CPU per delivered message, Kannel alone (bearerbox + smsbox): "
                    + Figures.summary(scale(alone.kannelCpuPerMessage(), 1e3), "ms"));
            lines.add("CPU per delivered message, ours + simulator (function JVMs) : "
                    + Figures.summary(scale(simulator.cpuPerMessage(), 1e3), "ms"));
            lines.add("  ours / Kannel                                             : "
                    + Figures.ratio(simulator.cpuPerMessage(), alone.kannelCpuPerMessage()));
            lines.add("CPU per delivered message, ours + Kannel (function JVMs)    : "
                    + Figures.summary(scale(viaKannel.cpuPerMessage(), 1e3), "ms") + "; Kannel's boxes in that run "
                    + Figures.summary(scale(viaKannel.kannelCpuPerMessage(), 1e3), "ms"));
            lines.add("");
            lines.addAll(requestLines(simulator.requests()));
            lines.add("");
            lines.add("peak RSS (VmHWM) after the runs:");
            alone.peakRssMb().forEach((name, mb) -> lines.add(String.format(Locale.ROOT, "  %-22s %6.1f MB", name, mb)));
            simulator.peakRssMb().forEach((name, mb) -> lines.add(String.format(Locale.ROOT, "  simulator %-12s %6.1f MB", name, mb)));
            viaKannel.peakRssMb().forEach((name, mb) -> lines.add(String.format(Locale.ROOT, "  kannel %-15s %6.1f MB", name, mb)));
        }
        System.out.println();
        System.out.println("== throughput benchmark (" + MESSAGES + " messages a run, " + RUNS + " runs, "
                + Runtime.getRuntime().availableProcessors() + " cores) ==");
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static Runs kannelAlone(KannelDirect kannel) throws Exception {
        Map<String, Long> boxes = kannel.boxPids();
        kannel.throughput("warm", WARM_UP, KANNEL_CONNECTIONS, LIMIT);
        List<Double> delivered = new ArrayList<>();
        List<Double> accepted = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            double cpuBefore = ProcessStats.cpuSeconds(boxes.values());
            double[] seconds = kannel.throughput("run" + run, MESSAGES, KANNEL_CONNECTIONS, LIMIT);
            int reported = (int) seconds[2];
            if (reported < MESSAGES) {
                System.out.println("(Kannel alone run " + run + ": " + reported + " of " + MESSAGES + " delivered reports came back)");
            }
            cpu.add((ProcessStats.cpuSeconds(boxes.values()) - cpuBefore) / reported);
            accepted.add(MESSAGES / seconds[0]);
            delivered.add(reported / seconds[1]);
        }
        Map<String, Double> rss = new LinkedHashMap<>();
        boxes.forEach((name, pid) -> rss.put(name, ProcessStats.peakRssMb(pid)));
        return new Runs(delivered, accepted, List.of(), cpu, List.of(), rss);
    }

    /** @param ceiling if not null, the local DynamoDB server's ceiling is measured after the runs and added here */
    private static Runs throughGateway(Path root, KannelDirect kannel, String connector, Map<String, String> overrides,
            List<Double> ceiling) throws Exception {
        Path counters = Files.createTempDirectory("bench-counters");
        Map<String, String> env = new HashMap<>(overrides);
        env.put("SMS_BENCH_COUNTERS", counters.toString());
        env.put("SMS_SEND_MAXRECIPIENTS", Integer.toString(Math.max(MESSAGES, 10_000)));
        LocalGateway.Options options = LocalGateway.Options.fromEnvironment(Map.of())
                .withPorts(0, 0, 0)
                .withHttpInstances(1)
                .withOverrides(env)
                .withMoreJvmOptions(profiling());
        Collection<Long> boxes = kannel.boxPids().values();
        List<Double> perSecond = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> kannelCpu = new ArrayList<>();
        List<RequestTally> requests = new ArrayList<>();
        Map<String, Double> rss = new LinkedHashMap<>();
        try (LocalGateway gateway = LocalGateway.start(root, options)) {
            String token = AcceptBenchmark.openAccount(gateway);
            HttpClient http = HttpClient.newHttpClient();
            double reportsPerMessage = warmUp(gateway, http, token);
            for (int run = 0; run < RUNS; run++) {
                Thread.sleep(RequestTally.FLUSH_MILLIS);
                RequestTally before = RequestTally.read(counters, gateway.eventSourceRequests());
                Collection<Long> functions = gateway.instancePids().values();
                double cpuBefore = ProcessStats.cpuSeconds(functions);
                double kannelBefore = ProcessStats.cpuSeconds(boxes);
                long reportsAtStart = gateway.finishedInvocations(LocalGateway.DLR_FUNCTION);
                long expected = reportsAtStart + Math.round(reportsPerMessage * MESSAGES);

                long start = System.nanoTime();
                String ref = send(http, gateway.apiBaseUrl(), token, MESSAGES);
                double seconds = (awaitReports(gateway, expected, start) - start) / 1e9;
                // The figures per message are taken over the messages delivered, which the status endpoint counts.
                int delivered = delivered(http, gateway.apiBaseUrl(), token, ref);
                if (delivered < MESSAGES) {
                    System.out.println("(" + connector + " run " + run + ": " + delivered + " of " + MESSAGES
                            + " delivered; the rest's reports were lost: see the log above)");
                }
                cpu.add((ProcessStats.cpuSeconds(functions) - cpuBefore) / delivered);
                kannelCpu.add((ProcessStats.cpuSeconds(boxes) - kannelBefore) / delivered);
                Thread.sleep(RequestTally.FLUSH_MILLIS);
                requests.add(RequestTally.read(counters, gateway.eventSourceRequests()).minus(before));
                perSecond.add(delivered / seconds);
            }
            gateway.instancePids().forEach((label, pid) -> rss.put(label, ProcessStats.peakRssMb(pid)));
            if (ceiling != null) {
                ceiling.addAll(storeCeiling(gateway.stack().dynamo()));
            }
        }
        return new Runs(perSecond, List.of(), cpu, kannelCpu, requests, rss);
    }

    /** Sends a warm-up batch; how many reports the DLR function takes per message with this SMSC. */
    private static double warmUp(LocalGateway gateway, HttpClient http, String token) throws Exception {
        long reportsBefore = gateway.finishedInvocations(LocalGateway.DLR_FUNCTION);
        String warm = send(http, gateway.apiBaseUrl(), token, WARM_UP);
        int warmDelivered = awaitDelivered(http, gateway.apiBaseUrl(), token, warm, WARM_UP);
        Thread.sleep(1_000);
        return (double) (gateway.finishedInvocations(LocalGateway.DLR_FUNCTION) - reportsBefore)
                / Math.max(1, warmDelivered);
    }

    /**
     * Waits until the DLR function has answered {@code expected} reports in all, or none has come for
     * {@link #STALL} (a lost report), or {@link #LIMIT} is up; when (nanoTime) the last report came.
     */
    private static long awaitReports(LocalGateway gateway, long expected, long start) throws InterruptedException {
        long deadline = start + LIMIT.toNanos();
        long seen = -1;
        long lastReportAt = start;
        while (seen < expected && System.nanoTime() < deadline && System.nanoTime() - lastReportAt < STALL.toNanos()) {
            long now = gateway.finishedInvocations(LocalGateway.DLR_FUNCTION);
            if (now != seen) {
                seen = now;
                lastReportAt = System.nanoTime();
            }
            Thread.sleep(5);
        }
        return lastReportAt;
    }

    /** With {@code -Dbench.jfr=<dir>}, every function JVM records a JFR profile there (a file per process, named by its pid). */
    private static List<String> profiling() {
        String dir = System.getProperty("bench.jfr");
        return dir == null || dir.isBlank() || dir.startsWith("${") ? List.of()
                : List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + dir);
    }

    /** Sends one batch of {@code messages} recipients; its reference. */
    private static String send(HttpClient http, String base, String token, int messages) throws Exception {
        String ref = "bench-" + UUID.randomUUID();
        String to = IntStream.range(0, messages).mapToObj(i -> String.format("\"23480%07d1\"", i))
                .collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(base + "/ng/v1/sendsms"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"myCode\",\"to\":" + to
                        + ",\"body\":\"Throughput\",\"delivery_report\":\"none\",\"reference_id\":\"" + ref + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (sent.statusCode() != 202) {
            throw new IllegalStateException("send answered " + sent.statusCode() + ": " + sent.body());
        }
        return ref;
    }

    /** Waits until all are delivered, or the count has not moved for {@link #STALL}; the count delivered. */
    private static int awaitDelivered(HttpClient http, String base, String token, String ref, int messages) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        int seen = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            int now = delivered(http, base, token, ref);
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            }
            if (now >= messages || System.nanoTime() > deadline || System.nanoTime() - lastProgress > STALL.toNanos()) {
                return now;
            }
            // The status endpoint reads every message of the batch: asked rarely, so as not to load the store.
            Thread.sleep(1_000);
        }
    }

    /** The batch's messages now {@code delivered}, as the status endpoint counts them. */
    private static int delivered(HttpClient http, String base, String token, String ref) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/ng/v1/sendsms/status/" + ref + "?page_size=1"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        int at = body.indexOf("\"counts\":{");
        if (at < 0) {
            throw new IllegalStateException("the status endpoint answered " + body);
        }
        Matcher m = COUNT.matcher(body.substring(at + 10, body.indexOf('}', at)));
        while (m.find()) {
            if (m.group(1).equals("delivered")) {
                return Integer.parseInt(m.group(2));
            }
        }
        return 0;
    }

    /** PutItem/s the local DynamoDB server sustains from 8 concurrent clients, a run of 5 s each, on a table of its own. */
    private static List<Double> storeCeiling(DynamoDbClient dynamo) throws Exception {
        String table = "BenchCeiling";
        dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        List<Double> runs = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            AtomicLong writes = new AtomicLong();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            List<Future<?>> all = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                all.add(clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        dynamo.putItem(p -> p.tableName(table).item(Map.of(
                                "pk", AttributeValue.fromS(UUID.randomUUID().toString()),
                                "status", AttributeValue.fromS("delivered"),
                                "history", AttributeValue.fromS("x".repeat(200)))));
                        writes.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
            clients.shutdown();
            if (run > 0) { // the first is the warm-up
                runs.add(writes.get() / 5.0);
            }
        }
        return runs;
    }

    private static List<String> requestLines(List<RequestTally> runs) {
        List<Double> writes = runs.stream().map(t -> (double) t.dynamoWrites() / MESSAGES).toList();
        List<Double> reads = runs.stream().map(t -> (double) t.dynamoReads() / MESSAGES).toList();
        List<Double> sqs = runs.stream().map(t -> (double) t.sqsRequests() / MESSAGES).toList();
        List<Double> cost = runs.stream().map(t -> (t.dynamoWrites() * USD_PER_MILLION_WRITE_UNITS
                + t.dynamoReads() * USD_PER_MILLION_READ_UNITS + t.sqsRequests() * USD_PER_MILLION_SQS_FIFO_REQUESTS)
                / MESSAGES).toList();
        List<String> lines = new ArrayList<>();
        lines.add("requests per message, ours + simulator, counted at the client (happy path, accept to delivered):");
        lines.add("  DynamoDB writes (items)  : " + Figures.summary(writes, "/msg", 3));
        lines.add("  DynamoDB reads (requests): " + Figures.summary(reads, "/msg", 3));
        lines.add("  SQS requests             : " + Figures.summary(sqs, "/msg", 4));
        lines.add("  AWS cost per million messages (DynamoDB + SQS, on-demand): " + Figures.summary(cost, "USD", 3));
        lines.add("  by operation, per message (last run): " + runs.get(runs.size() - 1).perMessage(MESSAGES));
        return lines;
    }

    private static List<Double> scale(List<Double> values, double factor) {
        return values.stream().map(v -> v * factor).toList();
    }
}
