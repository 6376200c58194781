package com.ninebits.sms.domain.callback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Failed callbacks per account, ordered by event id as the store orders them. */
final class InMemoryFailedCallbacks implements FailedCallbacks {

    private final Map<String, TreeMap<String, Failed>> byAccount = new TreeMap<>();

    @Override
    public synchronized void keep(Failed failed) {
        byAccount.computeIfAbsent(failed.event().accountId(), a -> new TreeMap<>()).put(failed.event().eventId(), failed);
    }

    @Override
    public synchronized Page list(String accountId, String after, int limit) {
        TreeMap<String, Failed> all = byAccount.getOrDefault(accountId, new TreeMap<>());
        List<Failed> items = new ArrayList<>((after == null ? all : all.tailMap(after, false)).values());
        if (items.size() <= limit) {
            return new Page(items, null);
        }
        List<Failed> page = items.subList(0, limit);
        return new Page(List.copyOf(page), page.get(limit - 1).event().eventId());
    }

    @Override
    public synchronized Optional<Failed> find(String accountId, String eventId) {
        return Optional.ofNullable(byAccount.getOrDefault(accountId, new TreeMap<>()).get(eventId));
    }

    @Override
    public synchronized void remove(String accountId, String eventId) {
        byAccount.getOrDefault(accountId, new TreeMap<>()).remove(eventId);
    }
}
