package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.text.Encoding;

import java.time.Instant;
import java.util.List;

/**
 * An accepted batch: one body from one sender to many recipients. {@code token} is unique to
 * this acceptance, so that queue messages of a rolled-back attempt never match a later batch
 * that reuses the same reference.
 */
public record Batch(String accountId, String referenceId, String token, String fingerprint, State state,
                    String from, String body, Encoding encoding, int parts, boolean deliveryReport,
                    Instant createdAt, Instant sendAt, Instant expireAt, String callbackUrl,
                    List<String> recipients, List<Rejected> rejected, long cost) {

    public enum State {
        /** Claimed by an acceptance still under way (or that died: recovered after a lease). */
        PENDING,
        /** Charged and handed to the queue or the schedule. */
        ACCEPTED
    }

    /** An entry of {@code to} that was left out, and why. */
    public record Rejected(String to, String reason) {
    }

    public boolean scheduled() {
        return sendAt != null;
    }

    /** The same batch under another acceptance token: each attempt at accepting it has its own. */
    public Batch withToken(String newToken) {
        return new Batch(accountId, referenceId, newToken, fingerprint, state, from, body, encoding, parts,
                deliveryReport, createdAt, sendAt, expireAt, callbackUrl, recipients, rejected, cost);
    }

    public Batch accepted() {
        return new Batch(accountId, referenceId, token, fingerprint, State.ACCEPTED, from, body, encoding, parts,
                deliveryReport, createdAt, sendAt, expireAt, callbackUrl, recipients, rejected, cost);
    }
}
