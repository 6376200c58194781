package com.ninebits.sms.domain.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Balances with their reservations kept beside them, as the account item keeps them: a reserve is
 * one conditional debit that records the amount under the token; a refund gives back only a
 * reservation still recorded, so it can happen once; a settle forgets it and the credit stays spent.
 */
final class InMemoryCredit implements CreditReservations {

    final Fault reserve = new Fault("reserve");
    final Fault refund = new Fault("refund");
    final Fault settle = new Fault("settle");

    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Map<String, Long>> reservations = new HashMap<>();
    private final List<String> refundedTokens = new ArrayList<>();
    private final List<String> settledTokens = new ArrayList<>();

    synchronized void open(String accountId, long balance) {
        balances.put(accountId, balance);
        reservations.put(accountId, new HashMap<>());
    }

    synchronized void topUp(String accountId, long amount) {
        balances.merge(accountId, amount, Long::sum);
    }

    @Override
    public boolean reserve(String accountId, String token, long amount) {
        int n = reserve.enter();
        boolean taken;
        synchronized (this) {
            Long balance = balances.get(accountId);
            taken = balance != null && balance >= amount;
            if (taken) {
                balances.put(accountId, balance - amount);
                reservations.get(accountId).put(token, amount);
            }
        }
        reserve.leave(n);
        return taken;
    }

    @Override
    public boolean refund(String accountId, String token) {
        int n = refund.enter();
        boolean refunded;
        synchronized (this) {
            Map<String, Long> open = reservations.get(accountId);
            Long amount = open == null ? null : open.remove(token);
            refunded = amount != null;
            if (refunded) {
                balances.merge(accountId, amount, Long::sum);
                refundedTokens.add(token);
            }
        }
        refund.leave(n);
        return refunded;
    }

    @Override
    public void settle(String accountId, String token) {
        int n = settle.enter();
        synchronized (this) {
            Map<String, Long> open = reservations.get(accountId);
            if (open != null && open.remove(token) != null) {
                settledTokens.add(token);
            }
        }
        settle.leave(n);
    }

    @Override
    public synchronized long balance(String accountId) {
        return balances.getOrDefault(accountId, 0L);
    }

    /** Reservations still recorded on the account, by token. */
    synchronized Map<String, Long> reservations(String accountId) {
        return Map.copyOf(reservations.getOrDefault(accountId, Map.of()));
    }

    synchronized List<String> refundedTokens() {
        return List.copyOf(refundedTokens);
    }

    synchronized List<String> settledTokens() {
        return List.copyOf(settledTokens);
    }
}
