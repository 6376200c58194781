package com.ninebits.sms.domain.dispatch;

import java.time.Duration;

/** What an SMSC answered to a submission. */
public sealed interface SubmitResult permits SubmitResult.Accepted, SubmitResult.RetryLater, SubmitResult.Rejected {

    /** Taken by the SMSC, under its own message id. */
    record Accepted(String smscMessageId) implements SubmitResult {
    }

    /** Not taken, for a reason that may pass (5xx, 429, timeout, connection refused). */
    record RetryLater(String reason, Duration notBefore) implements SubmitResult {
    }

    /** Refused for good (bad number, sender refused, other 4xx): submitting again will not help. */
    record Rejected(String errorCode, String reason) implements SubmitResult {
    }
}
