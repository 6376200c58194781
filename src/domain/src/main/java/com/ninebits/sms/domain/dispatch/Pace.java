package com.ninebits.sms.domain.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One dispatcher's use of an account's pace while it works one chunk: runs of the shared
 * {@link RateLimiter}'s timeline booked for it alone, spent on message starts in order.
 *
 * <p>A message of p parts takes p spacings (a second divided by the rate, rounded up to the
 * microsecond), one per part, and starts where its share begins. Every part's spacing begins in
 * the second the message starts in (a message whose last part would begin in the next second
 * waits for it; one longer than a second cannot, and goes alone), and the message must start
 * within that second: then no second of the clock holds more than the rate in parts, whatever
 * every dispatcher spent, and starts are spread over the second, not bunched at its beginning.
 * Booked time that passes unused is forfeited, never made up for with a burst.
 *
 * <p>Runs are booked as needed, half a second of the rate at a time but no more than the chunk
 * still has to send, so that booking costs a small fraction of a write per message and a chunk
 * leaves little booked behind it.
 */
final class Pace {

    /** A dispatcher books no further ahead of its clock than this. */
    static final Duration MAX_AHEAD = Duration.ofSeconds(1);

    /** Where the next message's share lies. */
    sealed interface Share permits At, Wait, Stop {
    }

    /** Start the message at {@code start}, and not after its second has ended. */
    record At(Instant start) implements Share {
    }

    /** The pace is booked far ahead: ask again after {@code delay}. */
    record Wait(Duration delay) implements Share {
    }

    /** No share begins before the deadline: the chunk waits {@code delay} before its next delivery. */
    record Stop(Duration delay) implements Share {
    }

    private record Run(Instant from, Instant until) {
    }

    private final RateLimiter limiter;
    private final String accountId;
    private final int rate;
    private final Duration spacing;
    /** Booked runs not yet passed, in order. */
    private final Deque<Run> runs = new ArrayDeque<>();
    /** Where the last share ended. */
    private Instant spent = Instant.EPOCH;
    /** Parts still to start in this chunk, which bounds how much to book. */
    private long partsLeft;

    Pace(RateLimiter limiter, String accountId, int rate, long partsToSend) {
        this.limiter = limiter;
        this.accountId = accountId;
        this.rate = rate;
        this.spacing = spacing(rate);
        this.partsLeft = partsToSend;
    }

    /** A second divided by the rate, rounded up to the microsecond: never faster than the rate. */
    static Duration spacing(int rate) {
        return Duration.ofNanos((1_000_000L + rate - 1) / rate * 1_000L);
    }

    /** The share of the next message to start, booking more of the pace as needed; never later than {@code deadline}. */
    synchronized Share next(int parts, Instant now, Instant deadline) {
        Duration length = spacing.multipliedBy(parts);
        Instant t = later(now, spent);
        while (true) {
            while (!runs.isEmpty() && !runs.peekFirst().until().isAfter(t)) {
                runs.pollFirst();
            }
            Run run = runs.peekFirst();
            if (run == null || fitsOnlyWithMore(run, later(t, run.from()).plus(length))) {
                Share refused = book(parts, now, deadline);
                if (refused != null) {
                    return refused;
                }
                continue;
            }
            t = later(t, run.from());
            if (t.isAfter(deadline)) {
                return new Stop(Duration.between(now, t));
            }
            Instant end = t.plus(length);
            Instant secondEnds = t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            if (!end.minus(spacing).isBefore(secondEnds) && fitsInASecond(parts)) {
                t = secondEnds;
            } else if (end.isAfter(run.until())) {
                // The rest of this run is too short and another dispatcher's run follows it.
                t = run.until();
            } else {
                spent = end;
                partsLeft -= parts;
                return new At(t);
            }
        }
    }

    /** How long a message of {@code parts} takes of the pace. */
    Duration length(int parts) {
        return spacing.multipliedBy(parts);
    }

    /** Whether a message started at {@code share} may still start at {@code now}: within the share's second. */
    boolean stillIn(Instant share, int parts, Instant now) {
        return !fitsInASecond(parts) || now.truncatedTo(ChronoUnit.SECONDS).equals(share.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Whether every part of a message can begin within one second. */
    private boolean fitsInASecond(int parts) {
        return spacing.multipliedBy(parts - 1L).compareTo(Duration.ofSeconds(1)) < 0;
    }

    /** A message that needs no share after all (it expired, or was ended otherwise) no longer counts towards booking. */
    synchronized void skip(int parts) {
        partsLeft -= parts;
    }

    /** The share would run past the last booked run: booking more first may extend it. */
    private boolean fitsOnlyWithMore(Run run, Instant end) {
        return runs.size() == 1 && end.isAfter(run.until());
    }

    /** Books the next run; null when booked (go on), else what to tell the message. */
    private Share book(int parts, Instant now, Instant deadline) {
        if (now.isAfter(deadline)) {
            return new Stop(Duration.ZERO);
        }
        long want = Math.max(parts, Math.min(partsLeft, Math.max(1, rate / 2)));
        Duration length = spacing.multipliedBy(want);
        Instant latest = earlier(now.plus(MAX_AHEAD), deadline);
        RateLimiter.Booking booking = limiter.book(accountId, length, now, latest);
        if (booking instanceof RateLimiter.Booked booked) {
            Run last = runs.peekLast();
            if (last != null && last.until().equals(booked.from())) {
                runs.pollLast();
                runs.addLast(new Run(last.from(), booked.from().plus(length)));
            } else {
                runs.addLast(new Run(booked.from(), booked.from().plus(length)));
            }
            return null;
        }
        Instant until = ((RateLimiter.Full) booking).until();
        if (!until.isBefore(deadline)) {
            return new Stop(Duration.between(now, until));
        }
        Duration wait = Duration.between(now, until.minus(MAX_AHEAD));
        return new Wait(wait.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : wait);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
