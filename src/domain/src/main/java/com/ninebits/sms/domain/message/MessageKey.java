package com.ninebits.sms.domain.message;

import com.ninebits.sms.domain.account.Ids;

import java.util.Optional;

/**
 * Identifies one message: account, batch reference and position in {@code to}. Its text form is
 * the gateway's message id, which SMSCs echo back in delivery reports.
 */
public record MessageKey(String accountId, String referenceId, int index) {

    private static final char SEPARATOR = '~';

    public String messageId() {
        return accountId + SEPARATOR + referenceId + SEPARATOR + index;
    }

    public static Optional<MessageKey> parse(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        int first = messageId.indexOf(SEPARATOR);
        int last = messageId.lastIndexOf(SEPARATOR);
        if (first <= 0 || last <= first + 1 || last == messageId.length() - 1) {
            return Optional.empty();
        }
        String digits = messageId.substring(last + 1);
        // Only the form messageId() writes: ASCII digits, no sign, no leading zero; one id per message.
        if (digits.length() > 10 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return Optional.empty();
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        long index = Long.parseLong(digits);
        String accountId = messageId.substring(0, first);
        String referenceId = messageId.substring(first + 1, last);
        // Ids the gateway could never have given out (over-long, odd characters) name no message: a store
        // would refuse such a key with an error that reads as an outage, and the SMSC would retry for ever.
        if (index > Integer.MAX_VALUE || !Ids.couldExist(accountId) || !Ids.couldExist(referenceId)) {
            return Optional.empty();
        }
        return Optional.of(new MessageKey(accountId, referenceId, (int) index));
    }
}
