package com.ninebits.sms.domain.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * An SMSC called from several threads at once that holds every submission until the test lets it
 * answer (all at once, or one number at a time), and logs each call's arrival and answer against
 * a sequence shared with the other fakes, so that tests can tell what happened before what without
 * looking at clocks.
 */
final class HeldSmsc implements Smsc {

    /** One submission: when it arrived and when it was answered, on the shared sequence (0 while unanswered). */
    record Call(String to, long arrived, long answered, SubmitResult result, long arrivedNanos) {
    }

    private final AtomicLong sequence;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, SubmitResult> answers = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private final CountDownLatch all = new CountDownLatch(1);
    private volatile long answerAfterMillis;
    private int inFlight;
    private int mostInFlight;

    HeldSmsc(AtomicLong sequence) {
        this.sequence = sequence;
    }

    /** The SMSC answers {@code number} so when it answers (default: accepted). */
    HeldSmsc answer(String number, SubmitResult result) {
        answers.put(number, result);
        return this;
    }

    /** Once released, each submission is answered this long (real time) after it arrived. */
    HeldSmsc answerAfter(long millis) {
        answerAfterMillis = millis;
        return this;
    }

    /** Every submission held so far, and every later one, is answered without delay. */
    void releaseAll() {
        all.countDown();
    }

    /** Only the submission to {@code number} is answered now (once it arrives); the others stay held. */
    void release(String number) {
        held.computeIfAbsent(number, n -> new CountDownLatch(1)).countDown();
    }

    @Override
    public SubmitResult submit(Submission submission) {
        String to = submission.to();
        int slot;
        synchronized (this) {
            slot = calls.size();
            calls.add(new Call(to, sequence.incrementAndGet(), 0, null, System.nanoTime()));
            mostInFlight = Math.max(mostInFlight, ++inFlight);
            notifyAll();
        }
        CountDownLatch mine = held.computeIfAbsent(to, n -> new CountDownLatch(1));
        while (mine.getCount() > 0 && all.getCount() > 0) {
            try {
                mine.await(5, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        sleepQuietly(answerAfterMillis);
        SubmitResult result = answers.getOrDefault(to, new SubmitResult.Accepted("smsc-" + to));
        synchronized (this) {
            Call call = calls.get(slot);
            calls.set(slot, new Call(to, call.arrived(), sequence.incrementAndGet(), result, call.arrivedNanos()));
            inFlight--;
            notifyAll();
        }
        return result;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<String> numbersSubmitted() {
        return calls.stream().map(Call::to).toList();
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int mostInFlight() {
        return mostInFlight;
    }

    /** Waits (up to 10 s) until {@code condition} holds; false if it never did. */
    synchronized boolean awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            long left = giveUp - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
