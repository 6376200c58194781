package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An SMSC that records every submission with the fake-clock time it arrived, and answers from a
 * script: first what was scripted for the number, then what was scripted for the next call, else
 * {@code Accepted("smsc-<n>")} where n counts the calls from 1.
 */
final class RecordingSmsc implements Smsc {

    /** One scripted answer; it may throw, or act on the world (another dispatcher running meanwhile). */
    interface Answer {
        SubmitResult answer(Submission submission);
    }

    /** A submission, when it arrived, and what it got back ({@code null} when the SMSC threw). */
    record Call(Submission submission, Instant at, SubmitResult result) {
    }

    private final TestClock clock;
    private final Deque<Answer> nextCalls = new ArrayDeque<>();
    private final Map<String, Deque<Answer>> byNumber = new HashMap<>();
    private Duration latency = Duration.ZERO;
    final List<Call> calls = new ArrayList<>();

    RecordingSmsc(TestClock clock) {
        this.clock = clock;
    }

    /** Each call takes this long on the fake clock. */
    RecordingSmsc latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    RecordingSmsc nextCallsAnswer(SubmitResult... results) {
        for (SubmitResult r : results) {
            nextCalls.add(s -> r);
        }
        return this;
    }

    RecordingSmsc numberAnswers(String number, SubmitResult... results) {
        for (SubmitResult r : results) {
            numberAnswers(number, s -> r);
        }
        return this;
    }

    RecordingSmsc numberAnswers(String number, Answer answer) {
        byNumber.computeIfAbsent(number, n -> new ArrayDeque<>()).add(answer);
        return this;
    }

    RecordingSmsc numberThrows(String number, RuntimeException e) {
        return numberAnswers(number, s -> {
            throw e;
        });
    }

    @Override
    public SubmitResult submit(Submission submission) {
        Instant at = clock.instant();
        int slot = calls.size();
        String defaultId = "smsc-" + (slot + 1);
        Deque<Answer> forNumber = byNumber.get(submission.to());
        Answer answer = forNumber != null && !forNumber.isEmpty() ? forNumber.poll()
                : !nextCalls.isEmpty() ? nextCalls.poll()
                : s -> new SubmitResult.Accepted(defaultId);
        calls.add(new Call(submission, at, null));
        clock.advance(latency);
        SubmitResult result = answer.answer(submission);
        calls.set(slot, new Call(submission, at, result));
        return result;
    }

    /** Every number submitted, in call order, repeats included. */
    List<String> numbersSubmitted() {
        return calls.stream().map(c -> c.submission().to()).toList();
    }

    /** The numbers whose submission the SMSC accepted, in call order. */
    List<String> numbersAccepted() {
        return calls.stream().filter(c -> c.result() instanceof SubmitResult.Accepted).map(c -> c.submission().to()).toList();
    }
}
