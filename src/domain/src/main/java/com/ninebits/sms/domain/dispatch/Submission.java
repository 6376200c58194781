package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.text.Encoding;

/**
 * One message handed to an SMSC: the whole text (SMSCs that concatenate, as Kannel does, split
 * it themselves), and {@code messageId}, the gateway's own id of the message, which the SMSC
 * echoes in its delivery reports.
 */
public record Submission(String messageId, String accountId, String from, String to, String body, Encoding encoding,
                         int parts, boolean deliveryReport) {
}
