package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory ledger, noting on a sequence shared with {@link HeldSmsc} when each claim was
 * made, with claims of chosen messages made slow (real time), as a store's latency varies.
 */
final class SequencedLedger implements MessageLedger {

    final InMemoryLedger ledger = new InMemoryLedger();
    private final AtomicLong sequence;
    private final Map<Integer, Duration> slowClaims = new ConcurrentHashMap<>();
    /** The sequence number at which each message's last successful claim returned. */
    final Map<Integer, Long> claimed = new ConcurrentHashMap<>();
    final Map<Integer, Integer> withdrawn = new ConcurrentHashMap<>();

    SequencedLedger(AtomicLong sequence) {
        this.sequence = sequence;
    }

    SequencedLedger slowClaim(int index, Duration latency) {
        slowClaims.put(index, latency);
        return this;
    }

    @Override
    public Map<Integer, MessageRecord> records(String accountId, String referenceId, int from, int to) {
        return ledger.records(accountId, referenceId, from, to);
    }

    @Override
    public boolean claim(MessageKey key, String to, int parts, Subscription subscription, int attempt, Instant now) {
        Duration latency = slowClaims.get(key.index());
        if (latency != null) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean made = ledger.claim(key, to, parts, subscription, attempt, now);
        if (made) {
            claimed.put(key.index(), sequence.incrementAndGet());
        }
        return made;
    }

    @Override
    public Optional<MessageState> dispatched(MessageKey key, int attempt, String smscMessageId, Instant now) {
        return ledger.dispatched(key, attempt, smscMessageId, now);
    }

    @Override
    public void release(MessageKey key, int attempt, String reason, Instant now) {
        ledger.release(key, attempt, reason, now);
    }

    @Override
    public void withdraw(MessageKey key, int attempt) {
        withdrawn.merge(key.index(), 1, Integer::sum);
        ledger.withdraw(key, attempt);
    }

    @Override
    public Optional<MessageState> abandon(MessageKey key, int attempt, String errorCode, Instant now) {
        return ledger.abandon(key, attempt, errorCode, now);
    }

    @Override
    public Optional<MessageState> finish(MessageKey key, String to, int parts, MessageState.Status status, String errorCode,
                                         Instant now) {
        return ledger.finish(key, to, parts, status, errorCode, now);
    }

    @Override
    public Optional<MessageState> cancel(MessageKey key, String to, int parts, Instant now) {
        return ledger.cancel(key, to, parts, now);
    }

    @Override
    public void refundPaid(MessageKey key) {
        ledger.refundPaid(key);
    }
}
