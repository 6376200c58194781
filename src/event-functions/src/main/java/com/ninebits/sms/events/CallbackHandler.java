package com.ninebits.sms.events;

import com.ninebits.sms.adapters.logging.LogContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ninebits.sms.adapters.callback.StatusEventJson;
import com.ninebits.sms.domain.callback.CallbackDelivery;
import com.ninebits.sms.domain.callback.CallbackTask;
import com.ninebits.sms.domain.telemetry.Telemetry;
import com.ninebits.sms.adapters.metrics.FlushesTelemetry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * Consumes the callback queue: each record one status event to POST. The records of an event
 * are sent in parallel, so one slow receiver (10 s at most) holds up no other account's callback
 * in the same event. A record whose outcome could not be stored (queue or table down) is handed
 * back to SQS and sent again later; receivers de-duplicate on the event id.
 */
@FlushesTelemetry
@Named("callbacks")
public class CallbackHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = Logger.getLogger(CallbackHandler.class);
    private static final int PARALLEL = 10;

    private final CallbackDelivery delivery;
    private final Telemetry telemetry;
    private final SqsBatch senders = SqsBatch.parallel("callback", PARALLEL);

    public CallbackHandler(CallbackDelivery delivery, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.delivery = delivery;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        return senders.process(event, record -> {
            try (LogContext log = LogContext.of(requestId, null, null, null)) {
                return handle(record);
            }
        });
    }

    /** Finished with when delivered, queued again, or kept as failed. */
    private SqsBatch.Result handle(SQSEvent.SQSMessage record) {
        CallbackTask task;
        try {
            task = StatusEventJson.readTask(record.getBody());
        } catch (IllegalArgumentException e) {
            // Poison: handed back until the queue's redrive policy moves it to the dead-letter queue.
            LOG.errorf("callback message=%s is not a callback task; left for the dead-letter queue", record.getMessageId());
            return SqsBatch.Result.HAND_BACK;
        }
        LogContext.add(task.event().accountId(), null, task.event().messageId());
        try {
            CallbackDelivery.Outcome outcome = delivery.deliver(task);
            LOG.infof("callback event=%s account=%s status=%s attempts=%d outcome=%s", task.event().eventId(),
                    task.event().accountId(), task.event().status().wire(), task.attempts(), outcome);
            String metric = metricOf(outcome);
            if (metric != null) {
                telemetry.callback(task.event().accountId(), metric);
            }
            return SqsBatch.Result.DONE;
        } catch (RuntimeException e) {
            LOG.errorf(e, "callback event=%s account=%s outcome=error", task.event().eventId(), task.event().accountId());
            return SqsBatch.Result.HAND_BACK;
        }
    }

    private static String metricOf(CallbackDelivery.Outcome outcome) {
        // Java 17: no pattern switch; the sealed interface has these five.
        if (outcome instanceof CallbackDelivery.Delivered) {
            return "delivered";
        }
        if (outcome instanceof CallbackDelivery.Retrying) {
            return "retried";
        }
        if (outcome instanceof CallbackDelivery.Deferred) {
            return "deferred";
        }
        if (outcome instanceof CallbackDelivery.NotOwed) {
            // Nothing was sent: no callback to count.
            return null;
        }
        return "given_up";
    }

    @PreDestroy
    void stop() {
        senders.close();
    }
}
