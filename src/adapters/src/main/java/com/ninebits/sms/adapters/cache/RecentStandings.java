package com.ninebits.sms.adapters.cache;

import com.ninebits.sms.domain.access.Standings;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.AccountStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The account store, with the accounts this instance admitted requests for kept for the cache's
 * ttl ({@link Standings}), so that admitting a request costs no read. Everything else reads and
 * writes the store itself. A change made through this instance (a suspension, a new request rate)
 * is seen here at once; one made through another instance within the ttl.
 */
public final class RecentStandings implements AccountStore, Standings {

    private final AccountStore store;
    private final Recent<String, Account> recent;

    public RecentStandings(AccountStore store, Duration ttl, Clock clock) {
        this.store = store;
        this.recent = new Recent<>(ttl, clock);
    }

    @Override
    public Optional<Account> of(String accountId) {
        return recent.get(accountId, () -> store.find(accountId), account -> true);
    }

    @Override
    public Optional<Account> changeLimits(String accountId, AccountAdministration.Limits limits) {
        recent.forget(accountId);
        try {
            return store.changeLimits(accountId, limits);
        } finally {
            recent.forget(accountId);
        }
    }

    @Override
    public void create(Account account) {
        store.create(account);
    }

    @Override
    public Optional<Account> find(String accountId) {
        return store.find(accountId);
    }

    @Override
    public Optional<Webhook> webhook(String accountId) {
        return store.webhook(accountId);
    }

    @Override
    public void saveWebhook(String accountId, Webhook webhook) {
        store.saveWebhook(accountId, webhook);
    }

    @Override
    public void deleteWebhook(String accountId) {
        store.deleteWebhook(accountId);
    }
}
