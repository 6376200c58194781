package com.ninebits.sms.domain.message;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where one message of a batch stands, once it has left the queue. {@code heldUntil}: when a
 * message held for its recipient's quiet hours goes (null: never held).
 */
public record MessageState(int index, String to, Status status, int parts, String smscMessageId, Instant smscTimestamp,
                           Instant updatedAt, String errorCode, Instant heldUntil) {

    /** A message never held for quiet hours. */
    public MessageState(int index, String to, Status status, int parts, String smscMessageId, Instant smscTimestamp,
                        Instant updatedAt, String errorCode) {
        this(index, to, status, parts, smscMessageId, smscTimestamp, updatedAt, errorCode, null);
    }

    /**
     * A message's statuses and the one rule for moving between them: only forward, queued &lt;
     * dispatched &lt; unknown &lt; final, and nothing leaves a final status (so a late, repeated or
     * contradicting report changes nothing). Stores turn {@link #reachableFrom()} into the
     * condition of their write; nothing else states the order.
     */
    public enum Status {
        QUEUED(0), DISPATCHED(1), DELIVERED(3), FAILED(3), REJECTED(3), EXPIRED(3), CANCELLED(3), UNKNOWN(2);

        private static final int FINAL = 3;

        /** How far on the message is; every final status is as far as it goes. */
        private final int stage;

        Status(int stage) {
            this.stage = stage;
        }

        public boolean isFinal() {
            return stage == FINAL;
        }

        /** Whether a message standing here may move to {@code next}. */
        public boolean mayMoveTo(Status next) {
            return !isFinal() && next.stage > stage;
        }

        /** The statuses a message may move to this one from; none for {@code queued}, where every message starts. */
        public Set<Status> reachableFrom() {
            Set<Status> from = EnumSet.noneOf(Status.class);
            for (Status s : values()) {
                if (s.mayMoveTo(this)) {
                    from.add(s);
                }
            }
            return from;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
