package com.ninebits.sms.domain.callback;

import java.time.Duration;

/** POSTs a signed JSON body to a customer's URL, following no redirect, within a time limit. */
public interface CallbackSender {

    /** What came back. */
    sealed interface Answer permits Answered, Unreachable {
    }

    /** An HTTP status; {@code retryAfter} is the receiver's Retry-After, or null. */
    record Answered(int status, Duration retryAfter) implements Answer {
    }

    /** No HTTP answer: connection refused or dropped, timeout, TLS failure. */
    record Unreachable(String reason) implements Answer {
    }

    Answer post(String url, String signature, String body);
}
