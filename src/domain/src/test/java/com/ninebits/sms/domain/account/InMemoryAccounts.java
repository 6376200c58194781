package com.ninebits.sms.domain.account;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Account profiles and their webhooks; balances are {@link InMemoryCredit}'s. */
public final class InMemoryAccounts implements AccountStore {

    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, Webhook> webhooks = new HashMap<>();

    @Override
    public synchronized void create(Account account) {
        if (accounts.putIfAbsent(account.id(), account) != null) {
            throw new IllegalStateException("account " + account.id() + " exists");
        }
    }

    /** Another writer (an operator) removed the account. */
    public synchronized void remove(String accountId) {
        accounts.remove(accountId);
    }

    @Override
    public synchronized Optional<Account> find(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    @Override
    public synchronized Optional<Account> changeLimits(String accountId, AccountAdministration.Limits limits) {
        Account a = accounts.get(accountId);
        if (a == null) {
            return Optional.empty();
        }
        Account changed = new Account(a.id(), a.name(), a.defaultCountry(),
                limits.rateLimitMps() == null ? a.rateLimitMps() : limits.rateLimitMps(),
                limits.dispatchWindow() == null ? a.dispatchWindow() : limits.dispatchWindow(),
                limits.maxParts() == null ? a.maxParts() : limits.maxParts(), a.balance(), a.createdAt());
        accounts.put(accountId, changed);
        return Optional.of(changed);
    }

    @Override
    public synchronized Optional<Webhook> webhook(String accountId) {
        return Optional.ofNullable(webhooks.get(accountId));
    }

    @Override
    public synchronized void saveWebhook(String accountId, Webhook webhook) {
        requireAccount(accountId);
        webhooks.put(accountId, webhook);
    }

    @Override
    public synchronized void deleteWebhook(String accountId) {
        requireAccount(accountId);
        webhooks.remove(accountId);
    }

    /** The store writes a webhook only onto an existing profile (a conditional write). */
    private void requireAccount(String accountId) {
        if (!accounts.containsKey(accountId)) {
            throw new IllegalStateException("no account " + accountId);
        }
    }
}
