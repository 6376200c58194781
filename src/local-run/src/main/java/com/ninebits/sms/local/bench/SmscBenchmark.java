package com.ninebits.sms.local.bench;

import com.ninebits.sms.local.LocalGateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dispatcher against an SMSC of known latency: the gateway's {@code http} connector to a small
 * JSON SMSC here ({@link JsonSmsc}) that answers every submission after a fixed delay. Figures,
 * each selectable with {@code -Dbench.only} ({@link Selected}):
 * <ul>
 *   <li>{@code slow}: one account at {@code bench.rate} (200) messages/s, one batch of
 *       {@code bench.slowMessages} (2,000) a run, the SMSC answering after each of {@code bench.delays}
 *       (0, 20, 50, 200 ms): messages/s reached at the SMSC, its ratio to the rate and to
 *       min(rate, window / latency), whether they arrived in {@code to} order, duplicates;</li>
 *   <li>{@code first}: accept → first SMSC submission of {@code bench.first} (200) one-recipient
 *       batches a run, sent one after another, p50 and p99;</li>
 *   <li>{@code accounts}: {@code bench.accounts} (4) accounts at the rate each, a batch of
 *       {@code bench.backlog} (2,000) each sent at once: each one's rate reached;</li>
 *   <li>{@code dlr}: the DLR function's throughput, delivery reports POSTed to it for a dispatched
 *       batch of {@code bench.reports} (5,000) from {@value #REPORT_SENDERS} connections, beside the
 *       rate at which that batch was dispatched.</li>
 * </ul>
 * Every figure is repeated {@code bench.runs} times (3) and printed as the median with its spread.
 */
public final class SmscBenchmark {

    static final int RUNS = Integer.getInteger("bench.runs", 3);
    static final int RATE = Integer.getInteger("bench.rate", 200);
    /** The account's {@code dispatch_window} asked for (a build without it ignores it); 0: not asked. */
    static final int WINDOW = Integer.getInteger("bench.window", 32);
    static final List<Duration> DELAYS = delays(System.getProperty("bench.delays", "0,20,50,200"));
    static final int SLOW_MESSAGES = Integer.getInteger("bench.slowMessages", 2_000);
    static final int FIRST = Integer.getInteger("bench.first", 200);
    static final int ACCOUNTS = Integer.getInteger("bench.accounts", 4);
    static final int BACKLOG = Integer.getInteger("bench.backlog", 2_000);
    static final Duration ACCOUNTS_DELAY = Duration.ofMillis(Integer.getInteger("bench.accountsDelay", 20));
    static final int REPORTS = Integer.getInteger("bench.reports", 5_000);
    static final int REPORT_SENDERS = 16;
    /** The DLR run's account: fast enough that its batch is dispatched quickly. */
    static final int FAST_RATE = 5_000;
    static final Duration LIMIT = Duration.ofMinutes(20);
    /** Nothing new at the SMSC for this long: the rest is not coming. */
    static final Duration STALL = Duration.ofSeconds(30);
    private static final String DLR_SECRET = "bench-dlr-secret";
    private static final String DISPATCHER = "DispatcherFunction";

    private final LocalGateway gateway;
    private final JsonSmsc smsc;
    private final GatewayClient client;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger batches = new AtomicInteger();

    private SmscBenchmark(LocalGateway gateway, JsonSmsc smsc) {
        this.gateway = gateway;
        this.smsc = smsc;
        this.client = new GatewayClient(gateway);
    }

    public static void main(String[] args) throws Exception {
        if (!Selected.anyOf("slow", "first", "accounts", "dlr")) {
            return;
        }
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        List<String> lines = new ArrayList<>();
        try (JsonSmsc smsc = JsonSmsc.start(); LocalGateway gateway = LocalGateway.start(root, options(smsc))) {
            SmscBenchmark bench = new SmscBenchmark(gateway, smsc);
            bench.warmUp();
            if (Selected.figure("slow")) {
                lines.addAll(bench.slowSmsc());
            }
            if (Selected.figure("first")) {
                lines.addAll(bench.firstSubmission());
            }
            if (Selected.figure("accounts")) {
                lines.addAll(bench.manyAccounts());
            }
            if (Selected.figure("dlr")) {
                lines.addAll(bench.dlrThroughput());
            }
        }
        System.out.println();
        System.out.println("== SMSC benchmark (the http connector to a JSON SMSC of fixed latency; " + RUNS + " runs, "
                + Runtime.getRuntime().availableProcessors() + " cores) ==");
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static LocalGateway.Options options(JsonSmsc smsc) {
        return LocalGateway.Options.fromEnvironment(Map.of())
                .withPorts(0, 0, 0)
                .withHttpInstances(1)
                .withOverrides(Map.of("SMS_SMSC_CONNECTOR", "http", "SMS_SMSC_URL", smsc.url(),
                        // The benchmark posts reports itself, so it must know the secret the webhook checks.
                        "SMS_DLR_HTTPSECRET", DLR_SECRET, "SMS_SMSC_DLRSECRET", DLR_SECRET,
                        "SMS_SEND_MAXRECIPIENTS", Integer.toString(Math.max(10_000, Math.max(SLOW_MESSAGES,
                                Math.max(BACKLOG, REPORTS))))));
    }

    private OptionalInt window() {
        return WINDOW > 0 ? OptionalInt.of(WINDOW) : OptionalInt.empty();
    }

    /** As many accounts at once as the four-account figure uses, so that every dispatcher instance has run. */
    private void warmUp() throws Exception {
        smsc.answerAfter(Duration.ZERO);
        List<GatewayClient.Account> accounts = new ArrayList<>();
        for (int k = 0; k < ACCOUNTS; k++) {
            accounts.add(client.open("warm-" + k, FAST_RATE, window()));
        }
        concurrently(accounts, Math.max(100, SLOW_MESSAGES / 10));
    }

    // ------------------------------------------------------------------------- slow SMSC

    private List<String> slowSmsc() throws Exception {
        GatewayClient.Account account = client.open("slow-smsc", RATE, window());
        List<String> lines = new ArrayList<>();
        lines.add("one account at " + RATE + " msg/s (dispatch_window " + windowText(account) + "), " + SLOW_MESSAGES
                + " messages a run, through the http connector to an SMSC answering after:");
        for (Duration delay : DELAYS) {
            smsc.answerAfter(delay);
            List<JsonSmsc.Seen> runs = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                runs.add(batch(account, "slow" + delay.toMillis(), SLOW_MESSAGES));
            }
            List<Double> rates = runs.stream().map(JsonSmsc.Seen::perSecond).toList();
            double ceiling = account.ceiling(delay);
            String windowed = account.window().isEmpty() ? ""
                    : String.format(Locale.ROOT, "; / min(rate, window/latency = %.0f) %s", ceiling, ratio(rates, ceiling));
            lines.add(String.format(Locale.ROOT, "  %4d ms: %s; / rate %s%s; %s", delay.toMillis(),
                    Figures.summary(rates, "msg/s"), ratio(rates, RATE), windowed, order(runs)));
        }
        return lines;
    }

    /** Sends a batch and waits until each of its messages has arrived at the SMSC (or they stop coming). */
    private JsonSmsc.Seen batch(GatewayClient.Account account, String label, int recipients) throws Exception {
        String reference = label + "-" + batches.incrementAndGet();
        client.send(account, reference, recipients);
        return awaitArrivals(account, reference, recipients);
    }

    private JsonSmsc.Seen awaitArrivals(GatewayClient.Account account, String reference, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        long lastProgress = System.nanoTime();
        int seen = -1;
        while (true) {
            JsonSmsc.Seen now = JsonSmsc.Seen.of(smsc.arrivals(account.id(), reference));
            if (now.distinct() != seen) {
                seen = now.distinct();
                lastProgress = System.nanoTime();
            }
            if (now.distinct() >= expected || System.nanoTime() > deadline || System.nanoTime() - lastProgress > STALL.toNanos()) {
                if (now.distinct() < expected) {
                    System.out.println("(" + reference + ": " + now.distinct() + " of " + expected + " reached the SMSC)");
                }
                return now;
            }
            Thread.sleep(10);
        }
    }

    // ------------------------------------------------------------------------- accept → first submission

    private List<String> firstSubmission() throws Exception {
        smsc.answerAfter(Duration.ZERO);
        GatewayClient.Account account = client.open("first-submission", RATE, window());
        for (int i = 0; i < Math.max(5, FIRST / 10); i++) {
            firstOne(account); // warm-up
        }
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> accept50 = new ArrayList<>();
        int missed = 0;
        for (int run = 0; run < RUNS; run++) {
            List<Double> toSmsc = new ArrayList<>();
            double[] accepts = new double[FIRST];
            for (int i = 0; i < FIRST; i++) {
                double[] one = firstOne(account);
                accepts[i] = one[0];
                if (Double.isNaN(one[1])) {
                    missed++;
                } else {
                    toSmsc.add(one[1]);
                }
            }
            double[] times = toSmsc.stream().mapToDouble(Double::doubleValue).toArray();
            p50.add(times.length == 0 ? Double.NaN : Figures.percentile(times, 50));
            p99.add(times.length == 0 ? Double.NaN : Figures.percentile(times, 99));
            accept50.add(Figures.percentile(accepts, 50));
        }
        List<String> lines = new ArrayList<>();
        lines.add("accept → first SMSC submission, " + FIRST + " one-recipient batches a run, one at a time (from the POST):");
        lines.add("  p50 " + Figures.summary(p50, "ms") + "; p99 " + Figures.summary(p99, "ms")
                + "; the 202 itself p50 " + Figures.summary(accept50, "ms")
                + (missed > 0 ? "; " + missed + " never reached the SMSC within " + STALL.toSeconds() + " s" : ""));
        return lines;
    }

    /** One batch: milliseconds from the POST to its 202, and to its submission's arrival at the SMSC (NaN: none came). */
    private double[] firstOne(GatewayClient.Account account) throws Exception {
        String reference = "first-" + batches.incrementAndGet();
        CompletableFuture<Long> arrival = smsc.firstArrival(account.id(), reference);
        long start = System.nanoTime();
        double accept = client.send(account, reference, 1);
        try {
            return new double[]{accept, (arrival.get(STALL.toMillis(), TimeUnit.MILLISECONDS) - start) / 1e6};
        } catch (TimeoutException e) {
            return new double[]{accept, Double.NaN};
        }
    }

    // ------------------------------------------------------------------------- many accounts at once

    private List<String> manyAccounts() throws Exception {
        smsc.answerAfter(ACCOUNTS_DELAY);
        List<GatewayClient.Account> accounts = new ArrayList<>();
        for (int k = 0; k < ACCOUNTS; k++) {
            accounts.add(client.open("backlog-" + k, RATE, window()));
        }
        List<List<Double>> rates = new ArrayList<>();
        List<List<JsonSmsc.Seen>> seen = new ArrayList<>();
        for (int k = 0; k < ACCOUNTS; k++) {
            rates.add(new ArrayList<>());
            seen.add(new ArrayList<>());
        }
        List<Double> overlap = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            List<JsonSmsc.Seen> runSeen = concurrently(accounts, BACKLOG);
            for (int k = 0; k < ACCOUNTS; k++) {
                rates.get(k).add(runSeen.get(k).perSecond());
                seen.get(k).add(runSeen.get(k));
            }
            overlap.add(overlap(runSeen));
        }
        long dispatchers = gateway.instancePids().keySet().stream().filter(l -> l.startsWith(DISPATCHER + "#")).count();
        List<String> lines = new ArrayList<>();
        lines.add(ACCOUNTS + " accounts at " + RATE + " msg/s each, a batch of " + BACKLOG + " each sent at once, the SMSC answering after "
                + ACCOUNTS_DELAY.toMillis() + " ms, " + dispatchers + " dispatcher instances:");
        for (int k = 0; k < ACCOUNTS; k++) {
            lines.add("  account " + (k + 1) + ": " + Figures.summary(rates.get(k), "msg/s") + "; / rate "
                    + ratio(rates.get(k), RATE) + "; " + order(seen.get(k)));
        }
        lines.add("  time all " + ACCOUNTS + " were sending at once, of the longest one's span: "
                + Figures.summary(overlap.stream().map(o -> o * 100).toList(), "%", 0));
        return lines;
    }

    /** Sends a batch for each account at the same moment; what each looked like at the SMSC. */
    private List<JsonSmsc.Seen> concurrently(List<GatewayClient.Account> accounts, int recipients) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(accounts.size());
        try {
            List<Future<JsonSmsc.Seen>> all = new ArrayList<>();
            for (GatewayClient.Account account : accounts) {
                all.add(senders.submit(() -> batch(account, "backlog", recipients)));
            }
            List<JsonSmsc.Seen> seen = new ArrayList<>();
            for (Future<JsonSmsc.Seen> f : all) {
                seen.add(f.get());
            }
            return seen;
        } finally {
            senders.shutdownNow();
        }
    }

    /** The share of the longest span during which every account's submissions were arriving. */
    private static double overlap(List<JsonSmsc.Seen> seen) {
        long latestStart = seen.stream().mapToLong(JsonSmsc.Seen::firstNanos).max().orElse(0);
        long earliestEnd = seen.stream().mapToLong(JsonSmsc.Seen::lastNanos).min().orElse(0);
        long longest = seen.stream().mapToLong(s -> s.lastNanos() - s.firstNanos()).max().orElse(1);
        return Math.max(0, earliestEnd - latestStart) / (double) Math.max(1, longest);
    }

    // ------------------------------------------------------------------------- DLR function throughput

    private List<String> dlrThroughput() throws Exception {
        smsc.answerAfter(Duration.ZERO);
        GatewayClient.Account account = client.open("dlr-throughput", FAST_RATE, window());
        String warm = "dlr-warm-" + batches.incrementAndGet();
        client.send(account, warm, Math.max(100, REPORTS / 10));
        postReports(account, awaitArrivals(account, warm, Math.max(100, REPORTS / 10)), warm);
        List<Double> dispatched = new ArrayList<>();
        List<Double> reported = new ArrayList<>();
        int refused = 0;
        for (int run = 0; run < RUNS; run++) {
            String reference = "dlr-" + batches.incrementAndGet();
            client.send(account, reference, REPORTS);
            JsonSmsc.Seen seen = awaitArrivals(account, reference, REPORTS);
            dispatched.add(seen.perSecond());
            double[] result = postReports(account, seen, reference);
            reported.add(result[0]);
            refused += (int) result[1];
        }
        long dlrInstances = gateway.instancePids().keySet().stream().filter(l -> l.startsWith(LocalGateway.DLR_FUNCTION + "#")).count();
        List<String> lines = new ArrayList<>();
        lines.add("DLR function, " + REPORTS + " delivered reports a run POSTed from " + REPORT_SENDERS + " connections to "
                + dlrInstances + " instance(s):");
        lines.add("  takes " + Figures.summary(reported, "reports/s") + (refused > 0 ? "; " + refused + " not answered 202" : ""));
        lines.add("  the same batches dispatched (account at " + FAST_RATE + " msg/s, SMSC answering at once): "
                + Figures.summary(dispatched, "msg/s") + "; reports / dispatch " + Figures.ratio(reported, dispatched));
        return lines;
    }

    /** POSTs a delivered report for each message of the batch the SMSC took; reports per second and how many were refused. */
    private double[] postReports(GatewayClient.Account account, JsonSmsc.Seen seen, String reference) throws Exception {
        Thread.sleep(1_000); // let the dispatcher record the SMSC's answers first, as a real SMSC's reports come later
        String url = gateway.dlrBaseUrl() + "/ng/v1/dlr/http?secret=" + DLR_SECRET;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(REPORT_SENDERS);
        long start = System.nanoTime();
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < REPORT_SENDERS; t++) {
                all.add(senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < seen.distinct(); i = next.getAndIncrement()) {
                        if (report(url, account.id() + "~" + reference + "~" + i) != 202) {
                            refused.incrementAndGet();
                        }
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
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[]{(seen.distinct() - refused.get()) / seconds, refused.get()};
    }

    private int report(String url, String messageId) throws Exception {
        String body = "{\"message_id\":\"" + messageId + "\",\"smsc_message_id\":\"" + JsonSmsc.smscId(messageId)
                + "\",\"status\":\"delivered\",\"timestamp\":\"" + Instant.now() + "\"}";
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    // ------------------------------------------------------------------------- printing

    private static String windowText(GatewayClient.Account account) {
        return account.window().isPresent() ? Integer.toString(account.window().getAsInt()) : "not in this build";
    }

    private static String ratio(List<Double> rates, double of) {
        return Figures.summary(rates.stream().map(r -> r / of).toList(), "×");
    }

    /** Whether the runs' submissions arrived in {@code to} order, and how many twice. */
    private static String order(List<JsonSmsc.Seen> runs) {
        int outOfOrder = runs.stream().mapToInt(JsonSmsc.Seen::outOfOrder).sum();
        int worst = runs.stream().mapToInt(JsonSmsc.Seen::maxDisplacement).max().orElse(0);
        int duplicates = runs.stream().mapToInt(JsonSmsc.Seen::duplicates).sum();
        String order = outOfOrder == 0 ? "arrived in to order"
                : outOfOrder + " arrived after a later message (at most " + worst + " places back)";
        return order + "; duplicates " + duplicates;
    }

    private static List<Duration> delays(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Duration.ofMillis(Long.parseLong(s))).toList();
    }
}
