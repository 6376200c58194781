package com.ninebits.sms.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * What one operation of a fake port does wrong, and when. A fault before the write models a store
 * that refused the call; a fault after it models the answer lost on the way back, when the write
 * went through. A death is an {@link Error}, which the use case does not catch: the function
 * stopped there, leaving whatever it had written.
 */
public final class Fault {

    public enum When { BEFORE_WRITE, AFTER_WRITE, DIE, DIE_AFTER_WRITE }

    /** A backing service failing as the AWS SDK does: with an unchecked exception. */
    public static final class Down extends RuntimeException {
        Down(String message) {
            super(message, null, false, false);
        }
    }

    /** The Lambda instance stopped mid-call: nothing after this point ran. */
    public static final class Died extends Error {
        Died(String message) {
            super(message, null, false, false);
        }
    }

    private final String operation;
    private final AtomicInteger calls = new AtomicInteger();
    private final Map<Integer, When> planned = new ConcurrentHashMap<>();
    private volatile When always;
    private volatile IntConsumer onCall = n -> {
    };

    public Fault(String operation) {
        this.operation = operation;
    }

    /** The {@code nth} call (1-based) fails. */
    public Fault failOnCall(int nth, When when) {
        planned.put(nth, when);
        return this;
    }

    /** Every call from now on fails, until {@link #heal()}. */
    public Fault failAlways(When when) {
        always = when;
        return this;
    }

    public Fault heal() {
        always = null;
        planned.clear();
        return this;
    }

    /** Runs with the call's number as the call starts, outside any lock of the fake. */
    public Fault onCall(IntConsumer hook) {
        onCall = hook;
        return this;
    }

    public int calls() {
        return calls.get();
    }

    /** Counts the call, runs the hook, and fails it now if planned so; returns the call's number. */
    public int enter() {
        int n = calls.incrementAndGet();
        onCall.accept(n);
        When when = planFor(n);
        if (when == When.BEFORE_WRITE) {
            throw new Down(operation + " failed (call " + n + ")");
        }
        if (when == When.DIE) {
            throw new Died("died during " + operation + " (call " + n + ")");
        }
        return n;
    }

    /** Fails call {@code n} after its write, if planned so. */
    public void leave(int n) {
        When when = planFor(n);
        if (when == When.AFTER_WRITE) {
            throw new Down(operation + " answer lost after the write (call " + n + ")");
        }
        if (when == When.DIE_AFTER_WRITE) {
            throw new Died("died right after " + operation + " was written (call " + n + ")");
        }
    }

    private When planFor(int n) {
        When once = planned.get(n);
        return once != null ? once : always;
    }
}
