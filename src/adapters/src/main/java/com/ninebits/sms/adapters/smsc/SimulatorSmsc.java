package com.ninebits.sms.adapters.smsc;

import com.ninebits.sms.domain.dispatch.Smsc;
import com.ninebits.sms.domain.dispatch.Submission;
import com.ninebits.sms.domain.dispatch.SubmitResult;

import java.time.Duration;
import java.util.UUID;

/**
 * An in-process SMSC for local runs, demos and tests, whose answer is chosen by the destination's
 * last digits:
 * <ul>
 *   <li>{@code …999}: refused for good ({@code invalid_destination});</li>
 *   <li>{@code …998}: temporarily unavailable, every time (the message ends {@code failed} after the retries);</li>
 *   <li>anything else: accepted, under a fresh {@code sim-…} message id.</li>
 * </ul>
 */
public class SimulatorSmsc implements Smsc {

    @Override
    public SubmitResult submit(Submission submission) {
        String to = submission.to();
        if (to.endsWith("999")) {
            return new SubmitResult.Rejected("invalid_destination", "the simulator refuses numbers ending in 999");
        }
        if (to.endsWith("998")) {
            return new SubmitResult.RetryLater("simulated outage for numbers ending in 998", Duration.ofSeconds(1));
        }
        return new SubmitResult.Accepted("sim-" + UUID.randomUUID());
    }
}
