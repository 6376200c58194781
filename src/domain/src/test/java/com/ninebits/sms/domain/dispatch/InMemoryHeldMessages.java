package com.ninebits.sms.domain.dispatch;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Held messages filed by their due minute; the note on the message goes to the in-memory ledger. */
final class InMemoryHeldMessages implements HeldMessages {

    private final InMemoryLedger ledger;
    private final TreeMap<Instant, List<Held>> byMinute = new TreeMap<>();
    private Instant releasedThrough;

    InMemoryHeldMessages(InMemoryLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public synchronized void hold(Held held, int parts, Instant now) {
        List<Held> minute = byMinute.computeIfAbsent(held.due().truncatedTo(ChronoUnit.MINUTES), m -> new ArrayList<>());
        // Filed under its key: a second hold of the same message for the same minute replaces the first.
        minute.removeIf(h -> h.key().equals(held.key()));
        minute.add(held);
        ledger.hold(held.key(), held.to(), parts, held.heldUntil(), now);
    }

    @Override
    public synchronized List<Held> filedUnder(Instant minute) {
        return List.copyOf(byMinute.getOrDefault(minute, List.of()));
    }

    @Override
    public synchronized void remove(List<Held> released) {
        for (Held held : released) {
            List<Held> entries = byMinute.get(held.due().truncatedTo(ChronoUnit.MINUTES));
            if (entries != null) {
                entries.remove(held);
            }
        }
    }

    synchronized List<Held> all() {
        return byMinute.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public synchronized Optional<Instant> releasedThrough() {
        return Optional.ofNullable(releasedThrough);
    }

    @Override
    public synchronized void markReleasedThrough(Instant minute) {
        releasedThrough = minute;
    }
}
