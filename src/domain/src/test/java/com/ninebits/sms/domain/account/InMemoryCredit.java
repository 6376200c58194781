package com.ninebits.sms.domain.account;

import com.ninebits.sms.domain.Fault;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Balances with their reservations and refund notes kept beside them, as the account item keeps
 * them: a reserve is one conditional debit that records the amount under the token; a reservation
 * is given back only while still recorded, so at most once; a settle forgets it and the credit stays
 * spent; a refund is paid only if its note is absent, and notes it in the same step. An account
 * not {@link #open opened} has no credit: every change to it is refused.
 */
public final class InMemoryCredit implements Credit {

    /** A refund paid by {@link #refundOnce}. */
    public record Refund(String accountId, long amount) {
    }

    public final Fault reserve = new Fault("reserve");
    public final Fault refundReservation = new Fault("refundReservation");
    public final Fault settle = new Fault("settle");
    public final Fault refundOnce = new Fault("refundOnce");

    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Map<String, Long>> reservations = new HashMap<>();
    private final Set<String> refundNotes = new HashSet<>();
    private final List<String> refundedTokens = new ArrayList<>();
    private final List<String> settledTokens = new ArrayList<>();
    private final List<Refund> refunds = new ArrayList<>();

    /** The account's credit as the store holds it once the account is created: a balance, nothing reserved. */
    public synchronized void open(String accountId, long balance) {
        balances.put(accountId, balance);
        reservations.put(accountId, new HashMap<>());
    }

    public synchronized void topUp(String accountId, long amount) {
        balances.merge(accountId, amount, Long::sum);
    }

    @Override
    public synchronized long balance(String accountId) {
        return balances.getOrDefault(accountId, 0L);
    }

    @Override
    public synchronized long add(String accountId, long amount) {
        Long balance = balances.get(accountId);
        if (balance == null) {
            throw new IllegalArgumentException("no account " + accountId);
        }
        balances.put(accountId, balance + amount);
        return balance + amount;
    }

    @Override
    public synchronized Optional<Long> debitIfCovered(String accountId, long amount) {
        Long balance = balances.get(accountId);
        if (balance == null || balance < amount) {
            return Optional.empty();
        }
        balances.put(accountId, balance - amount);
        return Optional.of(balance - amount);
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
    public boolean refundReservation(String accountId, String token) {
        int n = refundReservation.enter();
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
        refundReservation.leave(n);
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
    public boolean refundOnce(String accountId, String refundId, long amount) {
        int n = refundOnce.enter();
        boolean paid;
        synchronized (this) {
            paid = balances.containsKey(accountId) && refundNotes.add(accountId + "\n" + refundId);
            if (paid) {
                balances.merge(accountId, amount, Long::sum);
                refunds.add(new Refund(accountId, amount));
            }
        }
        refundOnce.leave(n);
        return paid;
    }

    @Override
    public synchronized void forgetRefund(String accountId, String refundId) {
        refundNotes.remove(accountId + "\n" + refundId);
    }

    /** Reservations still recorded on the account, by token. */
    public synchronized Map<String, Long> reservations(String accountId) {
        return Map.copyOf(reservations.getOrDefault(accountId, Map.of()));
    }

    public synchronized List<String> refundedTokens() {
        return List.copyOf(refundedTokens);
    }

    public synchronized List<String> settledTokens() {
        return List.copyOf(settledTokens);
    }

    /** Every refund {@link #refundOnce} paid, in order. */
    public synchronized List<Refund> refunds() {
        return List.copyOf(refunds);
    }

    /** Refunds noted as paid and not yet forgotten. */
    public synchronized Set<String> refundNotes() {
        return Set.copyOf(refundNotes);
    }
}
