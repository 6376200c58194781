package com.ninebits.sms.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


class KannelTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private static Kannel kannel;
    private static ReportReceiver dlrReceiver;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        kannel = Kannel.start(Path.of("target", "kannel", "KannelTest"));
        dlrReceiver = ReportReceiver.start();
    }

    @AfterAll
    static void stop() {
        if (dlrReceiver != null) {
            dlrReceiver.close();
        }
        if (kannel != null) {
            kannel.close();
        }
    }

    @Test
    void acceptsAMessageDeliversItToTheFakeSmscAndReportsSmscAcceptanceThenDelivery() throws Exception {
        String to = recipient();
        String dlrUrl = dlrReceiver.baseUrl()
                + "/dlr?message_id=msg-1&type=%d&ts=%T&reply=%A&foreign=%F";

        HttpResponse<String> answer = send(Map.of("from", "MyBrand", "to", to, "text", "Hello from the gateway",
                "dlr-mask", "31", "dlr-url", dlrUrl));

        assertEquals(202, answer.statusCode());
        assertEquals("0: Accepted for delivery", answer.body());
        Kannel.Received received = kannel.awaitReceived(r -> r.to().equals(to), WAIT);
        assertEquals("MyBrand", received.from());
        assertEquals("text", received.type());
        assertEquals("Hello from the gateway", received.text());

        List<Map<String, String>> dlrs = dlrReceiver.await("msg-1", 2, WAIT).stream().map(ReportReceiver.Report::query).toList();
        // smsbox fetches report URLs from a pool of threads, so their order is not promised.
        assertEquals(Set.of("8", "1"), dlrs.stream().map(r -> r.get("type")).collect(Collectors.toSet()));
        long now = Instant.now().getEpochSecond();
        for (Map<String, String> dlr : dlrs) {
            long ts = Long.parseLong(dlr.get("ts"));
            assertTrue(Math.abs(now - ts) < 300, "a Unix timestamp near now: " + dlr);
        }
        Map<String, String> delivered = dlrs.stream().filter(r -> r.get("type").equals("1")).findFirst().orElseThrow();
        assertFalse(delivered.get("foreign").isEmpty(), "the delivery report names the SMSC's id: " + delivered);
    }

    @Test
    void carriesCyrillicAndEmojiAsUcs2() throws Exception {
        String to = recipient();
        String text = "Привет, мир 😀";

        HttpResponse<String> answer = send(Map.of("from", "MyBrand", "to", to, "text", text, "coding", "2", "charset", "UTF-8"));

        assertEquals("0: Accepted for delivery", answer.body());
        Kannel.Received received = kannel.awaitReceived(r -> r.to().equals(to), WAIT);
        assertEquals("ucs-2", received.type());
        assertEquals(text, received.text());
    }

    @Test
    void splitsALongTextIntoConcatenatedParts() throws Exception {
        String to = recipient();
        String text = "0123456789".repeat(20);

        send(Map.of("from", "MyBrand", "to", to, "text", text));

        // The concatenation header ends "<total parts><this part>": wait for part 2 of 2.
        kannel.awaitReceived(r -> r.to().equals(to) && r.udh() != null && r.udh().endsWith("%02%02"), WAIT);
        List<Kannel.Received> parts = kannel.received().stream().filter(r -> r.to().equals(to)).toList();
        assertEquals(2, parts.size(), parts.toString());
        assertTrue(parts.stream().allMatch(p -> p.type().equals("udh")));
        String joined = new String(parts.get(0).payloadOctets(), StandardCharsets.ISO_8859_1)
                + new String(parts.get(1).payloadOctets(), StandardCharsets.ISO_8859_1);
        assertEquals(text, joined);
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        Map<String, String> params = new LinkedHashMap<>(Map.of("from", "MyBrand", "to", recipient(), "text", "nope"));
        params.put("password", "wrong");

        HttpResponse<String> answer = send(params);

        assertEquals(403, answer.statusCode());
        assertEquals("Authorization failed for sendsms", answer.body());
    }

    @Test
    void parsesTheWayFakesmscPrintsEachKindOfPart() {
        Kannel.Received text = Kannel.Received.parse("MyBrand +2348020000000 text Price €5 {x}");
        Kannel.Received ucs2 = Kannel.Received.parse("123 +2348020000000 ucs-2 %04%1F%04%40%00+%D8%3D%DE%00");
        Kannel.Received part = Kannel.Received.parse("123 +2348020000000 udh %05%00%03%02%02%01 data 0123+4%25");

        assertEquals("Price €5 {x}", text.text());
        assertEquals("Пр 😀", ucs2.text());
        assertEquals("%05%00%03%02%02%01", part.udh());
        assertArrayEquals("0123 4%".getBytes(StandardCharsets.ISO_8859_1), part.payloadOctets());
        assertThrows(IllegalStateException.class, part::text);
    }

    @Test
    void withTheSmscDisconnectedMessagesAreQueuedForLaterDelivery() throws Exception {
        try (Kannel unbound = Kannel.start(Path.of("target", "kannel", "KannelTest-unbound"))) {
            unbound.stopFakesmsc();
            String query = "username=" + unbound.username() + "&password=" + unbound.password() + "&from=MyBrand&to=%2B2348020099999&text=later";

            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(unbound.sendsmsUrl() + "?" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(202, answer.statusCode());
            assertEquals("3: Queued for later delivery", answer.body());
            assertEquals(List.of(), unbound.received());
        }
    }

    @Test
    void closeStopsEveryBoxAndIsSafeToRepeat() throws Exception {
        Kannel other = Kannel.start(Path.of("target", "kannel", "KannelTest-close"));
        String config = other.workDir().resolve("kannel.conf").toString();
        assertFalse(processesUsing(config).isEmpty(), "bearerbox and smsbox run with the written configuration");

        other.close();
        other.close();

        assertEquals(List.of(), processesUsing(config));
        HttpRequest request = HttpRequest.newBuilder(URI.create(other.sendsmsUrl())).timeout(Duration.ofSeconds(2)).build();
        assertThrows(ConnectException.class, () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> send(Map<String, String> params) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("username", kannel.username());
        all.put("password", kannel.password());
        all.putAll(params);
        StringBuilder query = new StringBuilder();
        all.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(kannel.sendsmsUrl() + "?" + query)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> processesUsing(String config) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(config)).orElse(false))
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList();
    }

    private static String recipient() {
        return "+23480200" + String.format("%05d", NUMBERS.incrementAndGet());
    }
}
