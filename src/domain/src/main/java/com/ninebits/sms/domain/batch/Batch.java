package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.text.Encoding;
import com.ninebits.sms.domain.text.MessageText;
import com.ninebits.sms.domain.text.Segmenter;

import java.time.Instant;
import java.util.List;

/**
 * An accepted batch: one body from one sender to many recipients. {@code token} is unique to
 * this acceptance, so that queue messages of a rolled-back attempt never match a later batch
 * that reuses the same reference.
 *
 * <p>{@code body} is the template: each recipient's own text is {@link #textFor rendered} from it
 * with {@code values}. {@code encoding} and {@code parts} sum the batch up (UCS2 if any recipient's
 * text needs it, the most parts any recipient's text has); {@link #partsOf} is what each is charged.
 *
 * <p>{@code ignoreQuietHours}: sent with {@code quiet_hours: "ignore"}, its messages are never held
 * for the account's quiet hours.
 */
public record Batch(String accountId, String referenceId, String token, String fingerprint, State state,
                    String from, String body, Encoding encoding, int parts, boolean deliveryReport,
                    Instant createdAt, Instant sendAt, Instant expireAt, String callbackUrl,
                    List<String> recipients, List<Rejected> rejected, long cost, RecipientValues values,
                    Instant cancelledAt, boolean ignoreQuietHours) {

    /** A batch with one text for every recipient, that nobody asked to cancel, keeping quiet hours. */
    public Batch(String accountId, String referenceId, String token, String fingerprint, State state,
                 String from, String body, Encoding encoding, int parts, boolean deliveryReport,
                 Instant createdAt, Instant sendAt, Instant expireAt, String callbackUrl,
                 List<String> recipients, List<Rejected> rejected, long cost) {
        this(accountId, referenceId, token, fingerprint, state, from, body, encoding, parts, deliveryReport, createdAt,
                sendAt, expireAt, callbackUrl, recipients, rejected, cost, RecipientValues.NONE, null, false);
    }

    /** A templated batch nobody asked to cancel. */
    public Batch(String accountId, String referenceId, String token, String fingerprint, State state,
                 String from, String body, Encoding encoding, int parts, boolean deliveryReport,
                 Instant createdAt, Instant sendAt, Instant expireAt, String callbackUrl,
                 List<String> recipients, List<Rejected> rejected, long cost, RecipientValues values) {
        this(accountId, referenceId, token, fingerprint, state, from, body, encoding, parts, deliveryReport, createdAt,
                sendAt, expireAt, callbackUrl, recipients, rejected, cost, values, null, false);
    }

    /** A batch with one text for every recipient. */
    public Batch(String accountId, String referenceId, String token, String fingerprint, State state,
                 String from, String body, Encoding encoding, int parts, boolean deliveryReport,
                 Instant createdAt, Instant sendAt, Instant expireAt, String callbackUrl,
                 List<String> recipients, List<Rejected> rejected, long cost, Instant cancelledAt) {
        this(accountId, referenceId, token, fingerprint, state, from, body, encoding, parts, deliveryReport, createdAt,
                sendAt, expireAt, callbackUrl, recipients, rejected, cost, RecipientValues.NONE, cancelledAt, false);
    }

    /** A batch with one text for every recipient, nobody asked to cancel, that may ignore quiet hours. */
    public Batch(String accountId, String referenceId, String token, String fingerprint, State state,
                 String from, String body, Encoding encoding, int parts, boolean deliveryReport,
                 Instant createdAt, Instant sendAt, Instant expireAt, String callbackUrl,
                 List<String> recipients, List<Rejected> rejected, long cost, boolean ignoreQuietHours) {
        this(accountId, referenceId, token, fingerprint, state, from, body, encoding, parts, deliveryReport, createdAt,
                sendAt, expireAt, callbackUrl, recipients, rejected, cost, RecipientValues.NONE, null, ignoreQuietHours);
    }

    public Batch {
        values = values == null ? RecipientValues.NONE : values;
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

    /**
     * Whether its customer asked to cancel it: from then on no message of it that is still queued
     * is submitted, and each such one ends {@code cancelled} (see BatchCancellation).
     */
    public boolean cancelled() {
        return cancelledAt != null;
    }

    public Batch withCancelledAt(Instant at) {
        return new Batch(accountId, referenceId, token, fingerprint, state, from, body, encoding, parts,
                deliveryReport, createdAt, sendAt, expireAt, callbackUrl, recipients, rejected, cost, values, at, ignoreQuietHours);
    }

    /** The same batch under another acceptance token: each attempt at accepting it has its own. */
    public Batch withToken(String newToken) {
        return new Batch(accountId, referenceId, newToken, fingerprint, state, from, body, encoding, parts,
                deliveryReport, createdAt, sendAt, expireAt, callbackUrl, recipients, rejected, cost, values, cancelledAt, ignoreQuietHours);
    }

    public Batch accepted() {
        return withState(State.ACCEPTED);
    }

    public Batch withState(State next) {
        return new Batch(accountId, referenceId, token, fingerprint, next, from, body, encoding, parts,
                deliveryReport, createdAt, sendAt, expireAt, callbackUrl, recipients, rejected, cost, values, cancelledAt, ignoreQuietHours);
    }

    /** The text recipient {@code index} is sent. */
    public String textFor(int index) {
        return values.render(body, index);
    }

    /** Recipient {@code index}'s text as it is sent: its encoding and parts. */
    public MessageText messageFor(int index) {
        return Segmenter.segment(textFor(index));
    }

    /** The encoding recipient {@code index}'s text is sent in. */
    public Encoding encodingOf(int index) {
        return values.none() ? encoding : messageFor(index).encoding();
    }

    /** The parts recipient {@code index} is charged (and refunded, should it not be sent). */
    public int partsOf(int index) {
        return values.none() ? parts : Segmenter.partCount(textFor(index));
    }
}
