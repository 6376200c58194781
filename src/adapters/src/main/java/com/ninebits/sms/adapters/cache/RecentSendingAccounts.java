package com.ninebits.sms.adapters.cache;

import com.ninebits.sms.domain.batch.SendingAccounts;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The accounts this function instance sent for recently, each with the sender ID it sent from, so
 * that accepting a batch needs no read before its claim. A sender ID not (yet) approved is never
 * remembered: once the operator approves it, the next send sees it. What is remembered (the
 * account's limits and country, an approved sender ID, whether a webhook is set) may be up to the
 * cache's ttl old, so a refusal or a webhook change made meanwhile through another instance is
 * seen within that time; one made through this instance is seen at once ({@link #forget}, called by
 * {@link ForgetOnAccountChange}).
 * Credit is never taken from here: the debit is a conditional write on the account itself.
 */
public final class RecentSendingAccounts implements SendingAccounts {

    private record Key(String accountId, String senderId) {
    }

    private final SendingAccounts accounts;
    private final Recent<Key, Sending> recent;

    public RecentSendingAccounts(SendingAccounts accounts, Duration ttl, Clock clock) {
        this.accounts = accounts;
        this.recent = new Recent<>(ttl, clock);
    }

    @Override
    public Optional<Sending> load(String accountId, String senderId) {
        return recent.get(new Key(accountId, senderId), () -> accounts.load(accountId, senderId), Sending::senderApproved);
    }

    /** Forgets what is remembered of the account (under every sender ID): it changed through this instance. */
    public void forget(String accountId) {
        recent.forgetAll(key -> key.accountId().equals(accountId));
    }
}
