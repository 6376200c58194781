package com.ninebits.sms.adapters.callback;

import com.ninebits.sms.adapters.config.QueueConfig;
import com.ninebits.sms.adapters.dynamo.DynamoCallbackOutbox;
import com.ninebits.sms.domain.callback.CallbackQueue;
import com.ninebits.sms.domain.callback.CallbackTask;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The callback queue: a standard SQS queue, since callbacks need no order, only delivery. A task
 * due later is sent with a delay (at most SQS's 15 minutes; the sender function queues a task that
 * comes back early again), so no handler ever sleeps through a back-off.
 *
 * <p>The status moves these tasks tell of are already stored when they are sent, so a refusal by
 * SQS must not lose them: they are then kept in the outbox table and sent by the scheduled
 * function once SQS takes them again. Only when both refuse does {@link #send} throw.
 */
@ApplicationScoped
public class SqsCallbackQueue implements CallbackQueue {

    private static final int ENTRIES_PER_CALL = 10;
    private static final long LONGEST_DELAY_SECONDS = 900;

    private static final Logger LOG = Logger.getLogger(SqsCallbackQueue.class);

    private final SqsClient sqs;
    private final QueueConfig queues;
    private final DynamoCallbackOutbox outbox;
    private final Clock clock;

    public SqsCallbackQueue(SqsClient sqs, QueueConfig queues, DynamoCallbackOutbox outbox, Clock clock) {
        this.sqs = sqs;
        this.queues = queues;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void send(List<CallbackTask> tasks) {
        try {
            sendToQueue(tasks);
        } catch (RuntimeException refused) {
            LOG.warnf("callback queue refused %d tasks (%s); kept in the outbox", tasks.size(), refused.toString());
            try {
                outbox.keep(tasks);
            } catch (RuntimeException alsoRefused) {
                alsoRefused.addSuppressed(refused);
                throw alsoRefused;
            }
        }
    }

    /** Sends what the outbox kept while SQS refused; returns how many tasks went. */
    public int drainOutbox() {
        return outbox.drain(this::sendToQueue);
    }

    private void sendToQueue(List<CallbackTask> tasks) {
        String url = queues.callbacks().orElseThrow(() -> new IllegalStateException(
                "callbacks need the callback queue: sms.queue.callbacks (env SMS_QUEUE_CALLBACKS)"));
        for (int from = 0; from < tasks.size(); from += ENTRIES_PER_CALL) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(ENTRIES_PER_CALL);
            for (int i = from; i < Math.min(tasks.size(), from + ENTRIES_PER_CALL); i++) {
                CallbackTask task = tasks.get(i);
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(StatusEventJson.write(task))
                        .delaySeconds(delaySeconds(task))
                        .build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " callback tasks: "
                        + response.failed().get(0).code());
            }
        }
    }

    private int delaySeconds(CallbackTask task) {
        long millis = Duration.between(clock.instant(), task.dueAt()).toMillis();
        return (int) Math.max(0, Math.min(LONGEST_DELAY_SECONDS, (millis + 999) / 1000));
    }
}
