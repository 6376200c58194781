package com.ninebits.sms.domain.receipt;

import com.ninebits.sms.domain.message.MessageState;

import java.time.Instant;

/**
 * A delivery report from an SMSC, read into the gateway's terms: which message (the gateway's own
 * message id, which the dispatcher gave the SMSC), the status it reports, the SMSC's own id and
 * timestamp for it, and the SMSC's error code, if any.
 */
public record DeliveryReceipt(String connector, String messageId, MessageState.Status status, String smscMessageId,
                              Instant smscTimestamp, String errorCode) {
}
