package com.ninebits.sms.events.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.adapters.smsc.http.HttpSmsc;
import com.ninebits.sms.domain.dispatch.Submission;
import com.ninebits.sms.domain.dispatch.SubmitResult;
import com.ninebits.sms.domain.text.Encoding;
import com.ninebits.sms.testsupport.LocalStackResource;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

// A @QuarkusTest although no bean is used: the REST client's implementations are generated when
// Quarkus builds the application, so it cannot be built in a plain unit test.
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class,
        initArgs = @ResourceArg(name = LocalStackResource.FUNCTION_ARG, value = "SendRequestFunction"))
class HttpSmscTest {

    private static final Instant NOW = Instant.parse("2026-01-01T17:48:14Z");
    private static final HttpSmsc.Fields FIELDS = new HttpSmsc.Fields("msisdn", "sender", "content", "message_id");
    private static final Submission HELLO =
            new Submission("msg-1", "acc-1", "MyBrand", "2348031234567", "Hello", Encoding.GSM7, 1, true);

    private record Seen(String method, Headers headers, String body) {
    }

    private interface Answer {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private volatile Answer answer;
    private HttpServer server;

    @BeforeEach
    void startSmsc() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/sms", exchange -> {
            try {
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestHeaders(),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                answer.answer(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stopSmsc() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void postsTheConfiguredFieldsWithCredentialsAndIsAcceptedUnderTheSmscsId() throws Exception {
        answer = respond(200, "{\"message_id\":\"smsc-42\",\"status\":\"queued\"}", Map.of());

        SubmitResult result = submit(Optional.of("key-123"), Duration.ofSeconds(5));

        assertEquals(new SubmitResult.Accepted("smsc-42"), result);
        Seen request = seen.poll(1, TimeUnit.SECONDS);
        assertEquals("POST", request.method());
        assertEquals("key-123", request.headers().getFirst("X-Api-Key"));
        assertTrue(request.headers().getFirst("Content-Type").startsWith("application/json"), request.headers().toString());
        assertEquals(Map.of("msisdn", "+2348031234567", "sender", "MyBrand", "content", "Hello", "reference", "msg-1"),
                json.readValue(request.body(), Map.class));
    }

    @Test
    void sendsNoCredentialHeaderWhenNoneIsConfigured() throws Exception {
        answer = respond(201, "{\"message_id\":7}", Map.of());

        SubmitResult result = submit(Optional.empty(), Duration.ofSeconds(5));

        assertEquals(new SubmitResult.Accepted("7"), result);
        assertFalse(seen.poll(1, TimeUnit.SECONDS).headers().containsKey("X-Api-Key"));
    }

    @Test
    void anAnswerWithoutAnIdStillMeansTakenUnderOurReference() {
        answer = respond(202, "", Map.of());

        assertEquals(new SubmitResult.Accepted("msg-1"), submit(Optional.empty(), Duration.ofSeconds(5)));
    }

    @Test
    void aServerErrorIsRetriedShortly() {
        answer = respond(500, "internal error", Map.of());

        SubmitResult result = submit(Optional.empty(), Duration.ofSeconds(5));

        SubmitResult.RetryLater retry = assertInstanceOf(SubmitResult.RetryLater.class, result);
        assertEquals(Duration.ofSeconds(2), retry.notBefore());
        assertEquals("HTTP 500: internal error", retry.reason());
    }

    @Test
    void tooManyRequestsIsRetriedWhenRetryAfterSays() {
        answer = respond(429, "slow down", Map.of("Retry-After", "30"));

        SubmitResult result = submit(Optional.empty(), Duration.ofSeconds(5));

        assertEquals(Duration.ofSeconds(30), assertInstanceOf(SubmitResult.RetryLater.class, result).notBefore());
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(120).atOffset(ZoneOffset.UTC));
        answer = respond(503, "", Map.of("Retry-After", inTwoMinutes));

        SubmitResult result = submit(Optional.empty(), Duration.ofSeconds(5));

        assertEquals(Duration.ofSeconds(120), assertInstanceOf(SubmitResult.RetryLater.class, result).notBefore());
    }

    @Test
    void aRetryAfterBeyondWhatAQueueCanDelayIsCut() {
        answer = respond(429, "", Map.of("Retry-After", "86400"));

        SubmitResult result = submit(Optional.empty(), Duration.ofSeconds(5));

        assertEquals(Duration.ofMinutes(15), assertInstanceOf(SubmitResult.RetryLater.class, result).notBefore());
    }

    @Test
    void aClientErrorIsRejectedWithTheStatusAsCode() {
        answer = respond(400, "{\"error\":\"invalid number\"}", Map.of());

        SubmitResult result = submit(Optional.empty(), Duration.ofSeconds(5));

        assertEquals(new SubmitResult.Rejected("400", "HTTP 400: {\"error\":\"invalid number\"}"), result);
    }

    @Test
    void anSmscTooSlowToAnswerMayHaveTakenItSoItIsNotRetried() {
        answer = exchange -> {
            Thread.sleep(3_000);
            respond(200, "{\"message_id\":\"late\"}", Map.of()).answer(exchange);
        };
        long started = System.nanoTime();

        SubmitResult result = submit(Optional.empty(), Duration.ofMillis(300));

        SubmitResult.Unanswered unanswered = assertInstanceOf(SubmitResult.Unanswered.class, result);
        assertTrue(unanswered.reason().startsWith("SMSC did not answer"), unanswered.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) < 0, "gave up at the read timeout");
    }

    @Test
    void anSmscThatIsNotListeningIsRetried() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpSmsc smsc = new HttpSmsc(URI.create("http://127.0.0.1:" + closedPort + "/api/sms"), "X-Api-Key", Optional.empty(),
                FIELDS, Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.fixed(NOW, ZoneOffset.UTC));

        SubmitResult result;
        try (smsc) {
            result = smsc.submit(HELLO);
        }

        SubmitResult.RetryLater retry = assertInstanceOf(SubmitResult.RetryLater.class, result);
        assertTrue(retry.reason().contains("Connection refused"), retry.reason());
    }

    private SubmitResult submit(Optional<String> apiKey, Duration readTimeout) {
        try (HttpSmsc smsc = new HttpSmsc(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/sms"),
                "X-Api-Key", apiKey, FIELDS, Duration.ofSeconds(1), readTimeout, Clock.fixed(NOW, ZoneOffset.UTC))) {
            return smsc.submit(HELLO);
        }
    }

    private static Answer respond(int status, String body, Map<String, String> headers) {
        return exchange -> {
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            if (body.startsWith("{")) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        };
    }
}
