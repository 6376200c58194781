package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.callback.CallbackQueue;
import com.ninebits.sms.domain.retry.BackOff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends one chunk of a batch to the SMSC: messages start in {@code to} order, paced by the
 * account's rate across every dispatcher instance, with up to the account's dispatch window
 * awaiting the SMSC's answer at once (1: strictly one at a time).
 *
 * <p>Each message is submitted at most once per claimed attempt: the attempt is claimed by a
 * conditional write before the SMSC is called, and the answer recorded against that attempt. A
 * redelivered chunk skips every message already past {@code queued}; a message found with an
 * attempt still under way (its dispatcher died after claiming it, perhaps after the SMSC took it)
 * is never submitted again: it becomes {@code unknown}, and its delivery report, if any, still
 * finds it. So does a submission the SMSC received but never answered (timeout, dropped
 * connection). A temporary SMSC failure stops the chunk: no message after it starts, those already
 * started finish, and the chunk is handed back, so the retried message goes before every one not
 * yet started; after {@link #MAX_ATTEMPTS} it ends {@code failed}. A message due in its
 * recipient's quiet hours is held ({@link QuietHold}) and the chunk goes on without it. How one
 * delivery goes is {@link ChunkRun}'s.
 *
 * <p>Where the batch asked for delivery reports, every move made here becomes a callback event,
 * queued together when the chunk is left.
 */
public final class MessageDispatch {

    private static final Logger LOG = Logger.getLogger(MessageDispatch.class.getName());

    public static final int MAX_ATTEMPTS = 5;
    /** A temporary failure hands the chunk back 2 s later, doubling per attempt, at most a minute. */
    public static final BackOff BACK_OFF = new BackOff(Duration.ofSeconds(2), Duration.ofSeconds(60));
    /**
     * How often a suspended account's chunk is looked at again: the longest a resumed account waits
     * for its messages to go on. The dispatch queue's receive limit (1,000) times this is the
     * longest suspension its chunks outlast before the dead-letter queue ends them.
     */
    public static final Duration SUSPENDED_RECHECK = Duration.ofMinutes(5);

    private final BatchStore batches;
    private final AccountStore accounts;
    private final Credit credit;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ChunkRun.Tools tools;
    private final MessageCancellation cancellation;

    /** Submits on the calling thread: one message at a time, whatever the window. */
    public MessageDispatch(BatchStore batches, AccountStore accounts, Credit credit, MessageLedger ledger, RateLimiter limiter,
                           Smsc smsc, CallbackQueue callbacks, Clock clock, Sleeper sleeper) {
        this(batches, accounts, credit, ledger, limiter, smsc, callbacks, clock, sleeper, Runnable::run);
    }

    /**
     * @param submitter runs each message's claim, SMSC call and the recording of its answer, so that
     *                  up to a window of them are under way at once; it must start tasks in the
     *                  order it is given them (a pool with a FIFO queue, or one that runs a task
     *                  it cannot take on the caller's thread).
     */
    public MessageDispatch(BatchStore batches, AccountStore accounts, Credit credit, MessageLedger ledger, RateLimiter limiter,
                           Smsc smsc, CallbackQueue callbacks, Clock clock, Sleeper sleeper, Executor submitter) {
        this(batches, accounts, credit, ledger, limiter, smsc, callbacks, clock, sleeper, submitter, QuietHold.never());
    }

    /** @param quiet holds a message due in its recipient's quiet hours (see {@link QuietHold}). */
    public MessageDispatch(BatchStore batches, AccountStore accounts, Credit credit, MessageLedger ledger, RateLimiter limiter,
                           Smsc smsc, CallbackQueue callbacks, Clock clock, Sleeper sleeper, Executor submitter,
                           QuietHold quiet) {
        this.batches = batches;
        this.accounts = accounts;
        this.credit = credit;
        this.clock = clock;
        this.sleeper = sleeper;
        this.tools = new ChunkRun.Tools(ledger, smsc, limiter, new Refunds(ledger, credit), callbacks, clock, sleeper,
                submitter, quiet);
        this.cancellation = new MessageCancellation(ledger, tools.refunds(), callbacks, clock);
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
        Optional<Batch> found = batches.findToSend(chunk.accountId(), chunk.referenceId());
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
        if (batch.cancelled()) {
            return cancelRest(chunk, batch, deadline);
        }
        Optional<Account> account = accounts.find(batch.accountId());
        if (account.isEmpty()) {
            return new Discarded("account gone");
        }
        if (account.get().suspended()) {
            return held();
        }
        Outcome outcome = new ChunkRun(tools, chunk, batch, account.get(), deadline).run();
        settleReservation(chunk, batch);
        return outcome;
    }

    /**
     * Forgets the reservation of an ACCEPTED batch, once its first chunk is held: nothing refunds
     * an accepted batch's reservation, so the note is only bytes on the account item. Here rather
     * than after the acceptance's answer, where an instance frozen and then killed would leave it
     * for good; a redelivery of the first chunk settles again (forgetting an absent note is a
     * no-op), so one write per batch, after the sends, off the path to the first submission.
     */
    private void settleReservation(DispatchChunk chunk, Batch batch) {
        if (chunk.firstIndex() != 0) {
            return;
        }
        try {
            credit.settle(batch.accountId(), batch.token());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not settle the reservation of batch " + batch.referenceId() + " of "
                    + batch.accountId() + "; the next delivery of its first chunk settles it", e);
        }
    }

    /**
     * A chunk of a cancelled batch submits nothing: what is still queued of it ends cancelled. It
     * comes back after the lease while another writer may still be settling one of its messages
     * (an attempt under way, a refund in payment), so that a writer that died is taken over.
     */
    private Outcome cancelRest(DispatchChunk chunk, Batch batch, Instant deadline) {
        int from = chunk.firstIndex();
        int to = from + chunk.recipients().size();
        MessageCancellation.Pass pass = cancellation.cancel(batch, from, to, chunk.recipients(), deadline);
        if (pass.next() < to) {
            return new RetryAfter(Duration.ZERO, "time budget used");
        }
        return pass.leftToOthers() ? new RetryAfter(Refunds.LEASE, "batch cancelled; messages still being settled")
                : new Done(0);
    }

    /**
     * A suspended account's chunk is handed back untouched (nothing claimed, charged or refunded),
     * and so is every later chunk of the account, so that resuming sends them in order.
     */
    private static RetryAfter held() {
        return new RetryAfter(SUSPENDED_RECHECK, "account suspended");
    }
}
