package com.ninebits.sms.adapters.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ninebits.sms.domain.dispatch.Submission;
import com.ninebits.sms.domain.dispatch.SubmitResult;
import com.ninebits.sms.domain.text.Encoding;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The simulator against a real HTTP receiver in the DLR webhook's place. */
class SimulatorSmscTest {

    private static final Pattern MESSAGE_ID = Pattern.compile("\"message_id\":\"([^\"]+)\"");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private HttpServer webhook;
    private final List<String> reports = Collections.synchronizedList(new ArrayList<>());
    private final List<String> queries = Collections.synchronizedList(new ArrayList<>());
    /** How the webhook answers a report: it may hold it first. */
    private volatile ReportHandler handler = body -> { };
    private SimulatorSmsc simulator;

    interface ReportHandler {
        void hold(String body) throws InterruptedException;
    }

    @BeforeEach
    void startWebhook() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        webhook.setExecutor(Executors.newCachedThreadPool());
        webhook.createContext("/ng/v1/dlr/http", this::receive);
        webhook.start();
        simulator = new SimulatorSmsc(Optional.of("http://127.0.0.1:" + webhook.getAddress().getPort() + "/"),
                Optional.of("s3cret"), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        simulator.close();
        webhook.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            queries.add(exchange.getRequestURI().getRawQuery());
            try {
                handler.hold(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reports.add(body);
            exchange.sendResponseHeaders(202, -1);
        }
    }

    private static Submission to(String accountId, int index, String number) {
        return new Submission(accountId + "~ref~" + index, accountId, "myCode", number, "Hello", Encoding.GSM7, 1, true);
    }

    private List<String> reportsOf(String accountId) {
        List<String> ids = new ArrayList<>();
        synchronized (reports) {
            for (String body : reports) {
                Matcher m = MESSAGE_ID.matcher(body);
                if (m.find() && m.group(1).startsWith(accountId + "~")) {
                    ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

    private void awaitReports(Predicate<List<String>> done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.test(List.copyOf(reports)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    // Invariant: one account's backlog of reports, even one the webhook is slow to take, never
    // delays another account's report until the backlog has drained.
    @Test
    void anotherAccountsReportOvertakesABacklogTheWebhookHolds() throws Exception {
        CountDownLatch otherArrived = new CountDownLatch(1);
        AtomicInteger backlogAnswered = new AtomicInteger();
        AtomicInteger answeredBeforeOther = new AtomicInteger(-1);
        handler = body -> {
            if (body.contains("\"message_id\":\"acc_big~")) {
                // The backlog's reports are held until the other account's report is in (or for long).
                otherArrived.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                backlogAnswered.incrementAndGet();
            } else {
                answeredBeforeOther.set(backlogAnswered.get());
                otherArrived.countDown();
            }
        };
        for (int i = 0; i < 200; i++) {
            assertInstanceOf(SubmitResult.Accepted.class, simulator.submit(to("acc_big", i, "2348020000" + String.format("%03d", i))));
        }
        simulator.submit(to("acc_small", 0, "2348030000001"));

        assertTrue(otherArrived.await(10, TimeUnit.SECONDS), "the other account's report waited behind the backlog");
        assertEquals(0, answeredBeforeOther.get(), "the backlog's reports were all still held when the other's arrived");

        awaitReports(all -> all.size() == 201);
        List<String> backlog = reportsOf("acc_big");
        assertEquals(200, backlog.size(), "every report of the backlog arrives, once");
        assertEquals(200, backlog.stream().distinct().count());
        assertEquals(List.of("acc_small~ref~0"), reportsOf("acc_small"));
    }

    // Invariant: reports are sent concurrently, not one at a time: a webhook holding each report
    // sees several at once.
    @Test
    void sendsReportsConcurrently() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch severalAtOnce = new CountDownLatch(4);
        handler = body -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            severalAtOnce.countDown();
            // Held until four are in at once; a simulator sending one at a time gets here after the wait.
            severalAtOnce.await(5, TimeUnit.SECONDS);
            inFlight.decrementAndGet();
        };
        for (int i = 0; i < 40; i++) {
            simulator.submit(to("acc_one", i, "2348020000" + String.format("%03d", i)));
        }

        awaitReports(all -> all.size() == 40);

        assertEquals(40, reportsOf("acc_one").stream().distinct().count());
        assertTrue(most.get() >= 4, "at most " + most.get() + " reports were in flight at once");
    }

    // Invariant: each outcome is chosen by the destination's last digits, and reported as documented.
    @Test
    void answersAndReportsByTheDestinationsLastDigits() throws Exception {
        assertInstanceOf(SubmitResult.Rejected.class, simulator.submit(to("acc_d", 0, "2348020000999")));
        assertInstanceOf(SubmitResult.RetryLater.class, simulator.submit(to("acc_d", 1, "2348020000998")));
        assertInstanceOf(SubmitResult.Accepted.class, simulator.submit(to("acc_d", 2, "2348020000997")));
        assertInstanceOf(SubmitResult.Accepted.class, simulator.submit(to("acc_d", 3, "2348020000996")));
        SubmitResult delivered = simulator.submit(to("acc_d", 4, "2348020000001"));

        awaitReports(all -> all.size() == 2);
        Thread.sleep(500); // a report on …996 would have come by now

        assertEquals(List.of("acc_d~ref~2", "acc_d~ref~4"), reportsOf("acc_d").stream().sorted().toList());
        String undelivered = reports.stream().filter(b -> b.contains("acc_d~ref~2")).findFirst().orElseThrow();
        assertTrue(undelivered.contains("\"status\":\"undelivered\"") && undelivered.contains("\"error_code\":\"absent_subscriber\""),
                undelivered);
        String ok = reports.stream().filter(b -> b.contains("acc_d~ref~4")).findFirst().orElseThrow();
        assertTrue(ok.contains("\"status\":\"delivered\""), ok);
        assertTrue(ok.contains("\"smsc_message_id\":\"" + ((SubmitResult.Accepted) delivered).smscMessageId() + "\""), ok);
        assertTrue(queries.stream().allMatch("secret=s3cret"::equals), queries.toString());
    }
}
