package com.ninebits.sms.adapters.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Values read from a store, each taken as it was for {@code ttl} after it was read. A value may be
 * forgotten at once (what changed through this instance); a read already under way when it was
 * forgotten does not put the old value back. Bounded in size: past it, everything is forgotten,
 * which costs only reads.
 */
final class Recent<K, V> {

    static final int MAX_ENTRIES = 10_000;

    private record Entry<V>(V value, long readAtMillis) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Moves on at every forgetting, so that a read that began before it is not kept. */
    private final AtomicLong forgettings = new AtomicLong();

    Recent(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * The value read within {@code ttl}, or a fresh read; the fresh one is kept only if {@code keep}
     * says so (what must be seen at once when it changes is never kept).
     */
    Optional<V> get(K key, Supplier<Optional<V>> read, Predicate<V> keep) {
        long now = clock.millis();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.readAtMillis() < ttl.toMillis()) {
            return Optional.of(entry.value());
        }
        long before = forgettings.get();
        Optional<V> fresh = read.get();
        if (fresh.isPresent() && keep.test(fresh.get()) && !ttl.isZero()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry<>(fresh.get(), now));
            if (forgettings.get() != before) {
                // Forgotten while we read: what we read may be what was forgotten.
                entries.remove(key);
            }
        } else {
            entries.remove(key);
        }
        return fresh;
    }

    void forget(K key) {
        forgettings.incrementAndGet();
        entries.remove(key);
    }

    /** Forgets every value whose key matches, as {@link #forget} forgets one. */
    void forgetAll(Predicate<K> which) {
        forgettings.incrementAndGet();
        entries.keySet().removeIf(which);
    }
}
