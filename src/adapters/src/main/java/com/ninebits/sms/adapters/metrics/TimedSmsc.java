package com.ninebits.sms.adapters.metrics;

import com.ninebits.sms.domain.dispatch.Smsc;
import com.ninebits.sms.domain.dispatch.Submission;
import com.ninebits.sms.domain.dispatch.SubmitResult;
import com.ninebits.sms.domain.telemetry.Telemetry;

import java.time.Duration;

/** Times every SMSC submission and reports the answer's kind: the connector itself stays about its protocol. */
public final class TimedSmsc implements Smsc, AutoCloseable {

    private final String connector;
    private final Smsc smsc;
    private final Telemetry telemetry;

    public TimedSmsc(String connector, Smsc smsc, Telemetry telemetry) {
        this.connector = connector;
        this.smsc = smsc;
        this.telemetry = telemetry;
    }

    @Override
    public SubmitResult submit(Submission submission) {
        long started = System.nanoTime();
        String answer = "error";
        try {
            SubmitResult result = smsc.submit(submission);
            answer = answer(result);
            return result;
        } finally {
            telemetry.smscAnswered(connector, answer, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static String answer(SubmitResult result) {
        if (result instanceof SubmitResult.Accepted) {
            return "accepted";
        }
        if (result instanceof SubmitResult.RetryLater) {
            return "retry";
        }
        if (result instanceof SubmitResult.Rejected) {
            return "rejected";
        }
        return "unanswered";
    }

    @Override
    public void close() throws Exception {
        if (smsc instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
