package com.ninebits.sms.domain.account;

import java.util.Optional;

/** Where account profiles and their webhooks live; their balances change through {@link Credit}. */
public interface AccountStore {

    void create(Account account);

    Optional<Account> find(String accountId);

    /** Sets the limits given (a null one stays as it is); the account as it now is, or empty when there is none. */
    Optional<Account> changeLimits(String accountId, AccountAdministration.Limits limits);

    /** The webhook of an account: URL and the encrypted signing secret, or empty. */
    Optional<Webhook> webhook(String accountId);

    void saveWebhook(String accountId, Webhook webhook);

    void deleteWebhook(String accountId);

    /** The account's webhook: URL and the signing secret, encrypted at rest. */
    record Webhook(String url, String encryptedSecret) {
    }
}
