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
 * yet started; after {@link #MAX_ATTEMPTS} it ends {@code failed}. How one delivery goes is
 * {@link ChunkRun}'s.
 *
 * <p>Where the batch asked for delivery reports, every move made here becomes a callback event,
 * queued together when the chunk is left.
 */
public final class MessageDispatch {

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
    private final Clock clock;
    private final Sleeper sleeper;
    private final ChunkRun.Tools tools;

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
        this.batches = batches;
        this.accounts = accounts;
        this.clock = clock;
        this.sleeper = sleeper;
        this.tools = new ChunkRun.Tools(ledger, smsc, limiter, new Refunds(ledger, credit), callbacks, clock, sleeper,
                submitter);
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
        if (account.get().suspended()) {
            return held();
        }
        return new ChunkRun(tools, chunk, batch, account.get(), deadline).run();
    }

    /**
     * A suspended account's chunk is handed back untouched (nothing claimed, charged or refunded),
     * and so is every later chunk of the account, so that resuming sends them in order.
     */
    private static RetryAfter held() {
        return new RetryAfter(SUSPENDED_RECHECK, "account suspended");
    }
}
