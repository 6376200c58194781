package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.account.Account;

import java.util.Optional;

/**
 * What accepting a batch needs to know of the account, read in one round trip: the account, and
 * whether the sender ID it names is approved for it, and whether it has a webhook (whose secret
 * signs delivery reports).
 */
public interface SendingAccounts {

    record Sending(Account account, boolean senderApproved, boolean webhookSet) {
    }

    Optional<Sending> load(String accountId, String senderId);
}
