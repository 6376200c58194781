package com.ninebits.sms.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ninebits.sms.adapters.config.QueueConfig;
import com.ninebits.sms.adapters.sqs.SqsDispatchQueue;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.dispatch.MessageDispatch;
import jakarta.inject.Named;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes the FIFO dispatch queue. Records of one message group (one account) come in order;
 * once one of them must wait, every later record of that group is handed back too, so nothing
 * overtakes it, and its visibility is set to the wait, so SQS offers it again when it is due.
 * Other groups in the same event go on.
 */
@Named("dispatcher")
public class DispatcherHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** Left for recording answers and replying before Lambda's timeout. */
    private static final Duration SAFETY = Duration.ofSeconds(3);
    private static final Duration LOCAL_BUDGET = Duration.ofSeconds(25);

    private static final Logger LOG = Logger.getLogger(DispatcherHandler.class);

    private final MessageDispatch dispatch;
    private final SqsDispatchQueue queue;
    private final SqsClient sqs;
    private final QueueConfig queues;
    private final Clock clock;

    public DispatcherHandler(MessageDispatch dispatch, SqsDispatchQueue queue, SqsClient sqs, QueueConfig queues, Clock clock) {
        this.dispatch = dispatch;
        this.queue = queue;
        this.sqs = sqs;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Instant deadline = clock.instant().plus(context == null || context.getRemainingTimeInMillis() <= 0
                ? LOCAL_BUDGET
                : Duration.ofMillis(context.getRemainingTimeInMillis()).minus(SAFETY));
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Map<String, Duration> heldGroups = new HashMap<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage record : records) {
            String group = groupOf(record);
            Duration held = heldGroups.get(group);
            if (held != null) {
                // Offered again together with the record it waits behind, not a whole visibility timeout later.
                failures.add(failure(record));
                delay(record, held);
                continue;
            }
            Duration wait = handle(record, deadline);
            if (wait != null) {
                heldGroups.put(group, wait);
                failures.add(failure(record));
                delay(record, wait);
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** Null when the record is finished with, else how long it should wait. */
    private Duration handle(SQSEvent.SQSMessage record, Instant deadline) {
        DispatchChunk chunk;
        try {
            chunk = queue.read(record.getBody());
        } catch (IllegalArgumentException e) {
            return deadLetter(record);
        }
        try {
            MessageDispatch.Outcome outcome = dispatch.dispatch(chunk, deadline);
            if (outcome instanceof MessageDispatch.Done done) {
                LOG.infof("dispatch account=%s reference=%s first=%d size=%d outcome=done submitted=%d", chunk.accountId(),
                        chunk.referenceId(), chunk.firstIndex(), chunk.recipients().size(), done.submitted());
                return null;
            }
            if (outcome instanceof MessageDispatch.Discarded discarded) {
                LOG.warnf("dispatch account=%s reference=%s first=%d outcome=discarded reason=%s", chunk.accountId(),
                        chunk.referenceId(), chunk.firstIndex(), discarded.reason());
                return null;
            }
            MessageDispatch.RetryAfter retry = (MessageDispatch.RetryAfter) outcome;
            LOG.infof("dispatch account=%s reference=%s first=%d outcome=retry after=%dms reason=%s", chunk.accountId(),
                    chunk.referenceId(), chunk.firstIndex(), retry.delay().toMillis(), retry.reason());
            return retry.delay();
        } catch (RuntimeException e) {
            LOG.errorf(e, "dispatch account=%s reference=%s first=%d outcome=error", chunk.accountId(), chunk.referenceId(),
                    chunk.firstIndex());
            return Duration.ofSeconds(5);
        }
    }

    /**
     * Poison (a body no dispatcher can read) goes straight to the dead-letter queue: handed back
     * instead, it would hold its account's later chunks through every one of the queue's receives.
     */
    private Duration deadLetter(SQSEvent.SQSMessage record) {
        try {
            String url = queues.dispatchdlq().orElseThrow(() -> new IllegalStateException(
                    "sms.queue.dispatchdlq (env SMS_QUEUE_DISPATCHDLQ) is not set"));
            String group = groupOf(record);
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(record.getBody())
                    .messageGroupId(group.isEmpty() ? "unreadable" : group)
                    .messageDeduplicationId(record.getMessageId())
                    .messageAttributes(Map.of("problem", MessageAttributeValue.builder().dataType("String")
                            .stringValue("not a dispatch chunk").build())));
            LOG.errorf("dispatch message=%s is not a dispatch chunk; moved to the dead-letter queue", record.getMessageId());
            return null;
        } catch (RuntimeException e) {
            LOG.errorf("dispatch message=%s is not a dispatch chunk, and the dead-letter queue refused it (%s); handed back",
                    record.getMessageId(), e.toString());
            return Duration.ofSeconds(30);
        }
    }

    private void delay(SQSEvent.SQSMessage record, Duration wait) {
        int seconds = (int) Math.max(0, Math.min(43_200, (wait.toMillis() + 999) / 1000));
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queues.dispatch()).receiptHandle(record.getReceiptHandle())
                    .visibilityTimeout(seconds));
        } catch (RuntimeException e) {
            // The queue's own visibility timeout brings it back later instead.
            LOG.warnf("could not shorten the wait of dispatch message=%s: %s", record.getMessageId(), e.getMessage());
        }
    }

    private static String groupOf(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = record.getAttributes();
        String group = attributes == null ? null : attributes.get("MessageGroupId");
        return group == null ? "" : group;
    }

    private static SQSBatchResponse.BatchItemFailure failure(SQSEvent.SQSMessage record) {
        return SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(record.getMessageId()).build();
    }
}
