package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Accounts with their balances; every credit is also recorded, so that refunds can be counted. */
final class InMemoryAccounts implements AccountStore {

    record Credit(String accountId, long amount) {
    }

    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, Webhook> webhooks = new HashMap<>();
    final List<Credit> credits = new ArrayList<>();

    @Override
    public void create(Account account) {
        if (accounts.putIfAbsent(account.id(), account) != null) {
            throw new IllegalStateException("account " + account.id() + " exists");
        }
    }

    void remove(String accountId) {
        accounts.remove(accountId);
    }

    @Override
    public Optional<Account> find(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    long balance(String accountId) {
        return accounts.get(accountId).balance();
    }

    @Override
    public long credit(String accountId, long amount) {
        Account a = accounts.get(accountId);
        if (a == null) {
            throw new IllegalArgumentException("no account " + accountId);
        }
        credits.add(new Credit(accountId, amount));
        return setBalance(a, a.balance() + amount);
    }

    @Override
    public Optional<Long> debitIfCovered(String accountId, long amount) {
        Account a = accounts.get(accountId);
        if (a == null || a.balance() < amount) {
            return Optional.empty();
        }
        return Optional.of(setBalance(a, a.balance() - amount));
    }

    private long setBalance(Account a, long balance) {
        accounts.put(a.id(), new Account(a.id(), a.name(), a.defaultCountry(), a.rateLimitMps(), a.maxParts(), balance,
                a.createdAt()));
        return balance;
    }

    @Override
    public Optional<Webhook> webhook(String accountId) {
        return Optional.ofNullable(webhooks.get(accountId));
    }

    @Override
    public void saveWebhook(String accountId, Webhook webhook) {
        webhooks.put(accountId, webhook);
    }

    @Override
    public void deleteWebhook(String accountId) {
        webhooks.remove(accountId);
    }
}
