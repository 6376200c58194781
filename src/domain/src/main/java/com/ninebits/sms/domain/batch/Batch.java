package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.text.Encoding;

import java.time.Instant;
import java.util.List;

/**
 * An accepted batch: one body from one sender to many recipients. {@code token} is unique to
 * this acceptance, so that queue messages of a rolled-back attempt never match a later batch
 * that reuses the same reference. {@code ignoreQuietHours}: sent with {@code quiet_hours: "ignore"},
 * its messages are never held for the account's quiet hours.
 */
public record Batch(String accountId, String referenceId, String token, String fingerprint, State state,
                    String from, String body, Encoding encoding, int parts, boolean deliveryReport,
                    Instant createdAt, Instant sendAt, Instant expireAt, String callbackUrl,
                    List<String> recipients, List<Rejected> rejected, long cost, boolean ignoreQuietHours) {

    /** A batch that keeps the account's quiet hours. */
    public Batch(String accountId, String referenceId, String token, String fingerprint, State state,
                 String from, String body, Encoding encoding, int parts, boolean deliveryReport,
                 Instant createdAt, Instant sendAt, Instant expireAt, String callbackUrl,
                 List<String> recipients, List<Rejected> rejected, long cost) {
        this(accountId, referenceId, token, fingerprint, state, from, body, encoding, parts, deliveryReport, createdAt,
                sendAt, expireAt, callbackUrl, recipients, rejected, cost, false);
    }

    public enum State {
        /** Claimed by an acceptance still under way (or that died: recovered after a lease). */
        PENDING,
        /** Charged and handed to the queue or the schedule. */
        ACCEPTED,
        /**
         * Being undone: no dispatcher may accept it any more, so its reservation can be refunded
         * and its claim freed (by its acceptance, or after the lease by whoever finds it).
         */
        WITHDRAWN;

        /**
         * Whether a claim in this state may move to {@code next}. Both the acceptance and a
         * dispatcher holding the batch's last queue message may mark it ACCEPTED, so accepting
         * twice is no conflict; withdrawing is the undo's first step and wins over a later accept.
         * The stores turn this rule into their condition.
         */
        public boolean mayBecome(State next) {
            return switch (next) {
                case PENDING -> false;
                case ACCEPTED -> this != WITHDRAWN;
                case WITHDRAWN -> this != ACCEPTED;
            };
        }

        /** Whether a claim in this state may be freed: only one that can never be sent. */
        public boolean releasable() {
            return this != ACCEPTED;
        }
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
                deliveryReport, createdAt, sendAt, expireAt, callbackUrl, recipients, rejected, cost, ignoreQuietHours);
    }

    public Batch accepted() {
        return withState(State.ACCEPTED);
    }

    public Batch withState(State next) {
        return new Batch(accountId, referenceId, token, fingerprint, next, from, body, encoding, parts,
                deliveryReport, createdAt, sendAt, expireAt, callbackUrl, recipients, rejected, cost, ignoreQuietHours);
    }
}
