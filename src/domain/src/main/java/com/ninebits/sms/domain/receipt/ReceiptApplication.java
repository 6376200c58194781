package com.ninebits.sms.domain.receipt;

import com.ninebits.sms.domain.callback.CallbackQueue;
import com.ninebits.sms.domain.callback.CallbackTask;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.Transition;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Applies an SMSC's delivery report to the message it names: a monotonic, idempotent status move.
 * Duplicates and late reports never move a message backwards or out of a final status; a report
 * for a message the gateway does not know is kept, never dropped.
 *
 * <p>A move the batch asked delivery reports for queues a callback event. A report repeating the
 * status the message already has queues it again (same event id, which receivers de-duplicate
 * on): if queuing failed after the move was stored, the SMSC's retry of its report still gets the
 * customer told.
 */
public final class ReceiptApplication {

    private final ReceiptLedger ledger;
    private final CallbackQueue callbacks;
    private final Clock clock;

    public ReceiptApplication(ReceiptLedger ledger, CallbackQueue callbacks, Clock clock) {
        this.ledger = ledger;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    public ReceiptLedger.Applied apply(DeliveryReceipt receipt) {
        if (!Transition.forwardTo(receipt.status()).possible()) {
            // No message moves there ("queued at the SMSC" says nothing the gateway's status does not).
            return ReceiptLedger.Applied.IGNORED;
        }
        Optional<MessageKey> key = MessageKey.parse(receipt.messageId());
        if (key.isEmpty()) {
            ledger.keepUnmatched(receipt, clock.instant());
            return ReceiptLedger.Applied.UNKNOWN_MESSAGE;
        }
        ReceiptLedger.Move move = ledger.apply(key.get(), receipt.status(), receipt.smscMessageId(),
                receipt.smscTimestamp(), receipt.errorCode(), clock.instant());
        if (move.applied() == ReceiptLedger.Applied.UNKNOWN_MESSAGE) {
            ledger.keepUnmatched(receipt, clock.instant());
        }
        boolean tell = move.applied() == ReceiptLedger.Applied.MOVED
                || (move.applied() == ReceiptLedger.Applied.IGNORED && move.state() != null
                && move.state().status() == receipt.status());
        if (tell && move.subscription() != null) {
            callbacks.send(List.of(CallbackTask.first(StatusEvent.of(key.get(), move.state(), move.subscription()),
                    clock.instant())));
        }
        return move.applied();
    }
}
