package com.ninebits.sms.adapters;

import com.ninebits.sms.domain.account.Credit;

import java.util.Optional;

import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forgets an accepted batch's reservation after the answer instead of before it. Settling is
 * bookkeeping once the batch is ACCEPTED (nothing refunds an accepted batch's reservation), so
 * the customer need not wait for it. On Lambda the instance may be frozen once it has answered,
 * and the write then goes out when it thaws; an instance that never thaws leaves the reservation
 * recorded, which costs a few bytes on the account item and nothing else.
 */
public final class SettleAfterAnswer implements Credit {

    private static final Logger LOG = Logger.getLogger(SettleAfterAnswer.class.getName());

    private final Credit credit;
    private final Executor background;

    public SettleAfterAnswer(Credit credit, Executor background) {
        this.credit = credit;
        this.background = background;
    }

    @Override
    public boolean reserve(String accountId, String token, long amount) {
        return credit.reserve(accountId, token, amount);
    }

    @Override
    public boolean refundReservation(String accountId, String token) {
        return credit.refundReservation(accountId, token);
    }

    @Override
    public void settle(String accountId, String token) {
        background.execute(() -> {
            try {
                credit.settle(accountId, token);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not settle reservation " + token + " of " + accountId
                        + "; it stays recorded, charged", e);
            }
        });
    }

    @Override
    public long balance(String accountId) {
        return credit.balance(accountId);
    }

    @Override
    public long add(String accountId, long amount) {
        return credit.add(accountId, amount);
    }

    @Override
    public Optional<Long> debitIfCovered(String accountId, long amount) {
        return credit.debitIfCovered(accountId, amount);
    }

    @Override
    public boolean refundOnce(String accountId, String refundId, long amount) {
        return credit.refundOnce(accountId, refundId, amount);
    }

    @Override
    public void forgetRefund(String accountId, String refundId) {
        credit.forgetRefund(accountId, refundId);
    }
}
