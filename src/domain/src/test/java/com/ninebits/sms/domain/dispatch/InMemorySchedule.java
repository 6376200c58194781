package com.ninebits.sms.domain.dispatch;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Entries filed by the minute of their send_at; every progress mark is kept, in order. */
final class InMemorySchedule implements ReleaseSchedule {

    private final TreeMap<Instant, List<Entry>> byMinute = new TreeMap<>();
    private Instant releasedThrough;
    final List<Instant> marks = new ArrayList<>();

    InMemorySchedule file(Entry entry) {
        byMinute.computeIfAbsent(entry.sendAt().truncatedTo(ChronoUnit.MINUTES), m -> new ArrayList<>()).add(entry);
        return this;
    }

    InMemorySchedule startReleasedThrough(Instant minute) {
        this.releasedThrough = minute;
        return this;
    }

    @Override
    public List<Entry> filedUnder(Instant minute) {
        // A copy, as a store query returns: removing while iterating must not disturb it.
        return List.copyOf(byMinute.getOrDefault(minute, List.of()));
    }

    @Override
    public void remove(Entry entry) {
        Instant minute = entry.sendAt().truncatedTo(ChronoUnit.MINUTES);
        List<Entry> entries = byMinute.get(minute);
        if (entries != null) {
            entries.remove(entry);
            if (entries.isEmpty()) {
                byMinute.remove(minute);
            }
        }
    }

    @Override
    public Optional<Instant> releasedThrough() {
        return Optional.ofNullable(releasedThrough);
    }

    @Override
    public void markReleasedThrough(Instant minute) {
        marks.add(minute);
        releasedThrough = minute;
    }

    List<Entry> remaining() {
        return byMinute.values().stream().flatMap(List::stream).toList();
    }
}
