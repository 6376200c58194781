package com.ninebits.sms.adapters.metrics;

import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.telemetry.Telemetry;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the moves the dispatcher makes to a final or unknown status, by error code, as the
 * store answers them: a move that did not happen (a repeat, a race lost) is not counted.
 */
public final class CountedMessageLedger implements MessageLedger {

    private final MessageLedger ledger;
    private final Telemetry telemetry;

    public CountedMessageLedger(MessageLedger ledger, Telemetry telemetry) {
        this.ledger = ledger;
        this.telemetry = telemetry;
    }

    @Override
    public Map<Integer, MessageRecord> records(String accountId, String referenceId, int from, int to) {
        return ledger.records(accountId, referenceId, from, to);
    }

    @Override
    public boolean claim(MessageKey key, String to, int parts, Subscription subscription, int attempt, Instant now) {
        return ledger.claim(key, to, parts, subscription, attempt, now);
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
        ledger.withdraw(key, attempt);
    }

    @Override
    public Optional<MessageState> abandon(MessageKey key, int attempt, String errorCode, Instant now) {
        Optional<MessageState> moved = ledger.abandon(key, attempt, errorCode, now);
        moved.ifPresent(state -> telemetry.messageEnded(key.accountId(), state.status(), errorCode));
        return moved;
    }

    @Override
    public Optional<MessageState> finish(MessageKey key, String to, int parts, MessageState.Status status, String errorCode,
                                         Instant now) {
        Optional<MessageState> moved = ledger.finish(key, to, parts, status, errorCode, now);
        moved.ifPresent(state -> telemetry.messageEnded(key.accountId(), state.status(), errorCode));
        return moved;
    }

    @Override
    public Optional<MessageState> cancel(MessageKey key, String to, int parts, Instant now) {
        Optional<MessageState> moved = ledger.cancel(key, to, parts, now);
        moved.ifPresent(state -> telemetry.messageEnded(key.accountId(), state.status(), null));
        return moved;
    }

    @Override
    public void refundPaid(MessageKey key) {
        ledger.refundPaid(key);
    }
}
