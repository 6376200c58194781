package com.ninebits.sms.domain.message;

import com.ninebits.sms.domain.message.MessageState.Status;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A status move as a store writes it: to {@code to}, only from a status in {@code from}. The store
 * renders {@code from} as the condition of its write (so a move made twice, or raced, changes
 * nothing the second time); an in-memory store checks {@link #allows}. Both sets come from
 * {@link Status#mayMoveTo}, the one statement of the order.
 */
public record Transition(Set<Status> from, Status to) {

    public Transition {
        Set<Status> copy = EnumSet.noneOf(Status.class);
        copy.addAll(from);
        from = Collections.unmodifiableSet(copy);
    }

    /**
     * A move forward from wherever the message stands: a delivery report's, or a final move. None
     * leads to {@code queued} ({@link #possible()} is false).
     */
    public static Transition forwardTo(Status to) {
        return new Transition(to.reachableFrom(), to);
    }

    /**
     * The answer to a claimed submission attempt (dispatched, or unknown when none came): a claim
     * holds a queued message, and only a message still queued moves. One that a delivery report
     * moved on meanwhile keeps what the report said, which is more than the attempt knows.
     */
    public static Transition ofClaimedAttempt(Status to) {
        Set<Status> from = EnumSet.noneOf(Status.class);
        if (Status.QUEUED.mayMoveTo(to)) {
            from.add(Status.QUEUED);
        }
        return new Transition(from, to);
    }

    /**
     * A move that only a message not yet handed to the SMSC may make (a cancellation): from
     * {@code queued} alone. The store adds that no attempt may be under way, which is what a claim
     * sets, so that of a cancel and a claim racing for one message exactly one wins.
     */
    public static Transition beforeDispatch(Status to) {
        Set<Status> from = EnumSet.noneOf(Status.class);
        if (Status.QUEUED.mayMoveTo(to)) {
            from.add(Status.QUEUED);
        }
        return new Transition(from, to);
    }

    public boolean allows(Status current) {
        return from.contains(current);
    }

    /** Whether any message could make this move. */
    public boolean possible() {
        return !from.isEmpty();
    }
}
