package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.callback.CallbackQueue;
import com.ninebits.sms.domain.callback.CallbackTask;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.dispatch.MessageDispatch.Done;
import com.ninebits.sms.domain.dispatch.MessageDispatch.Outcome;
import com.ninebits.sms.domain.dispatch.MessageDispatch.RetryAfter;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.phone.PhoneNumbers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * One delivery of a chunk (see {@link MessageDispatch}).
 *
 * <p>The dispatching thread goes through the chunk in {@code to} order, settles what an earlier
 * delivery left, and hands every message still to send to the submitter once the account's
 * window has room. Each message's {@link Send} then, in turn, takes its share of the pace (waiting
 * for it), claims its attempt, waits until the message before it has started (and at least that
 * message's spacing more, so that the two never start together), and calls the SMSC: starts keep
 * {@code to} order while claims and answers overlap, so neither the store's latency nor the
 * SMSC's bounds the rate. What stops the chunk (a temporary failure, a claim held
 * elsewhere, the rate or the time budget, a failing store) stops every message after it that has
 * not started, and takes back any attempt claimed for one; those already started finish, and the
 * chunk is left only once all have.
 */
final class ChunkRun {

    private static final Logger LOG = Logger.getLogger(MessageDispatch.class.getName());

    /** What every delivery works with. */
    record Tools(MessageLedger ledger, Smsc smsc, RateLimiter limiter, Refunds refunds, CallbackQueue callbacks,
                 Clock clock, MessageDispatch.Sleeper sleeper, Executor submitter, QuietHold quiet) {
    }

    /** Why the chunk stops at message {@code index}: an outcome to hand back, or a failure to throw. */
    private record Stop(int index, Outcome outcome, RuntimeException failure) {
    }

    private final Tools tools;
    private final DispatchChunk chunk;
    private final Batch batch;
    private final Instant deadline;
    private final Subscription subscription;
    private final Semaphore window;
    private final Pace pace;
    private final QuietHold.Rule quiet;
    private final List<CallbackTask> events = Collections.synchronizedList(new ArrayList<>());
    private final List<CompletableFuture<Void>> sends = new ArrayList<>();
    private final AtomicInteger submitted = new AtomicInteger();
    private final Map<Integer, MessageRecord> records;
    private Stop stop;
    /**
     * Completed once the message handed off last has its share of the pace, and once it has
     * started: with the instant of the last start so far (null: none yet).
     */
    private CompletableFuture<Void> lastPaced = CompletableFuture.completedFuture(null);
    private CompletableFuture<Instant> lastStarted = CompletableFuture.completedFuture(null);

    ChunkRun(Tools tools, DispatchChunk chunk, Batch batch, Account account, Instant deadline) {
        this.tools = tools;
        this.chunk = chunk;
        this.batch = batch;
        this.deadline = deadline;
        this.subscription = batch.deliveryReport() ? new Subscription(batch.callbackUrl()) : null;
        this.window = new Semaphore(Math.max(1, account.dispatchWindow()));
        this.records = tools.ledger().records(batch.accountId(), batch.referenceId(), chunk.firstIndex(),
                chunk.firstIndex() + chunk.recipients().size());
        this.pace = new Pace(tools.limiter(), account.id(), account.rateLimitMps(), partsToSend());
        this.quiet = tools.quiet().rule(batch);
    }

    /** Sends what is left of the chunk; throws the first failure, once every message under way has finished. */
    Outcome run() {
        try {
            handOffInOrder();
        } finally {
            sends.forEach(CompletableFuture::join);
            if (!events.isEmpty()) {
                tools.callbacks().send(events);
            }
        }
        synchronized (this) {
            if (stop == null) {
                return new Done(submitted.get());
            }
            if (stop.failure() != null) {
                throw stop.failure();
            }
            return stop.outcome();
        }
    }

    /** The parts of the messages no earlier delivery took past {@code queued}: what the pace may be booked for. */
    private long partsToSend() {
        long parts = 0;
        for (int index = chunk.firstIndex(); index < chunk.firstIndex() + chunk.recipients().size(); index++) {
            MessageRecord r = records.get(index);
            if (r == null || (r.state().status() == MessageState.Status.QUEUED && !r.inFlight())) {
                parts += batch.partsOf(index);
            }
        }
        return parts;
    }

    private void handOffInOrder() {
        int from = chunk.firstIndex();
        for (int index = from; index < from + chunk.recipients().size() && !stopped(); index++) {
            MessageKey key = new MessageKey(batch.accountId(), batch.referenceId(), index);
            try {
                handOff(index, key, chunk.recipients().get(index - from), records.get(index));
            } catch (RuntimeException e) {
                stopAt(index, null, e);
            }
        }
    }

    private void handOff(int index, MessageKey key, String number, MessageRecord record) {
        if (record != null && settledEarlier(key, record)) {
            return;
        }
        if (pastDeadline(index)) {
            return;
        }
        if (expired()) {
            pace.skip(batch.partsOf(index));
            end(key, number, MessageState.Status.EXPIRED, "expired");
            return;
        }
        if (heldForQuietHours(key, number, record)) {
            pace.skip(batch.partsOf(index));
            return;
        }
        window.acquireUninterruptibly();
        if (stopped() || pastDeadline(index)) {
            window.release();
            return;
        }
        CompletableFuture<Void> paced = new CompletableFuture<>();
        CompletableFuture<Instant> started = new CompletableFuture<>();
        Send send = new Send(index, key, number, record == null ? 1 : record.attempts() + 1, lastPaced, lastStarted,
                paced, started);
        lastPaced = paced;
        lastStarted = started;
        sends.add(CompletableFuture.runAsync(send, tools.submitter()));
    }

    /**
     * Whether a message an earlier delivery reached needs nothing more sent: it finishes what
     * that delivery left (a refund owed, an attempt in flight that ends {@code unknown}).
     */
    private boolean settledEarlier(MessageKey key, MessageRecord record) {
        Optional<EarlierDelivery.Finished> finished = EarlierDelivery.finish(key, record, tools.ledger(), tools.refunds(),
                tools.clock().instant());
        if (finished.isEmpty()) {
            return false;
        }
        Optional<MessageState> unknown = finished.get().moved();
        tell(key, unknown);
        if (unknown.isPresent()) {
            LOG.warning(() -> "message " + key.messageId() + " was being submitted when its dispatcher stopped; marked unknown");
        }
        return true;
    }

    /**
     * Whether the message must wait for the end of its recipient's quiet time: then it is filed
     * for then (or was, by an earlier run) and this run goes on without it.
     */
    private boolean heldForQuietHours(MessageKey key, String number, MessageRecord record) {
        Instant now = tools.clock().instant();
        if (record != null && record.heldUntil() != null && now.isBefore(record.heldUntil())) {
            // Filed already (the entry is written before the note on the message): its release sends it.
            return true;
        }
        Optional<Instant> until = quiet.until(number, now);
        if (until.isEmpty()) {
            return false;
        }
        tools.quiet().hold(batch, key, number, until.get(), now);
        LOG.fine(() -> "message " + key.messageId() + " held for quiet hours until " + until.get());
        return true;
    }

    /** Whether the time budget is used up; then the chunk stops at {@code index}. */
    private boolean pastDeadline(int index) {
        if (tools.clock().instant().isAfter(deadline)) {
            stopAt(index, new RetryAfter(Duration.ZERO, "time budget used"), null);
            return true;
        }
        return false;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private boolean expired() {
        return !tools.clock().instant().isBefore(batch.expireAt());
    }

    private void end(MessageKey key, String number, MessageState.Status status, String code) {
        tell(key, tools.refunds().end(key, number, batch.partsOf(key.index()), status, code, tools.clock().instant()));
    }

    /** Queues the callback event of a move made, where the batch asked for reports. */
    private void tell(MessageKey key, Optional<MessageState> moved) {
        if (subscription != null && moved.isPresent()) {
            events.add(CallbackTask.first(StatusEvent.of(key, moved.get(), subscription), tools.clock().instant()));
        }
    }

    private synchronized boolean stopped() {
        return stop != null;
    }

    /** Whether something stopped the chunk at a message before {@code index}, which therefore must not start. */
    private synchronized boolean stoppedBefore(int index) {
        return stop != null && stop.index() < index;
    }

    /** Stops the chunk at {@code index}, unless it already stopped at an earlier message. */
    private synchronized void stopAt(int index, Outcome outcome, RuntimeException failure) {
        if (stop == null || index < stop.index()) {
            stop = new Stop(index, outcome, failure);
        }
    }

    /** One message's way through the SMSC: its share of the pace, its claim, its start in turn, its answer. */
    private final class Send implements Runnable {
        private final int index;
        private final MessageKey key;
        private final String number;
        private final int attempt;
        private final CompletableFuture<Void> previousPaced;
        private final CompletableFuture<Instant> previousStarted;
        private final CompletableFuture<Void> paced;
        private final CompletableFuture<Instant> started;
        private boolean claimed;
        private boolean windowHeld = true;

        Send(int index, MessageKey key, String number, int attempt, CompletableFuture<Void> previousPaced,
             CompletableFuture<Instant> previousStarted, CompletableFuture<Void> paced, CompletableFuture<Instant> started) {
            this.index = index;
            this.key = key;
            this.number = number;
            this.attempt = attempt;
            this.previousPaced = previousPaced;
            this.previousStarted = previousStarted;
            this.paced = paced;
            this.started = started;
        }

        @Override
        public void run() {
            Instant startedAt = null;
            try {
                previousPaced.join();
                Optional<Instant> share = share();
                paced.complete(null);
                if (share.isEmpty() || !claim()) {
                    return;
                }
                startedAt = startTime(share.get(), previousStarted.join());
                if (startedAt == null) {
                    tools.ledger().withdraw(key, attempt);
                    claimed = false;
                    return;
                }
                started.complete(startedAt);
                // From here on the SMSC may have it: the attempt is never taken back.
                claimed = false;
                answered(submit());
            } catch (RuntimeException e) {
                stopAt(index, null, e);
                withdrawQuietly();
            } finally {
                paced.complete(null);
                if (startedAt == null) {
                    // One that did not start passes on, once it has, when the message before it started.
                    previousStarted.thenAccept(started::complete);
                }
                releaseWindow();
            }
        }

        /** Waits for the message's share of the pace; empty when it must not start (the chunk stopped before it). */
        private Optional<Instant> share() {
            if (stoppedBefore(index)) {
                return Optional.empty();
            }
            while (true) {
                Instant now = tools.clock().instant();
                Pace.Share share = pace.next(batch.partsOf(index), now, deadline);
                if (share instanceof Pace.At at) {
                    return sleepUntil(at.start()) ? Optional.of(at.start()) : Optional.empty();
                }
                if (share instanceof Pace.Stop rateStop) {
                    stopAt(index, new RetryAfter(rateStop.delay(), "rate limit"), null);
                    return Optional.empty();
                }
                if (!sleep(((Pace.Wait) share).delay())) {
                    return Optional.empty();
                }
            }
        }

        /** The wait for the rate may have outlasted the message's validity: then it ends expired, unclaimed. */
        private boolean claim() {
            if (expired()) {
                end(key, number, MessageState.Status.EXPIRED, "expired");
                return false;
            }
            if (!tools.ledger().claim(key, number, batch.partsOf(index), subscription, attempt, tools.clock().instant())) {
                stopAt(index, new RetryAfter(Duration.ofSeconds(1), "message claimed elsewhere"), null);
                return false;
            }
            claimed = true;
            return true;
        }

        /**
         * When the message starts, now that the one before it has: at its share, but not before the
         * one before it had its spacing, and within the share's second (else on a new share).
         * Null when it must not start: the chunk stopped before it, or no share came in time, or
         * the time budget ran out while it waited.
         */
        private Instant startTime(Instant share, Instant previousStart) {
            Instant at = share;
            while (!stoppedBefore(index)) {
                Instant notBefore = previousStart == null ? at : later(at, previousStart.plus(pace.length(batch.partsOf(index))));
                if (!sleepUntil(notBefore)) {
                    return null;
                }
                // The message before it may have failed during the wait: this one then must not overtake its retry.
                if (stoppedBefore(index)) {
                    return null;
                }
                Instant now = tools.clock().instant();
                if (pastDeadline(index)) {
                    return null;
                }
                if (pace.stillIn(at, batch.partsOf(index), now)) {
                    return now;
                }
                Optional<Instant> again = share();
                if (again.isEmpty()) {
                    return null;
                }
                at = again.get();
            }
            return null;
        }

        private SubmitResult submit() {
            try {
                return tools.smsc().submit(submission());
            } catch (RuntimeException e) {
                LOG.warning(() -> "SMSC call for " + key.messageId() + " to " + PhoneNumbers.masked(number) + " failed: " + e);
                return new SubmitResult.RetryLater(e.getClass().getSimpleName(), null);
            }
        }

        /** This recipient's own text, as priced at acceptance. */
        private Submission submission() {
            return new Submission(key.messageId(), batch.accountId(), batch.from(), number, batch.textFor(index),
                    batch.encodingOf(index), batch.partsOf(index), batch.deliveryReport());
        }

        /**
         * Records what the SMSC answered to the claimed attempt. A temporary failure stops the
         * chunk here, before the window lets another message in; the fifth ends the message failed.
         */
        private void answered(SubmitResult result) {
            Instant now = tools.clock().instant();
            if (result instanceof SubmitResult.RetryLater retry && attempt < MessageDispatch.MAX_ATTEMPTS) {
                stopAt(index, new RetryAfter(MessageDispatch.BACK_OFF.after(attempt, retry.notBefore()), retry.reason()), null);
                releaseWindow();
                tools.ledger().release(key, attempt, retry.reason(), now);
                LOG.info(() -> "message " + key.messageId() + " attempt " + attempt + " to be retried: " + retry.reason());
                return;
            }
            releaseWindow();
            if (result instanceof SubmitResult.Accepted accepted) {
                submitted.incrementAndGet();
                tell(key, tools.ledger().dispatched(key, attempt, accepted.smscMessageId(), now));
            } else if (result instanceof SubmitResult.Unanswered unanswered) {
                // The SMSC may have taken it: never submitted again, and not refunded; its report still finds it.
                tell(key, tools.ledger().abandon(key, attempt, MessageLedger.NO_ANSWER, now));
                LOG.warning(() -> "message " + key.messageId() + " got no answer from the SMSC (" + unanswered.reason()
                        + "); marked unknown, not sent again");
            } else if (result instanceof SubmitResult.Rejected rejected) {
                // Straight from the claimed attempt to final: released first, a redelivery could claim it again.
                end(key, number, MessageState.Status.REJECTED, rejected.errorCode());
            } else {
                end(key, number, MessageState.Status.FAILED, "smsc_unavailable");
            }
        }

        private void releaseWindow() {
            if (windowHeld) {
                windowHeld = false;
                window.release();
            }
        }

        /** After a failure before the SMSC was called: the attempt is given back if the store still takes writes. */
        private void withdrawQuietly() {
            if (claimed) {
                try {
                    tools.ledger().withdraw(key, attempt);
                } catch (RuntimeException e) {
                    // Left in flight: the next delivery ends it unknown, as after any stop between claim and answer.
                    LOG.warning(() -> "could not take back the claim of " + key.messageId() + ": " + e);
                }
            }
        }

        /** Sleeps until {@code instant} by the clock; false if interrupted (the chunk then stops here). */
        private boolean sleepUntil(Instant instant) {
            Instant now = tools.clock().instant();
            while (now.isBefore(instant)) {
                if (!sleep(Duration.between(now, instant))) {
                    return false;
                }
                now = tools.clock().instant();
            }
            return true;
        }

        private boolean sleep(Duration duration) {
            try {
                tools.sleeper().sleep(duration);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopAt(index, new RetryAfter(Duration.ZERO, "interrupted"), null);
                return false;
            }
        }
    }
}
