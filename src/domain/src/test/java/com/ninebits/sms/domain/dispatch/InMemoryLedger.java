package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.MessageStore;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.StatusChange;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.MessageState.Status;
import com.ninebits.sms.domain.message.Transition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ledger with the conditional semantics its Javadoc states, as a DynamoDB conditional write
 * would apply them: every move checks the record first and changes nothing when the check fails.
 */
final class InMemoryLedger implements MessageLedger, MessageStore {

    private static final class Entry {
        MessageState state;
        int attempts;
        boolean inFlight;
        int refundDue;
        final List<Status> history = new ArrayList<>();
        final List<StatusChange> changes = new ArrayList<>();

        Entry(MessageState state) {
            this.state = state;
            history.add(state.status());
            if (state.status() != Status.QUEUED) {
                changes.add(new StatusChange(state.status(), state.updatedAt(), null, state.errorCode()));
            }
        }

        MessageState move(MessageState next) {
            state = next;
            history.add(next.status());
            changes.add(new StatusChange(next.status(), next.updatedAt(), next.smscTimestamp(), next.errorCode()));
            return next;
        }
    }

    private final Map<MessageKey, Entry> entries = new HashMap<>();

    @Override
    public synchronized Map<Integer, MessageRecord> records(String accountId, String referenceId, int from, int to) {
        Map<Integer, MessageRecord> out = new TreeMap<>();
        entries.forEach((key, entry) -> {
            if (key.accountId().equals(accountId) && key.referenceId().equals(referenceId)
                    && key.index() >= from && key.index() < to) {
                out.put(key.index(), new MessageRecord(entry.state, entry.attempts, entry.inFlight, entry.refundDue));
            }
        });
        return out;
    }

    @Override
    public synchronized boolean claim(MessageKey key, String to, int parts, Subscription subscription, int attempt,
                                      Instant now) {
        Entry entry = entries.get(key);
        if (entry == null) {
            if (attempt != 1) {
                return false;
            }
            entry = new Entry(new MessageState(key.index(), to, Status.QUEUED, parts, null, null, now, null));
            entries.put(key, entry);
        }
        if (entry.state.status() != Status.QUEUED || entry.attempts != attempt - 1 || entry.inFlight) {
            return false;
        }
        entry.attempts = attempt;
        entry.inFlight = true;
        return true;
    }

    /** A fault to inject: thrown by the next {@link #dispatched}, as if the store refused the write. */
    RuntimeException failNextDispatched;

    @Override
    public synchronized Optional<MessageState> dispatched(MessageKey key, int attempt, String smscMessageId, Instant now) {
        if (failNextDispatched != null) {
            RuntimeException e = failNextDispatched;
            failNextDispatched = null;
            throw e;
        }
        Entry entry = entries.get(key);
        if (entry == null || entry.attempts != attempt || !entry.inFlight) {
            return Optional.empty();
        }
        entry.inFlight = false;
        MessageState s = entry.state;
        if (!Transition.ofClaimedAttempt(Status.DISPATCHED).allows(s.status())) {
            // A report moved it on first: the attempt is closed, the first SMSC id kept.
            if (s.smscMessageId() == null) {
                entry.state = new MessageState(s.index(), s.to(), s.status(), s.parts(), smscMessageId, s.smscTimestamp(),
                        s.updatedAt(), s.errorCode());
            }
            return Optional.empty();
        }
        return Optional.of(entry.move(new MessageState(s.index(), s.to(), Status.DISPATCHED, s.parts(), smscMessageId, null,
                now, null)));
    }

    @Override
    public synchronized void release(MessageKey key, int attempt, String reason, Instant now) {
        Entry entry = entries.get(key);
        if (entry != null && entry.attempts == attempt && entry.inFlight) {
            entry.inFlight = false;
        }
    }

    @Override
    public synchronized void withdraw(MessageKey key, int attempt) {
        Entry entry = entries.get(key);
        if (entry != null && entry.attempts == attempt && entry.inFlight) {
            entry.attempts = attempt - 1;
            entry.inFlight = false;
        }
    }

    @Override
    public synchronized Optional<MessageState> abandon(MessageKey key, int attempt, String errorCode, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null || entry.attempts != attempt || !entry.inFlight) {
            return Optional.empty();
        }
        entry.inFlight = false;
        MessageState s = entry.state;
        if (!Transition.ofClaimedAttempt(Status.UNKNOWN).allows(s.status())) {
            return Optional.empty();
        }
        return Optional.of(entry.move(new MessageState(s.index(), s.to(), Status.UNKNOWN, s.parts(), s.smscMessageId(), null,
                now, errorCode)));
    }

    @Override
    public synchronized Optional<MessageState> finish(MessageKey key, String to, int parts, Status status, String errorCode,
                                                      Instant now) {
        Entry entry = entries.get(key);
        MessageState next = new MessageState(key.index(), to, status, parts,
                entry == null ? null : entry.state.smscMessageId(), null, now, errorCode);
        if (entry == null) {
            Entry created = new Entry(next);
            created.refundDue = parts;
            entries.put(key, created);
            return Optional.of(next);
        }
        if (!Transition.forwardTo(status).allows(entry.state.status())) {
            return Optional.empty();
        }
        entry.move(next);
        entry.inFlight = false;
        entry.refundDue = parts;
        return Optional.of(next);
    }

    @Override
    public synchronized Optional<MessageState> cancel(MessageKey key, String to, int parts, Instant now) {
        Entry entry = entries.get(key);
        MessageState next = new MessageState(key.index(), to, Status.CANCELLED, parts, null, null, now, null);
        if (entry == null) {
            Entry created = new Entry(next);
            created.refundDue = parts;
            entries.put(key, created);
            return Optional.of(next);
        }
        if (!Transition.beforeDispatch(Status.CANCELLED).allows(entry.state.status()) || entry.inFlight) {
            return Optional.empty();
        }
        entry.move(next);
        entry.refundDue = parts;
        return Optional.of(next);
    }

    /** Sets a record as a writer left it: with an attempt in flight, or a refund owed, at {@code updatedAt}. */
    synchronized void put(MessageKey key, MessageState state, int attempts, boolean inFlight, int refundDue) {
        Entry entry = new Entry(state);
        entry.attempts = attempts;
        entry.inFlight = inFlight;
        entry.refundDue = refundDue;
        entries.put(key, entry);
    }

    @Override
    public synchronized Map<Integer, MessageState> range(String accountId, String referenceId, int from, int to) {
        Map<Integer, MessageState> out = new TreeMap<>();
        records(accountId, referenceId, from, to).forEach((i, r) -> out.put(i, r.state()));
        return out;
    }

    @Override
    public synchronized Map<Status, Integer> counts(String accountId, String referenceId) {
        Map<Status, Integer> out = new java.util.EnumMap<>(Status.class);
        records(accountId, referenceId, 0, Integer.MAX_VALUE).values().forEach(r -> out.merge(r.state().status(), 1, Integer::sum));
        return out;
    }

    @Override
    public synchronized List<StatusChange> history(String accountId, String referenceId, int index) {
        Entry entry = entries.get(new MessageKey(accountId, referenceId, index));
        return entry == null ? List.of() : List.copyOf(entry.changes);
    }

    /** Notes a hold on a message still queued with no attempt under way, as {@code HeldMessages.hold} does. */
    synchronized void hold(MessageKey key, String to, int parts, Instant heldUntil, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null) {
            entries.put(key, new Entry(new MessageState(key.index(), to, Status.QUEUED, parts, null, null, now, null, heldUntil)));
        } else if (entry.state.status() == Status.QUEUED && !entry.inFlight) {
            MessageState s = entry.state;
            entry.state = new MessageState(s.index(), s.to(), s.status(), s.parts(), s.smscMessageId(), s.smscTimestamp(), now,
                    s.errorCode(), heldUntil);
        }
    }

    /** A fault to inject: thrown by the next {@link #refundPaid}, as if the dispatcher stopped there. */
    RuntimeException failNextRefundPaid;

    @Override
    public synchronized void refundPaid(MessageKey key) {
        if (failNextRefundPaid != null) {
            RuntimeException e = failNextRefundPaid;
            failNextRefundPaid = null;
            throw e;
        }
        Entry entry = entries.get(key);
        if (entry != null) {
            entry.refundDue = 0;
        }
    }

    synchronized Optional<MessageRecord> record(MessageKey key) {
        Entry entry = entries.get(key);
        return entry == null ? Optional.empty()
                : Optional.of(new MessageRecord(entry.state, entry.attempts, entry.inFlight, entry.refundDue));
    }

    synchronized Status status(MessageKey key) {
        return record(key).map(r -> r.state().status()).orElse(null);
    }

    synchronized List<Status> history(MessageKey key) {
        Entry entry = entries.get(key);
        return entry == null ? List.of() : List.copyOf(entry.history);
    }

    synchronized int size() {
        return entries.size();
    }
}
