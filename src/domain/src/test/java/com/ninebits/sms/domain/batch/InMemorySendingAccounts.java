package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.Fault;
import com.ninebits.sms.domain.account.Account;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Accounts and the sender IDs approved for them. */
final class InMemorySendingAccounts implements SendingAccounts {

    final Fault load = new Fault("load");

    private final Map<String, Account> accounts = new HashMap<>();
    private final Set<String> approved = new HashSet<>();
    private final Set<String> webhooks = new HashSet<>();

    synchronized void add(Account account) {
        accounts.put(account.id(), account);
    }

    synchronized void approve(String accountId, String senderId) {
        approved.add(accountId + "\n" + senderId);
    }

    synchronized void setWebhook(String accountId) {
        webhooks.add(accountId);
    }

    @Override
    public Optional<Sending> load(String accountId, String senderId) {
        load.enter();
        synchronized (this) {
            return Optional.ofNullable(accounts.get(accountId))
                    .map(a -> new Sending(a, approved.contains(accountId + "\n" + senderId), webhooks.contains(accountId)));
        }
    }
}
