package com.ninebits.sms.adapters.cache;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.AccountStore;

import java.util.Optional;

/**
 * The account store as seen by what changes an account through this instance (its limits, its
 * webhook): each change makes {@link RecentSendingAccounts} forget the account, so that the next
 * send here sees it at once (a send asking for delivery reports right after the webhook is set is
 * not refused for the webhook it no longer lacks), as {@link RecentTokens} forgets what it revokes.
 * Forgotten before the write and again after it, whether or not the write answered, so that neither
 * a read under way nor a write whose answer was lost leaves the old account remembered.
 */
public final class ForgetOnAccountChange implements AccountStore {

    private final AccountStore store;
    private final RecentSendingAccounts recent;

    public ForgetOnAccountChange(AccountStore store, RecentSendingAccounts recent) {
        this.store = store;
        this.recent = recent;
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
    public Optional<Account> changeLimits(String accountId, AccountAdministration.Limits limits) {
        recent.forget(accountId);
        try {
            return store.changeLimits(accountId, limits);
        } finally {
            recent.forget(accountId);
        }
    }

    @Override
    public void saveWebhook(String accountId, Webhook webhook) {
        recent.forget(accountId);
        try {
            store.saveWebhook(accountId, webhook);
        } finally {
            recent.forget(accountId);
        }
    }

    @Override
    public void deleteWebhook(String accountId) {
        recent.forget(accountId);
        try {
            store.deleteWebhook(accountId);
        } finally {
            recent.forget(accountId);
        }
    }
}
