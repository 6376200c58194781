package com.ninebits.sms.domain.callback;

import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.MessageKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One status change of one message, as the customer's webhook is told of it. A message reaches
 * each status at most once (moves only go forward), so message id and status name the change: the
 * event id is derived from them, and every copy of the same change carries the same event id,
 * which is what receivers de-duplicate on.
 */
public record StatusEvent(MessageKey key, String to, MessageState.Status status, String errorCode, int parts,
                          String smscMessageId, Instant smscTimestamp, Instant updatedAt, String callbackUrl) {

    /** The event for the state a message has just moved to. */
    public static StatusEvent of(MessageKey key, MessageState state, Subscription subscription) {
        return new StatusEvent(key, state.to(), state.status(), state.errorCode(), state.parts(), state.smscMessageId(),
                state.smscTimestamp(), state.updatedAt(), subscription.callbackUrl());
    }

    public String eventId() {
        return eventId(key.messageId(), status);
    }

    public String accountId() {
        return key.accountId();
    }

    public String referenceId() {
        return key.referenceId();
    }

    public String messageId() {
        return key.messageId();
    }

    static String eventId(String messageId, MessageState.Status status) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((messageId + "\n" + status.wire()).getBytes(StandardCharsets.UTF_8));
            return "evt_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
