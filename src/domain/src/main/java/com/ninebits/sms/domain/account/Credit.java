package com.ninebits.sms.domain.account;

import java.util.Optional;

/**
 * An account's credit: every change to its balance. Each change is one conditional write on the
 * store's side, and what a change must remember (a batch's reservation, a refund already paid) is
 * recorded in that same write, so a change and its record can never be separated: two debits never
 * overspend, a reservation is given back at most once, a refund asked twice pays once.
 */
public interface Credit {

    /** The balance as it stands now (a strongly consistent read). 0 for an unknown account. */
    long balance(String accountId);

    /** Adds {@code amount} (may be negative for a correction) and returns the new balance. */
    long add(String accountId, long amount);

    /**
     * Takes {@code amount} only if the balance covers it. Returns the balance after the debit, or
     * empty when the balance was too low (nothing was taken).
     */
    Optional<Long> debitIfCovered(String accountId, long amount);

    /**
     * Takes {@code amount} for a batch under way and records the reservation under {@code token};
     * false when the balance is too low (nothing was taken).
     */
    boolean reserve(String accountId, String token, long amount);

    /** Forgets a reservation whose batch was accepted: the credit stays spent. */
    void settle(String accountId, String token);

    /**
     * Gives a reservation back if it is still recorded (its batch was not accepted); true when this
     * call gave it back. A reservation settled or given back already gives nothing.
     */
    boolean refundReservation(String accountId, String token);

    /**
     * Adds {@code amount} unless the refund named {@code refundId} was paid already, noting it as
     * paid: asked twice, it pays once. True when paid now.
     */
    boolean refundOnce(String accountId, String refundId, long amount);

    /** Forgets the note that refund {@code refundId} was paid, once nothing will ask for it again. */
    void forgetRefund(String accountId, String refundId);
}
