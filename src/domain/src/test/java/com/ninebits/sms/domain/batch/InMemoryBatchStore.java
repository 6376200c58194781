package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.Fault;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The batch store's conditional single-item writes, in memory, each able to fail on cue. */
public final class InMemoryBatchStore implements BatchStore {

    public final Fault claim = new Fault("claim");
    public final Fault markAccepted = new Fault("markAccepted");
    public final Fault withdraw = new Fault("withdraw");
    public final Fault release = new Fault("release");
    public final Fault find = new Fault("find");
    public final Fault schedule = new Fault("schedule");

    private final Map<String, Batch> byReference = new HashMap<>();
    private final List<Batch> scheduled = new ArrayList<>();

    private static String id(String accountId, String referenceId) {
        return accountId + "\n" + referenceId;
    }

    @Override
    public Optional<Batch> claim(Batch pending) {
        int n = claim.enter();
        Optional<Batch> holder;
        synchronized (this) {
            holder = Optional.ofNullable(byReference.putIfAbsent(id(pending.accountId(), pending.referenceId()), pending));
        }
        claim.leave(n);
        return holder;
    }

    @Override
    public boolean markAccepted(Batch batch) {
        int n = markAccepted.enter();
        boolean done = move(batch, Batch.State.ACCEPTED);
        markAccepted.leave(n);
        return done;
    }

    @Override
    public boolean withdraw(Batch batch) {
        int n = withdraw.enter();
        boolean safe;
        synchronized (this) {
            safe = move(batch, Batch.State.WITHDRAWN) || !isAccepted(batch);
        }
        withdraw.leave(n);
        return safe;
    }

    /** The conditional update: this token's claim to {@code next}, if its state may become that. */
    private synchronized boolean move(Batch batch, Batch.State next) {
        String id = id(batch.accountId(), batch.referenceId());
        Batch current = byReference.get(id);
        boolean done = current != null && current.token().equals(batch.token()) && current.state().mayBecome(next);
        if (done) {
            byReference.put(id, current.withState(next));
        }
        return done;
    }

    private synchronized boolean isAccepted(Batch batch) {
        Batch current = byReference.get(id(batch.accountId(), batch.referenceId()));
        return current != null && current.token().equals(batch.token()) && current.state() == Batch.State.ACCEPTED;
    }

    @Override
    public void release(Batch batch) {
        int n = release.enter();
        synchronized (this) {
            String id = id(batch.accountId(), batch.referenceId());
            Batch current = byReference.get(id);
            if (current != null && current.state().releasable() && current.token().equals(batch.token())) {
                byReference.remove(id);
            }
        }
        release.leave(n);
    }

    /**
     * A dispatcher holding a message of the batch's last queue call finishes its acceptance, under
     * the same condition as the acceptance itself, without counting as one of the use case's calls.
     */
    boolean dispatcherAccepts(String accountId, String referenceId, String token) {
        Batch current = peek(accountId, referenceId).orElse(null);
        return current != null && current.token().equals(token) && move(current, Batch.State.ACCEPTED);
    }

    @Override
    public Optional<Batch> findToSend(String accountId, String referenceId) {
        // As the store reads it: so that nothing that sends can come to rely on the lists.
        return find(accountId, referenceId).map(b -> new Batch(b.accountId(), b.referenceId(), b.token(), b.fingerprint(),
                b.state(), b.from(), b.body(), b.encoding(), b.parts(), b.deliveryReport(), b.createdAt(), b.sendAt(),
                b.expireAt(), b.callbackUrl(), List.of(), List.of(), b.cost(), b.values(), b.cancelledAt(),
                b.ignoreQuietHours()));
    }

    @Override
    public Optional<Batch> find(String accountId, String referenceId) {
        int n = find.enter();
        Optional<Batch> found;
        synchronized (this) {
            found = Optional.ofNullable(byReference.get(id(accountId, referenceId)));
        }
        find.leave(n);
        return found;
    }

    @Override
    public void schedule(Batch batch) {
        int n = schedule.enter();
        synchronized (this) {
            scheduled.add(batch);
        }
        schedule.leave(n);
    }

    /** Stores (or replaces) a batch as it stands, whatever its state, as an earlier acceptance left it. */
    public synchronized void put(Batch batch) {
        byReference.put(id(batch.accountId(), batch.referenceId()), batch);
    }

    /** The stored item as it stands, read without counting as a call of the use case. */
    public synchronized Optional<Batch> peek(String accountId, String referenceId) {
        return Optional.ofNullable(byReference.get(id(accountId, referenceId)));
    }

    public synchronized List<Batch> all() {
        return List.copyOf(byReference.values());
    }

    public synchronized List<Batch> scheduled() {
        return List.copyOf(scheduled);
    }

    /** Another writer (an operator, a clean-up) removed the item whatever its state. */
    public synchronized void evict(String accountId, String referenceId) {
        byReference.remove(id(accountId, referenceId));
    }

    /** The acceptance holding the claim finished elsewhere. */
    public synchronized void acceptHeldClaim(String accountId, String referenceId) {
        byReference.computeIfPresent(id(accountId, referenceId), (k, b) -> b.accepted());
    }

    /** Calls that wrote or could have written a batch item or a schedule entry. */
    public int writes() {
        return claim.calls() + markAccepted.calls() + withdraw.calls() + release.calls() + schedule.calls();
    }

    @Override
    public synchronized boolean markCancelled(Batch batch, java.time.Instant at) {
        String id = id(batch.accountId(), batch.referenceId());
        Batch current = byReference.get(id);
        if (current == null || !current.token().equals(batch.token()) || current.state() != Batch.State.ACCEPTED
                || current.cancelled()) {
            return false;
        }
        byReference.put(id, current.withCancelledAt(at));
        return true;
    }

    /** The index's order: newest first, then by reference, as DynamoDB orders equal sort keys by the table's key. */
    private static final java.util.Comparator<Batch> NEWEST_FIRST = java.util.Comparator
            .comparing(Batch::createdAt).thenComparing(Batch::referenceId).reversed();

    @Override
    public synchronized Page listAccepted(Listing listing) {
        List<Batch> matching = byReference.values().stream()
                .filter(b -> b.accountId().equals(listing.accountId()) && b.state() == Batch.State.ACCEPTED)
                .filter(b -> listing.createdAfter() == null || !b.createdAt().isBefore(listing.createdAfter()))
                .filter(b -> listing.createdBefore() == null || b.createdAt().isBefore(listing.createdBefore()))
                .sorted(NEWEST_FIRST)
                .filter(b -> listing.after() == null || NEWEST_FIRST.compare(b, positioned(listing.after())) > 0)
                .toList();
        List<Batch> read = matching.subList(0, Math.min(listing.limit(), matching.size()));
        List<Listed> out = read.stream().filter(b -> listing.from() == null || listing.from().equals(b.from()))
                .map(b -> new Listed(b.referenceId(), b.from(), b.createdAt(), b.sendAt(), b.recipients().size(), b.parts(),
                        b.cancelledAt()))
                .toList();
        Optional<Position> next = read.size() < matching.size()
                ? Optional.of(new Position(read.get(read.size() - 1).createdAt(), read.get(read.size() - 1).referenceId()))
                : Optional.empty();
        return new Page(out, next);
    }

    private static Batch positioned(Position p) {
        return new Batch("", p.referenceId(), "", "", Batch.State.ACCEPTED, "", "", null, 1, false, p.createdAt(), null,
                null, null, List.of(), List.of(), 0);
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
