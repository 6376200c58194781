package com.ninebits.sms.domain.telemetry;

import com.ninebits.sms.domain.message.MessageState;

import java.time.Duration;

/**
 * What an operator counts and times: one named method per event worth a metric, called by the
 * entry points and adapters with the use cases' outcomes. The domain names the events; how they
 * are recorded (CloudWatch Embedded Metric Format in the adapters) is not its business.
 *
 * <p>{@code accountId} is passed wherever the event belongs to one account: an implementation may
 * record it, but should not make a metric dimension of it when accounts are many.
 */
public interface Telemetry {

    /** A batch accepted (not a replay): its messages and the parts charged for them. {@code channel} is api or queue. */
    void batchAccepted(String accountId, String channel, int messages, long parts);

    /**
     * A dispatch chunk left with {@code submitted} messages taken by the SMSC, {@code sinceDue}
     * after its batch was accepted (or, when scheduled, became due).
     */
    void dispatched(String accountId, int submitted, Duration sinceDue);

    /** An SMSC answered one submission ({@code answer}: accepted, retry, rejected, unanswered) after {@code took}. */
    void smscAnswered(String connector, String answer, Duration took);

    /** A message moved to a final or unknown status by the dispatcher or a report: failed, rejected, expired, unknown, delivered. */
    void messageEnded(String accountId, MessageState.Status status, String code);

    /**
     * A delivery report applied ({@code applied}: moved, ignored, unknown_message); {@code lag} from
     * the SMSC's timestamp to now, null when the report carried none.
     */
    void receiptApplied(String connector, MessageState.Status status, String applied, Duration lag);

    /** The DLR webhook answered a report with a server error (5xx): the SMSC will send it again. */
    void receiptRefused(String connector, int httpStatus);

    /** One callback attempt's outcome ({@code outcome}: delivered, retried, deferred, given_up). */
    void callback(String accountId, String outcome);

    /**
     * Sends what was recorded since the last flush. Called once at the end of each function
     * invocation and HTTP response, so that an implementation may gather an invocation's events
     * into few documents; one that sends each event at once need do nothing.
     */
    default void flush() {
    }

    /** Records nothing: for tests and wiring that has no metrics. */
    Telemetry NONE = new Telemetry() {
        @Override
        public void batchAccepted(String accountId, String channel, int messages, long parts) {
        }

        @Override
        public void dispatched(String accountId, int submitted, Duration sinceDue) {
        }

        @Override
        public void smscAnswered(String connector, String answer, Duration took) {
        }

        @Override
        public void messageEnded(String accountId, MessageState.Status status, String code) {
        }

        @Override
        public void receiptApplied(String connector, MessageState.Status status, String applied, Duration lag) {
        }

        @Override
        public void receiptRefused(String connector, int httpStatus) {
        }

        @Override
        public void callback(String accountId, String outcome) {
        }
    };
}
