package com.ninebits.sms.domain.account;

import java.util.Optional;

/** Where accounts and their balances live. Balance changes are atomic on the store's side. */
public interface AccountStore {

    void create(Account account);

    Optional<Account> find(String accountId);

    /** Sets the limits given (a null one stays as it is); the account as it now is, or empty when there is none. */
    Optional<Account> changeLimits(String accountId, AccountAdministration.Limits limits);

    /** Adds {@code amount} (may be negative for a correction) and returns the new balance. */
    long credit(String accountId, long amount);

    /**
     * Takes {@code amount} only if the balance covers it, in one conditional write, so that two
     * concurrent debits never overspend. Returns the balance after the debit, or empty when the
     * balance was too low (nothing was taken).
     */
    Optional<Long> debitIfCovered(String accountId, long amount);

    /**
     * Adds {@code amount} unless the refund named {@code refundId} was paid already, in one
     * conditional write that also notes it as paid: asked twice, it pays once. True when paid now.
     */
    boolean refundOnce(String accountId, String refundId, long amount);

    /** Forgets the note that refund {@code refundId} was paid, once nothing will ask for it again. */
    void forgetRefund(String accountId, String refundId);

    /** The webhook of an account: URL and the encrypted signing secret, or empty. */
    Optional<Webhook> webhook(String accountId);

    void saveWebhook(String accountId, Webhook webhook);

    void deleteWebhook(String accountId);

    /** The account's webhook: URL and the signing secret, encrypted at rest. */
    record Webhook(String url, String encryptedSecret) {
    }
}
