package com.ninebits.sms.domain.access;

import com.ninebits.sms.domain.dispatch.RateLimiter;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each API token's request rate, shared by every API instance: a token's requests book its own
 * timeline with the rule the dispatcher's pace books by ({@link RateLimiter}), one request taking a
 * second divided by the rate. The timeline may be booked up to a burst's worth ahead of now
 * ({@link #burst}: twice the rate), which is a token bucket (GCRA) kept as one instant per token.
 *
 * <p>So that a request costs far less than a write, an instance books a block of requests at once
 * ({@link #block}: a fifth of the rate) and spends it locally; a block not spent within
 * {@link #BLOCK_LIFE} is forfeited, never saved up. Across n instances a token may therefore go
 * past its rate by at most n blocks, once. A refusal is remembered until the timeline has room
 * again, so that a token flooding past its rate costs no store call per refused request either.
 */
public final class RequestAllowance {

    /** A block unspent for this long is dropped: allowance is never hoarded. */
    static final Duration BLOCK_LIFE = Duration.ofSeconds(1);
    static final int MAX_TOKENS = 10_000;

    private final RateLimiter timelines;
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();

    public RequestAllowance(RateLimiter timelines) {
        this.timelines = timelines;
    }

    /** The requests a token may make at once beyond its steady rate. */
    public static int burst(int rate) {
        return 2 * rate;
    }

    /** How many requests one booking takes for this instance. */
    static int block(int rate) {
        return Math.max(1, Math.min(rate / 5, burst(rate) / 4));
    }

    /** The allowance this instance holds of one token. */
    private static final class Block {
        int left;
        Instant expires = Instant.EPOCH;
        /** Until when the timeline was found full: requests before it are refused without asking. */
        Instant fullUntil = Instant.EPOCH;
    }

    /**
     * Takes one request of the token's allowance: empty when the request may go on, else how long
     * until the token's timeline has room again.
     */
    public Optional<Duration> take(String tokenId, int rate, Instant now) {
        if (blocks.size() >= MAX_TOKENS && !blocks.containsKey(tokenId)) {
            // Forgetting blocks forfeits allowance only: it can never let more through.
            blocks.clear();
        }
        Block held = blocks.computeIfAbsent(tokenId, id -> new Block());
        synchronized (held) {
            if (held.left > 0 && now.isBefore(held.expires)) {
                held.left--;
                return Optional.empty();
            }
            if (now.isBefore(held.fullUntil)) {
                return Optional.of(Duration.between(now, held.fullUntil));
            }
            return bookBlock(tokenId, rate, now, held);
        }
    }

    private Optional<Duration> bookBlock(String tokenId, int rate, Instant now, Block held) {
        Duration perRequest = Duration.ofNanos((1_000_000_000L + rate - 1) / rate);
        int size = block(rate);
        // Booked no further ahead than a burst, the block included.
        Duration ahead = perRequest.multipliedBy(burst(rate) - size);
        RateLimiter.Booking booking = timelines.book(tokenId, perRequest.multipliedBy(size), now, now.plus(ahead));
        if (booking instanceof RateLimiter.Booked) {
            held.left = size - 1;
            held.expires = now.plus(BLOCK_LIFE);
            return Optional.empty();
        }
        held.left = 0;
        Instant room = ((RateLimiter.Full) booking).until().minus(ahead);
        held.fullUntil = room;
        Duration wait = Duration.between(now, room);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }
}
