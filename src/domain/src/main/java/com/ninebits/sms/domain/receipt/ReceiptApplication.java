package com.ninebits.sms.domain.receipt;

import com.ninebits.sms.domain.batch.MessageState;
import com.ninebits.sms.domain.dispatch.MessageKey;

import java.time.Clock;
import java.util.Optional;

/**
 * Applies an SMSC's delivery report to the message it names: a monotonic, idempotent status move.
 * Duplicates and late reports never move a message backwards or out of a final status; a report
 * for a message the gateway does not know is kept, never dropped.
 */
public final class ReceiptApplication {

    private final ReceiptLedger ledger;
    private final Clock clock;

    public ReceiptApplication(ReceiptLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public ReceiptLedger.Applied apply(DeliveryReceipt receipt) {
        if (receipt.status() == MessageState.Status.QUEUED) {
            // "Queued at the SMSC" says nothing the gateway's own status does not already say.
            return ReceiptLedger.Applied.IGNORED;
        }
        Optional<MessageKey> key = MessageKey.parse(receipt.messageId());
        if (key.isEmpty()) {
            ledger.keepUnmatched(receipt, clock.instant());
            return ReceiptLedger.Applied.UNKNOWN_MESSAGE;
        }
        ReceiptLedger.Applied applied = ledger.apply(key.get(), receipt.status(), receipt.smscMessageId(),
                receipt.smscTimestamp(), receipt.errorCode(), clock.instant());
        if (applied == ReceiptLedger.Applied.UNKNOWN_MESSAGE) {
            ledger.keepUnmatched(receipt, clock.instant());
        }
        return applied;
    }
}
