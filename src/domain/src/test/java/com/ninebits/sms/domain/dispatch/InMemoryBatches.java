package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Batches by account and reference, with the conditional writes of the port. */
final class InMemoryBatches implements BatchStore {

    private final Map<String, Batch> byReference = new HashMap<>();
    final List<Batch> scheduled = new ArrayList<>();

    private static String id(String accountId, String referenceId) {
        return accountId + "\n" + referenceId;
    }

    /** Stores (or replaces) a batch as it stands, whatever its state. */
    void put(Batch batch) {
        byReference.put(id(batch.accountId(), batch.referenceId()), batch);
    }

    void remove(String accountId, String referenceId) {
        byReference.remove(id(accountId, referenceId));
    }

    @Override
    public Optional<Batch> claim(Batch pending) {
        Batch existing = byReference.putIfAbsent(id(pending.accountId(), pending.referenceId()), pending);
        return Optional.ofNullable(existing);
    }

    @Override
    public boolean markAccepted(Batch batch) {
        return move(batch, Batch.State.ACCEPTED);
    }

    @Override
    public boolean withdraw(Batch batch) {
        Batch current = byReference.get(id(batch.accountId(), batch.referenceId()));
        boolean accepted = current != null && current.token().equals(batch.token()) && current.state() == Batch.State.ACCEPTED;
        return move(batch, Batch.State.WITHDRAWN) || !accepted;
    }

    private boolean move(Batch batch, Batch.State next) {
        String id = id(batch.accountId(), batch.referenceId());
        Batch current = byReference.get(id);
        if (current == null || !current.token().equals(batch.token()) || !current.state().mayBecome(next)) {
            return false;
        }
        byReference.put(id, current.withState(next));
        return true;
    }

    @Override
    public void release(Batch batch) {
        String id = id(batch.accountId(), batch.referenceId());
        Batch current = byReference.get(id);
        if (current != null && current.token().equals(batch.token()) && current.state().releasable()) {
            byReference.remove(id);
        }
    }

    @Override
    public Optional<Batch> find(String accountId, String referenceId) {
        return Optional.ofNullable(byReference.get(id(accountId, referenceId)));
    }

    @Override
    public void schedule(Batch batch) {
        scheduled.add(batch);
    }

    @Override
    public synchronized java.util.List<Claim> pendingSince(java.time.Instant before, int limit) {
        return byReference.values().stream()
                .filter(b -> b.state().releasable() && b.createdAt().isBefore(before))
                .limit(limit)
                .map(b -> new Claim(b.accountId(), b.referenceId(), b.token()))
                .toList();
    }
}
