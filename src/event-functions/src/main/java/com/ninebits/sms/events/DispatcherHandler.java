package com.ninebits.sms.events;

import com.ninebits.sms.adapters.logging.LogContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ninebits.sms.adapters.smsc.SmscConfig;
import com.ninebits.sms.adapters.sqs.DispatchInbox;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.dispatch.MessageDispatch;
import com.ninebits.sms.domain.telemetry.Telemetry;
import com.ninebits.sms.adapters.metrics.FlushesTelemetry;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Consumes the FIFO dispatch queue. Records of one message group (one account) come in order;
 * once one of them must wait, every later record of that group is handed back too, so nothing
 * overtakes it, and its visibility is set to the wait, so SQS offers it again when it is due.
 * Other groups in the same event go on.
 */
@FlushesTelemetry
@Named("dispatcher")
public class DispatcherHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = Logger.getLogger(DispatcherHandler.class);

    private final MessageDispatch dispatch;
    private final DispatchInbox inbox;
    private final Clock clock;
    private final SqsBatch batch;
    private final Telemetry telemetry;
    private final DispatchBudget budget;

    public DispatcherHandler(MessageDispatch dispatch, DispatchInbox inbox, Clock clock, Telemetry telemetry,
                             SmscConfig smsc) {
        this.telemetry = telemetry;
        this.budget = DispatchBudget.of(smsc);
        this.dispatch = dispatch;
        this.inbox = inbox;
        this.clock = clock;
        this.batch = SqsBatch.fifoGroups("dispatch",
                (record, after) -> inbox.handBack(record.getMessageId(), record.getReceiptHandle(), after));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Instant deadline = budget.deadline(clock.instant(), context);
        String requestId = context == null ? null : context.getAwsRequestId();
        return batch.process(event, record -> {
            try (LogContext log = LogContext.of(requestId, null, null, null)) {
                return handle(record, deadline);
            }
        });
    }

    private SqsBatch.Result handle(SQSEvent.SQSMessage record, Instant deadline) {
        DispatchChunk chunk;
        try {
            chunk = inbox.read(record.getBody());
        } catch (IllegalArgumentException e) {
            return deadLetter(record);
        }
        LogContext.add(chunk.accountId(), chunk.referenceId(), null);
        MessageDispatch.Outcome outcome;
        try {
            outcome = dispatch.dispatch(chunk, deadline);
        } catch (RuntimeException e) {
            LOG.errorf(e, "dispatch account=%s reference=%s first=%d outcome=error", chunk.accountId(), chunk.referenceId(),
                    chunk.firstIndex());
            return SqsBatch.Result.handBackAfter(DispatchInbox.AFTER_ERROR);
        }
        if (outcome instanceof MessageDispatch.Done done) {
            telemetry.dispatched(chunk.accountId(), done.submitted(), sinceQueued(record));
        }
        return result(chunk, outcome);
    }

    /** From the chunk's arrival on the queue (its batch's acceptance, or release when scheduled) to now; null if unknown. */
    private Duration sinceQueued(SQSEvent.SQSMessage record) {
        String sent = record.getAttributes() == null ? null : record.getAttributes().get("SentTimestamp");
        if (sent == null || !sent.chars().allMatch(Character::isDigit) || sent.isEmpty() || sent.length() > 15) {
            return null;
        }
        return Duration.between(Instant.ofEpochMilli(Long.parseLong(sent)), clock.instant());
    }

    /** Done and discarded chunks are finished with; one that must wait is handed back for the wait. */
    private static SqsBatch.Result result(DispatchChunk chunk, MessageDispatch.Outcome outcome) {
        if (outcome instanceof MessageDispatch.Done done) {
            LOG.infof("dispatch account=%s reference=%s first=%d size=%d outcome=done submitted=%d", chunk.accountId(),
                    chunk.referenceId(), chunk.firstIndex(), chunk.recipients().size(), done.submitted());
            return SqsBatch.Result.DONE;
        }
        if (outcome instanceof MessageDispatch.Discarded discarded) {
            LOG.warnf("dispatch account=%s reference=%s first=%d outcome=discarded reason=%s", chunk.accountId(),
                    chunk.referenceId(), chunk.firstIndex(), discarded.reason());
            return SqsBatch.Result.DONE;
        }
        MessageDispatch.RetryAfter retry = (MessageDispatch.RetryAfter) outcome;
        LOG.infof("dispatch account=%s reference=%s first=%d outcome=retry after=%dms reason=%s", chunk.accountId(),
                chunk.referenceId(), chunk.firstIndex(), retry.delay().toMillis(), retry.reason());
        return SqsBatch.Result.handBackAfter(retry.delay());
    }

    private SqsBatch.Result deadLetter(SQSEvent.SQSMessage record) {
        try {
            inbox.deadLetter(record.getMessageId(), SqsBatch.groupOf(record), record.getBody(), "not a dispatch chunk");
            LOG.errorf("dispatch message=%s is not a dispatch chunk; moved to the dead-letter queue", record.getMessageId());
            return SqsBatch.Result.DONE;
        } catch (RuntimeException e) {
            LOG.errorf("dispatch message=%s is not a dispatch chunk, and the dead-letter queue refused it (%s); handed back",
                    record.getMessageId(), e.toString());
            return SqsBatch.Result.handBackAfter(DispatchInbox.AFTER_DEAD_LETTER_REFUSED);
        }
    }
}
