package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.callback.CallbackQueue;
import com.ninebits.sms.domain.callback.CallbackTask;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.phone.PhoneNumbers;
import com.ninebits.sms.domain.retry.BackOff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Sends one chunk of a batch to the SMSC, in {@code to} order, at the account's rate.
 *
 * <p>Each message is submitted at most once per claimed attempt: the attempt is claimed by a
 * conditional write before the SMSC is called, and the answer recorded against that attempt. A
 * redelivered chunk skips every message already past {@code queued}; a message found with an
 * attempt still under way (its dispatcher died after claiming it, perhaps after the SMSC took it)
 * is never submitted again: it becomes {@code unknown}, and its delivery report, if any, still
 * finds it. So does a submission the SMSC received but never answered (timeout, dropped
 * connection). A temporary SMSC failure stops the chunk where it is, so no later message overtakes
 * the one being retried; after {@link #MAX_ATTEMPTS} it ends {@code failed}.
 *
 * <p>Where the batch asked for delivery reports, every move made here becomes a callback event,
 * queued together when the chunk is left.
 */
public final class MessageDispatch {

    public static final int MAX_ATTEMPTS = 5;
    /** Recording writes under way at once, at most. */
    static final int MAX_RECORDING = 32;
    /** A temporary failure hands the chunk back 2 s later, doubling per attempt, at most a minute. */
    public static final BackOff BACK_OFF = new BackOff(Duration.ofSeconds(2), Duration.ofSeconds(60));

    private static final Logger LOG = Logger.getLogger(MessageDispatch.class.getName());

    private final BatchStore batches;
    private final AccountStore accounts;
    private final Credit credit;
    private final MessageLedger ledger;
    private final RateLimiter limiter;
    private final Smsc smsc;
    private final CallbackQueue callbacks;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Executor recorder;

    public MessageDispatch(BatchStore batches, AccountStore accounts, Credit credit, MessageLedger ledger, RateLimiter limiter, Smsc smsc,
                           CallbackQueue callbacks, Clock clock, Sleeper sleeper) {
        this(batches, accounts, credit, ledger, limiter, smsc, callbacks, clock, sleeper, Runnable::run);
    }

    /**
     * @param recorder runs the writes that record the SMSC's acceptance, so that the next message's
     *                 claim and submission need not wait for them; every one is awaited before the
     *                 chunk is left. A stop before one is written leaves that message in flight,
     *                 exactly as a stop after the SMSC took it always could: it ends {@code unknown}.
     */
    public MessageDispatch(BatchStore batches, AccountStore accounts, Credit credit, MessageLedger ledger, RateLimiter limiter, Smsc smsc,
                           CallbackQueue callbacks, Clock clock, Sleeper sleeper, Executor recorder) {
        this.recorder = recorder;
        this.batches = batches;
        this.accounts = accounts;
        this.credit = credit;
        this.ledger = ledger;
        this.limiter = limiter;
        this.smsc = smsc;
        this.callbacks = callbacks;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits; a port so that tests need not sleep. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** How a chunk ended. */
    public sealed interface Outcome permits Done, RetryAfter, Discarded {
    }

    /** Every message of the chunk is past {@code queued}. */
    public record Done(int submitted) implements Outcome {
    }

    /** Stopped at a message that must wait (rate, SMSC trouble, time budget); deliver the chunk again after the delay. */
    public record RetryAfter(Duration delay, String reason) implements Outcome {
    }

    /** The chunk belongs to no accepted batch (an undone acceptance): nothing to send. */
    public record Discarded(String reason) implements Outcome {
    }

    public Outcome dispatch(DispatchChunk chunk, Instant deadline) {
        Optional<Batch> found = batches.find(chunk.accountId(), chunk.referenceId());
        if (found.isEmpty() || !found.get().token().equals(chunk.token())) {
            return new Discarded("no accepted batch for this chunk");
        }
        Batch batch = found.get();
        if (batch.state() != Batch.State.ACCEPTED) {
            // Read before its acceptance wrote ACCEPTED: finished here, or awaited (see PendingAcceptance).
            Optional<Batch> settled = PendingAcceptance.settle(batches, batch, chunk, deadline, clock, sleeper);
            if (settled.isEmpty()) {
                return new Discarded("its acceptance was undone");
            }
            if (settled.get().state() != Batch.State.ACCEPTED) {
                // Its acceptance is slow or died: it settles within the claim lease.
                return new RetryAfter(Duration.ofSeconds(5), "batch not yet accepted");
            }
            batch = settled.get();
        }
        Optional<Account> account = accounts.find(batch.accountId());
        if (account.isEmpty()) {
            return new Discarded("account gone");
        }
        ChunkRun run = new ChunkRun(chunk, batch, account.get(), deadline);
        try {
            return run.send();
        } finally {
            run.leave();
        }
    }

    /** One delivery of a chunk: what it sent, the acceptances being recorded, and the events to queue when it is left. */
    private final class ChunkRun {
        private final DispatchChunk chunk;
        private final Batch batch;
        private final Account account;
        private final Instant deadline;
        private final Subscription subscription;
        private final List<CallbackTask> events = Collections.synchronizedList(new ArrayList<>());
        private final Deque<CompletableFuture<Void>> recording = new ArrayDeque<>();
        private final Allowance allowance = new Allowance();
        private int submitted;

        ChunkRun(DispatchChunk chunk, Batch batch, Account account, Instant deadline) {
            this.chunk = chunk;
            this.batch = batch;
            this.account = account;
            this.deadline = deadline;
            this.subscription = batch.deliveryReport() ? new Subscription(batch.callbackUrl()) : null;
        }

        /** Goes through the chunk in {@code to} order; stops at the first message that must wait. */
        Outcome send() {
            int from = chunk.firstIndex();
            int to = from + chunk.recipients().size();
            Map<Integer, MessageRecord> records = ledger.records(batch.accountId(), batch.referenceId(), from, to);
            for (int index = from; index < to; index++) {
                MessageKey key = new MessageKey(batch.accountId(), batch.referenceId(), index);
                MessageRecord record = records.get(index);
                if (record != null && settledEarlier(key, record)) {
                    continue;
                }
                Optional<Outcome> stop = sendOne(key, chunk.recipients().get(index - from), record == null ? 0 : record.attempts(),
                        (to - index) * batch.parts());
                if (stop.isPresent()) {
                    return stop.get();
                }
            }
            return new Done(submitted);
        }

        /**
         * Whether a message an earlier delivery reached needs nothing more sent: it finishes what
         * that delivery left (a refund owed, an attempt in flight that ends {@code unknown}).
         */
        private boolean settledEarlier(MessageKey key, MessageRecord record) {
            if (record.refundDue() > 0) {
                // Its dispatcher stopped between the final move and the refund (or before forgetting it).
                payRefund(key, batch, record.refundDue());
                return true;
            }
            if (record.inFlight()) {
                Optional<MessageState> unknown = ledger.abandon(key, record.attempts(), MessageLedger.INTERRUPTED, clock.instant());
                tell(key, unknown);
                if (unknown.isPresent()) {
                    LOG.warning(() -> "message " + key.messageId() + " was being submitted when its dispatcher stopped; marked unknown");
                }
                return true;
            }
            return record.state().status() != MessageState.Status.QUEUED;
        }

        /** Claims and submits the message's next attempt; present when the chunk must stop here. */
        private Optional<Outcome> sendOne(MessageKey key, String number, int attempts, int partsAhead) {
            if (clock.instant().isAfter(deadline)) {
                return Optional.of(new RetryAfter(Duration.ZERO, "time budget used"));
            }
            if (expired()) {
                finishWithRefund(key, number, MessageState.Status.EXPIRED, "expired");
                return Optional.empty();
            }
            Duration wait = takeRate(account, batch.parts(), partsAhead, allowance, deadline);
            if (!wait.isZero()) {
                return Optional.of(new RetryAfter(wait, "rate limit"));
            }
            // The wait for the rate may have outlasted the message's validity.
            if (expired()) {
                finishWithRefund(key, number, MessageState.Status.EXPIRED, "expired");
                return Optional.empty();
            }
            int attempt = attempts + 1;
            if (!ledger.claim(key, number, batch.parts(), subscription, attempt, clock.instant())) {
                return Optional.of(new RetryAfter(Duration.ofSeconds(1), "message claimed elsewhere"));
            }
            return answered(key, number, attempt, submit(batch, key, number));
        }

        private boolean expired() {
            return !clock.instant().isBefore(batch.expireAt());
        }

        /** Records what the SMSC answered to the claimed attempt; present when the chunk must stop here. */
        private Optional<Outcome> answered(MessageKey key, String number, int attempt, SubmitResult result) {
            if (result instanceof SubmitResult.Accepted accepted) {
                recordAccepted(key, attempt, accepted.smscMessageId());
                submitted++;
            } else if (result instanceof SubmitResult.Unanswered unanswered) {
                // The SMSC may have taken it: never submitted again, and not refunded; its report still finds it.
                tell(key, ledger.abandon(key, attempt, MessageLedger.NO_ANSWER, clock.instant()));
                LOG.warning(() -> "message " + key.messageId() + " got no answer from the SMSC (" + unanswered.reason()
                        + "); marked unknown, not sent again");
            } else if (result instanceof SubmitResult.Rejected rejected) {
                // Straight from the claimed attempt to final: released first, a redelivery could claim it again.
                finishWithRefund(key, number, MessageState.Status.REJECTED, rejected.errorCode());
            } else {
                SubmitResult.RetryLater retry = (SubmitResult.RetryLater) result;
                if (attempt >= MAX_ATTEMPTS) {
                    finishWithRefund(key, number, MessageState.Status.FAILED, "smsc_unavailable");
                    return Optional.empty();
                }
                ledger.release(key, attempt, retry.reason(), clock.instant());
                LOG.info(() -> "message " + key.messageId() + " attempt " + attempt + " to be retried: " + retry.reason());
                return Optional.of(new RetryAfter(BACK_OFF.after(attempt, retry.notBefore()), retry.reason()));
            }
            return Optional.empty();
        }

        /** Records the acceptance alongside the next message's claim and submission, at most {@link #MAX_RECORDING} at once. */
        private void recordAccepted(MessageKey key, int attempt, String smscMessageId) {
            if (recording.size() >= MAX_RECORDING) {
                recording.poll().join();
            }
            Instant at = clock.instant();
            recording.add(CompletableFuture.runAsync(() -> tell(key, ledger.dispatched(key, attempt, smscMessageId, at)),
                    recorder));
        }

        private void finishWithRefund(MessageKey key, String number, MessageState.Status status, String code) {
            Optional<MessageState> finished = ledger.finish(key, number, batch.parts(), status, code, clock.instant());
            if (finished.isPresent()) {
                payRefund(key, batch, batch.parts());
            }
            tell(key, finished);
        }

        /** Queues the callback event of a move made, where the batch asked for reports. */
        private void tell(MessageKey key, Optional<MessageState> moved) {
            if (subscription != null && moved.isPresent()) {
                events.add(CallbackTask.first(StatusEvent.of(key, moved.get(), subscription), clock.instant()));
            }
        }

        /** Awaits every acceptance being recorded, then queues the events of the moves made. */
        void leave() {
            try {
                awaitAll(recording);
            } finally {
                if (!events.isEmpty()) {
                    callbacks.send(events);
                }
            }
        }
    }

    /** Waits for every recording write; the first that failed is thrown. */
    private static void awaitAll(Deque<CompletableFuture<Void>> recording) {
        RuntimeException failed = null;
        while (!recording.isEmpty()) {
            try {
                recording.poll().join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (failed == null) {
                    failed = cause;
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private SubmitResult submit(Batch batch, MessageKey key, String number) {
        try {
            return smsc.submit(new com.ninebits.sms.domain.dispatch.Submission(key.messageId(), batch.accountId(),
                    batch.from(), number, batch.body(), batch.encoding(), batch.parts(), batch.deliveryReport()));
        } catch (RuntimeException e) {
            LOG.warning(() -> "SMSC call for " + key.messageId() + " to " + PhoneNumbers.masked(number) + " failed: " + e);
            return new SubmitResult.RetryLater(e.getClass().getSimpleName(), null);
        }
    }

    /**
     * Parts taken from the shared limiter ahead of need, within one second: asking for the rest of
     * the chunk at once (up to the rate) saves a limiter write per message. What is left when the
     * second ends is dropped, never carried over, so no second ever exceeds the rate.
     */
    private static final class Allowance {
        long second = -1;
        int left;
    }

    /** Takes the message's parts from the shared limiter, waiting within the time budget. */
    private Duration takeRate(Account account, int parts, int partsAhead, Allowance allowance, Instant deadline) {
        int rate = account.rateLimitMps();
        long second = clock.instant().getEpochSecond();
        if (allowance.second == second && allowance.left >= parts) {
            allowance.left -= parts;
            return Duration.ZERO;
        }
        if (parts <= rate) {
            int ahead = Math.min(rate, Math.max(parts, partsAhead));
            if (ahead > parts && limiter.acquire(account.id(), rate, ahead).isZero()) {
                allowance.second = second;
                allowance.left = ahead - parts;
                return Duration.ZERO;
            }
        }
        allowance.left = 0;
        int remaining = parts;
        while (remaining > 0) {
            int take = Math.min(remaining, rate);
            Duration wait = limiter.acquire(account.id(), rate, take);
            if (wait.isZero()) {
                remaining -= take;
                continue;
            }
            if (clock.instant().plus(wait).isAfter(deadline)) {
                return wait;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return wait;
            }
        }
        return Duration.ZERO;
    }

    /**
     * Pays the refund a final move owes, exactly once however often it is asked: paid under the
     * message's id (a repeat pays nothing), then marked paid on the message, then the payment's
     * note forgotten. A stop between any two steps leaves the message owing, and the chunk's next
     * delivery finishes the job.
     */
    private void payRefund(MessageKey key, Batch batch, int parts) {
        credit.refundOnce(batch.accountId(), key.messageId(), parts);
        ledger.refundPaid(key);
        credit.forgetRefund(batch.accountId(), key.messageId());
    }
}
