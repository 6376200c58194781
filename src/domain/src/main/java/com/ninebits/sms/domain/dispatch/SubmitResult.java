package com.ninebits.sms.domain.dispatch;

import java.time.Duration;

/** What an SMSC answered to a submission. */
public sealed interface SubmitResult permits SubmitResult.Accepted, SubmitResult.RetryLater, SubmitResult.Rejected,
        SubmitResult.Unanswered {

    /** Taken by the SMSC, under its own message id. */
    record Accepted(String smscMessageId) implements SubmitResult {
    }

    /** Not taken, for a reason that may pass (5xx, 429, the SMSC could not be reached at all). */
    record RetryLater(String reason, Duration notBefore) implements SubmitResult {
    }

    /**
     * The submission reached the SMSC but no answer came back (timed out, connection dropped): it
     * may have been taken, so submitting it again could send it twice.
     */
    record Unanswered(String reason) implements SubmitResult {
    }

    /** Refused for good (bad number, sender refused, other 4xx): submitting again will not help. */
    record Rejected(String errorCode, String reason) implements SubmitResult {
    }
}
