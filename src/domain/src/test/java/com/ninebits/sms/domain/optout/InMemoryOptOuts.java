package com.ninebits.sms.domain.optout;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** Opt-out lists in number order; counts the reads, so that a test can see a batch is read at once. */
public final class InMemoryOptOuts implements OptOutStore {

    private final Map<String, TreeMap<String, Instant>> lists = new HashMap<>();
    public final AtomicInteger reads = new AtomicInteger();

    @Override
    public synchronized Set<String> optedOut(String accountId, Collection<String> numbers) {
        reads.incrementAndGet();
        TreeMap<String, Instant> list = lists.getOrDefault(accountId, new TreeMap<>());
        return numbers.stream().filter(list::containsKey).collect(Collectors.toSet());
    }

    @Override
    public synchronized void add(String accountId, Collection<String> numbers, Instant at) {
        TreeMap<String, Instant> list = lists.computeIfAbsent(accountId, a -> new TreeMap<>());
        numbers.forEach(n -> list.putIfAbsent(n, at));
    }

    @Override
    public synchronized boolean remove(String accountId, String number) {
        TreeMap<String, Instant> list = lists.get(accountId);
        return list != null && list.remove(number) != null;
    }

    @Override
    public synchronized Page list(String accountId, int pageSize, String after) {
        TreeMap<String, Instant> list = lists.getOrDefault(accountId, new TreeMap<>());
        var tail = after == null ? list : list.tailMap(after, false);
        List<Entry> page = tail.entrySet().stream().limit(pageSize).map(e -> new Entry(e.getKey(), e.getValue())).toList();
        boolean more = tail.size() > page.size();
        return new Page(page, more ? page.get(page.size() - 1).number() : null);
    }
}
