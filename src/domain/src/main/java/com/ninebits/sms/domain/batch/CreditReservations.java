package com.ninebits.sms.domain.batch;

/**
 * Credit taken for a batch, recorded with the debit itself (one conditional write on the account),
 * so that an acceptance that died half-way can be undone exactly once: the reservation is either
 * there (refund it) or not (nothing was taken, or it was already settled).
 */
public interface CreditReservations {

    /** Takes {@code amount} and records the reservation under {@code token}; false when the balance is too low. */
    boolean reserve(String accountId, String token, long amount);

    /** Gives the reservation back if it is still recorded; true when this call refunded it. */
    boolean refund(String accountId, String token);

    /** Forgets a reservation whose batch was accepted (the credit stays spent). */
    void settle(String accountId, String token);

    long balance(String accountId);
}
