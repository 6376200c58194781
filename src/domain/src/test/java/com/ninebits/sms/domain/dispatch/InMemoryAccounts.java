package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.AccountStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts with their balances; every credit is also recorded, so that refunds can be counted.
 * Safe across threads: a pipelined dispatch refunds from several.
 */
final class InMemoryAccounts implements AccountStore {

    record Credit(String accountId, long amount) {
    }

    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, Webhook> webhooks = new HashMap<>();
    final List<Credit> credits = new ArrayList<>();
    /** Refunds noted as paid and not yet forgotten. */
    final java.util.Set<String> refundNotes = new HashSet<>();
    /** A fault to inject: thrown by the next {@link #refundOnce} before it pays, as if the dispatcher stopped there. */
    RuntimeException failNextRefund;

    @Override
    public synchronized void create(Account account) {
        if (accounts.putIfAbsent(account.id(), account) != null) {
            throw new IllegalStateException("account " + account.id() + " exists");
        }
    }

    void remove(String accountId) {
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

    synchronized long balance(String accountId) {
        return accounts.get(accountId).balance();
    }

    @Override
    public synchronized long credit(String accountId, long amount) {
        Account a = accounts.get(accountId);
        if (a == null) {
            throw new IllegalArgumentException("no account " + accountId);
        }
        credits.add(new Credit(accountId, amount));
        return setBalance(a, a.balance() + amount);
    }

    @Override
    public synchronized boolean refundOnce(String accountId, String refundId, long amount) {
        if (failNextRefund != null) {
            RuntimeException e = failNextRefund;
            failNextRefund = null;
            throw e;
        }
        if (!refundNotes.add(accountId + "\n" + refundId)) {
            return false;
        }
        credit(accountId, amount);
        return true;
    }

    @Override
    public synchronized void forgetRefund(String accountId, String refundId) {
        refundNotes.remove(accountId + "\n" + refundId);
    }

    @Override
    public synchronized Optional<Long> debitIfCovered(String accountId, long amount) {
        Account a = accounts.get(accountId);
        if (a == null || a.balance() < amount) {
            return Optional.empty();
        }
        return Optional.of(setBalance(a, a.balance() - amount));
    }

    private long setBalance(Account a, long balance) {
        accounts.put(a.id(), a.withBalance(balance));
        return balance;
    }

    @Override
    public synchronized Optional<Webhook> webhook(String accountId) {
        return Optional.ofNullable(webhooks.get(accountId));
    }

    @Override
    public synchronized void saveWebhook(String accountId, Webhook webhook) {
        webhooks.put(accountId, webhook);
    }

    @Override
    public synchronized void deleteWebhook(String accountId) {
        webhooks.remove(accountId);
    }
}
