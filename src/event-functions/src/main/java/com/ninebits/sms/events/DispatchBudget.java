package com.ninebits.sms.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.ninebits.sms.adapters.smsc.SmscConfig;

import java.time.Duration;
import java.time.Instant;

/**
 * Until when an invocation of the dispatcher may start a submission. A submission started at the
 * deadline may take the SMSC client's whole connect and read timeouts (the config is their one
 * home) before its answer is known, and then its moves, callbacks and the batch response still have
 * to be written: so the margin before Lambda's timeout is both timeouts and {@link #RECORDING} more,
 * and no submission starts that could outlive the invocation (one cut off mid-call would end
 * {@code unknown} on redelivery, and lose its callbacks).
 *
 * @param margin what is left between the deadline and Lambda's timeout
 */
record DispatchBudget(Duration margin) {

    /** For recording the answers and replying, once the last SMSC call is over. */
    static final Duration RECORDING = Duration.ofSeconds(3);
    /** Outside Lambda (no remaining time known): the local run and the tests. */
    static final Duration LOCAL = Duration.ofSeconds(25);

    static DispatchBudget of(SmscConfig smsc) {
        return forSmscCalls(Duration.ofMillis(smsc.connecttimeoutms()), Duration.ofMillis(smsc.readtimeoutms()));
    }

    static DispatchBudget forSmscCalls(Duration connectTimeout, Duration readTimeout) {
        return new DispatchBudget(connectTimeout.plus(readTimeout).plus(RECORDING));
    }

    /** The last instant a submission may start in this invocation; before {@code now} when none may. */
    Instant deadline(Instant now, Context context) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return now.plus(LOCAL);
        }
        return now.plus(Duration.ofMillis(context.getRemainingTimeInMillis()).minus(margin));
    }
}
