package com.ninebits.sms.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.testsupport.CallbackSignatures;
import com.ninebits.sms.testsupport.Kannel;
import com.ninebits.sms.testsupport.OperatorApi;
import com.ninebits.sms.testsupport.TestAccount;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway as built, end to end: every function of the template from its function.zip, each
 * its own JVM behind the local Lambda runtime; real Kannel (bearerbox, smsbox and its fake SMSC)
 * as the SMSC, whose delivery reports come back through the DLR webhook; the customer's webhook a
 * test HTTP server on this machine.
 *
 * <p>Invariant: every accepted message is submitted to Kannel once and ends {@code delivered} with
 * Kannel's timestamp; the customer's receiver is told of each message's {@code dispatched} and
 * {@code delivered} (one event id each, however often sent), every POST validly signed with the
 * account's webhook secret; a batch without {@code delivery_report} ends delivered too and
 * causes no POST at all.
 */
class EndToEndKannelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static Kannel kannel;
    private static LocalGateway gateway;
    private static HttpServer receiver;
    private static final List<Post> POSTS = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newHttpClient();

    record Post(String signature, String body) {
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            POSTS.add(new Post(exchange.getRequestHeaders().getFirst("X-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        kannel = Kannel.start(Files.createTempDirectory("e2e-kannel"));
        LocalGateway.Options options = LocalGateway.Options.fromEnvironment(Map.of())
                .withPorts(0, 0, 0)
                .withHttpInstances(1)
                .withOverrides(Map.of("SMS_SMSC_CONNECTOR", "kannel", "SMS_SMSC_URL", kannel.sendsmsUrl(),
                        "SMS_SMSC_USERNAME", kannel.username(), "SMS_SMSC_PASSWORD", kannel.password()));
        gateway = LocalGateway.start(repoRoot(), options);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (kannel != null) {
            kannel.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /** The repository: where infra/template.yaml is, above the module directory tests run in. */
    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("infra/template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no infra/template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private HttpResponse<String> call(String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.apiBaseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth.startsWith("adm_")) {
            b.header("X-Admin-Key", auth);
        } else {
            b.header("Authorization", "Bearer " + auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private record Customer(String token, String secret) {
    }

    private Customer customer() {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        TestAccount.Opened opened = OperatorApi.open(gateway.apiBaseUrl(), gateway.adminKey(),
                TestAccount.withBalance(100).rateLimit(50).webhook(url));
        return new Customer(opened.apiToken(), opened.webhookSecret());
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(what + " did not happen within " + PATIENCE);
            }
            Thread.sleep(250);
        }
    }

    private JsonNode status(Customer c, String ref) {
        try {
            return ok(call("GET", "/ng/v1/sendsms/status/" + ref, c.token(), null), 200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> eventsOf(String ref) {
        List<JsonNode> out = new ArrayList<>();
        synchronized (POSTS) {
            for (Post p : POSTS) {
                try {
                    JsonNode body = JSON.readTree(p.body());
                    if (ref.equals(body.get("reference_id").asText())) {
                        out.add(body);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    private static void assertSigned(Post post, String secret) {
        CallbackSignatures.assertValid(post.signature(), secret, post.body());
    }

    @Test
    void aBatchThroughKannelEndsDeliveredAndTheCustomerIsToldOfEveryChangeSigned() throws Exception {
        Customer c = customer();
        String ref = "e2e-" + System.nanoTime();
        List<String> to = List.of("2348021000001", "2348021000002", "2348021000003");

        JsonNode accepted = ok(call("POST", "/ng/v1/sendsms", c.token(), "{\"from\":\"myCode\",\"to\":"
                + JSON.writeValueAsString(to) + ",\"body\":\"End to end\",\"delivery_report\":\"yes\",\"reference_id\":\""
                + ref + "\"}"), 202);
        assertEquals(3, accepted.get("recipients_accepted").asInt());

        await("every message delivered", () -> status(c, ref).at("/counts/delivered").asInt() == 3);
        await("dispatched and delivered events for every message", () -> {
            Set<String> seen = new TreeSet<>();
            eventsOf(ref).forEach(e -> seen.add(e.get("to").asText() + ":" + e.get("status").asText()));
            return seen.size() == 6;
        });

        JsonNode report = status(c, ref);
        assertEquals("completed", report.get("status").asText());
        Map<String, JsonNode> byNumber = new LinkedHashMap<>();
        report.get("recipients").forEach(r -> byNumber.put(r.get("to").asText(), r));
        assertEquals(new TreeSet<>(to), new TreeSet<>(byNumber.keySet()));
        Map<String, Set<String>> idsByChange = new LinkedHashMap<>();
        for (JsonNode e : eventsOf(ref)) {
            String number = e.get("to").asText();
            String status = e.get("status").asText();
            assertTrue(Set.of("dispatched", "delivered").contains(status), "unexpected status event " + e);
            idsByChange.computeIfAbsent(number + ":" + status, k -> new TreeSet<>()).add(e.get("event_id").asText());
            if (status.equals("delivered")) {
                JsonNode recipient = byNumber.get(number);
                assertFalse(e.get("smsc_timestamp").isNull(), "Kannel's timestamp in " + e);
                assertEquals(recipient.get("smsc_timestamp").asText(), e.get("smsc_timestamp").asText());
                assertEquals("delivered", recipient.get("status").asText());
                Instant kannelTime = Instant.parse(e.get("smsc_timestamp").asText());
                assertTrue(Duration.between(kannelTime, Instant.now()).abs().compareTo(Duration.ofMinutes(10)) < 0,
                        "Kannel's timestamp is today's: " + kannelTime);
            }
        }
        idsByChange.forEach((change, ids) -> assertEquals(1, ids.size(), change + " carried more than one event id"));
        synchronized (POSTS) {
            for (Post p : POSTS) {
                if (p.body().contains(ref)) {
                    assertNotNull(p.signature());
                    assertSigned(p, c.secret());
                }
            }
        }
        for (String number : to) {
            long submissions = kannel.received().stream().filter(r -> r.to().endsWith(number.substring(3))).count();
            assertEquals(1, submissions, "submissions to Kannel for " + number);
        }
    }

    @Test
    void withoutDeliveryReportTheStatusStillShowsDeliveredAndNoCallbackIsSent() throws Exception {
        Customer c = customer();
        String ref = "e2e-quiet-" + System.nanoTime();

        ok(call("POST", "/ng/v1/sendsms", c.token(), "{\"from\":\"myCode\",\"to\":[\"2348021000009\"],\"body\":\"Quiet\","
                + "\"delivery_report\":\"none\",\"reference_id\":\"" + ref + "\"}"), 202);

        await("the message delivered", () -> status(c, ref).at("/counts/delivered").asInt() == 1);
        JsonNode recipient = status(c, ref).get("recipients").get(0);
        assertFalse(recipient.get("smsc_timestamp").isNull());
        // The dispatcher queues a subscribed batch's events before the DLR can arrive, so by now any would be here.
        Thread.sleep(2_000);
        assertEquals(List.of(), eventsOf(ref));
    }

    @Test
    void aTemplatedBatchReachesTheSmscWithEachRecipientsOwnTextAndIsChargedPerRecipient() throws Exception {
        Customer c = customer();
        String ref = "e2e-tpl-" + System.nanoTime();
        String body = "{\"from\":\"myCode\",\"to\":[\"2348021000021\",\"+2348021000022\"],\"body\":\"Hi ${name}\","
                + "\"reference_id\":\"" + ref + "\",\"parameters\":{\"name\":{\"08021000021\":\"Ada\",\"default\":\"Żaneta\"}}}";
        long priced = ok(call("POST", "/ng/v1/sendsms/dry_run", c.token(), body), 200).get("cost").asLong();
        assertEquals(2, priced);
        ok(call("POST", "/ng/v1/sendsms", c.token(), body), 202);

        await("both messages delivered", () -> status(c, ref).at("/counts/delivered").asInt() == 2);
        assertEquals(100 - priced, ok(call("GET", "/ng/v1/account", c.token(), null), 200).get("balance").asLong());
        Map<String, String> texts = new LinkedHashMap<>();
        kannel.received().stream().filter(r -> r.to().endsWith("8021000021") || r.to().endsWith("8021000022"))
                .forEach(r -> texts.put(r.to().substring(r.to().length() - 2), r.text()));
        assertEquals(Map.of("21", "Hi Ada", "22", "Hi Żaneta"), texts);
    }
}
