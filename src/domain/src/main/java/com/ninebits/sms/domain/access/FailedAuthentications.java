package com.ninebits.sms.domain.access;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed authentications per source address, on this instance only: once an address has failed
 * {@code allowed} times within a window, it is refused without its credential being looked at
 * until the window ends. Memory is bounded: past {@link #MAX_ADDRESSES} the address seen longest
 * ago is forgotten. Across instances the outer guard is the API's own throttling.
 */
public final class FailedAuthentications {

    static final int MAX_ADDRESSES = 10_000;

    private static final class Window {
        Instant start;
        int failures;

        Window(Instant start) {
            this.start = start;
        }
    }

    private final int allowed;
    private final Duration window;
    private final Map<String, Window> byAddress = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    public FailedAuthentications(int allowed, Duration window) {
        this.allowed = allowed;
        this.window = window;
    }

    /** How long the address must wait before it may try again; empty when it may try now. */
    public synchronized Optional<Duration> blocked(String address, Instant now) {
        Window w = address == null ? null : byAddress.get(address);
        if (w == null || w.failures < allowed) {
            return Optional.empty();
        }
        Instant ends = w.start.plus(window);
        if (!now.isBefore(ends)) {
            byAddress.remove(address);
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, ends));
    }

    /** Counts a failure of the address: the first after a window has passed opens a new one. */
    public synchronized void failed(String address, Instant now) {
        if (address == null) {
            return;
        }
        Window w = byAddress.get(address);
        if (w == null || !now.isBefore(w.start.plus(window))) {
            w = new Window(now);
            byAddress.put(address, w);
        }
        w.failures++;
    }
}
