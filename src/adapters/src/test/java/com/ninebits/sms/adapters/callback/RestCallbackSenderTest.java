package com.ninebits.sms.adapters.callback;

import com.ninebits.sms.domain.callback.CallbackSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a receiver's HTTP answer means for a callback: the one place that reads statuses. */
class RestCallbackSenderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final RestCallbackSender sender = new RestCallbackSender(Clock.fixed(NOW, ZoneOffset.UTC));

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
