package com.ninebits.sms.adapters.callback;

import com.ninebits.sms.domain.callback.CallbackSender;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a receiver's HTTP answer means for a callback (the one place that reads statuses), and where the POST goes. */
class RestCallbackSenderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Vertx VERTX = Vertx.vertx();
    private final RestCallbackSender sender = new RestCallbackSender(Clock.fixed(NOW, ZoneOffset.UTC), VERTX);

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    /** A receiver on 127.0.0.1 that answers {@code status} and records what it was sent. */
    private static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final List<String> seen = new CopyOnWriteArrayList<>();

        Receiver(int status) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host=" + exchange.getRequestHeaders().getFirst("Host")
                        + " sig=" + exchange.getRequestHeaders().getFirst("X-Signature") + " body=" + body);
                if (status == 302) {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void connectsToTheCheckedAddressWithTheUrlsHostInTheHostHeader() throws Exception {
        try (Receiver receiver = new Receiver(204)) {
            // The name resolves nowhere: only a connection to the address given can reach the receiver.
            String url = "http://callbacks.invalid:" + receiver.port() + "/hooks/sms?tag=a";

            CallbackSender.Answer answer = sender.post(url, InetAddress.getLoopbackAddress(), "t=1,v1=ab", "{\"x\":1}");

            assertEquals(new CallbackSender.Delivered(), answer);
            assertEquals(List.of("POST /hooks/sms?tag=a host=callbacks.invalid:" + receiver.port() + " sig=t=1,v1=ab body={\"x\":1}"),
                    receiver.seen);
        }
    }

    @Test
    void aRedirectIsAnAnswerAndNotFollowed() throws Exception {
        try (Receiver receiver = new Receiver(302)) {
            String url = "http://callbacks.invalid:" + receiver.port() + "/";

            assertEquals(new CallbackSender.Refused("http_302"), sender.post(url, InetAddress.getLoopbackAddress(), "s", "{}"));
            assertEquals(1, receiver.seen.size());
        }
    }

    @Test
    void nobodyListeningIsUnreachableAndNotReached() throws Exception {
        int closed;
        try (Receiver receiver = new Receiver(200)) {
            closed = receiver.port();
        }

        CallbackSender.Answer answer = sender.post("http://callbacks.invalid:" + closed + "/", InetAddress.getLoopbackAddress(), "s", "{}");

        CallbackSender.RetryLater retry = assertInstanceOf(CallbackSender.RetryLater.class, answer);
        assertTrue(retry.reason().startsWith("unreachable"), retry.reason());
        assertFalse(retry.reached());
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void anyTwoHundredIsDelivered(int status) {
        assertEquals(new CallbackSender.Delivered(), sender.answer(status, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void retriesTimeoutsThrottlingAndServerErrors(int status) {
        assertEquals(new CallbackSender.RetryLater("http_" + status, null, true), sender.answer(status, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 301, 302, 400, 401, 403, 404, 410, 422})
    void refusesAnyOtherAnswerRedirectsIncluded(int status) {
        assertEquals(new CallbackSender.Refused("http_" + status), sender.answer(status, null));
    }

    @Test
    void aThrottledReceiverSaysHowLongToWaitInSecondsOrAsADate() {
        assertEquals(Duration.ofMinutes(2), retryAfter(sender.answer(429, "120")));
        assertEquals(Duration.ofSeconds(30), retryAfter(sender.answer(503, "Sun, 01 Mar 2026 10:00:30 GMT")));
        assertEquals(null, retryAfter(sender.answer(503, "soon")));
    }

    private static Duration retryAfter(CallbackSender.Answer answer) {
        return ((CallbackSender.RetryLater) answer).retryAfter();
    }
}
