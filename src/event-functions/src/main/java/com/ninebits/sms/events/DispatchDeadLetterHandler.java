package com.ninebits.sms.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.ninebits.sms.adapters.sqs.SqsDispatchQueue;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.dispatch.AbandonedDispatch;
import com.ninebits.sms.adapters.metrics.FlushesTelemetry;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * Consumes the dispatch queue's dead-letter queue: every chunk there has its messages still
 * queued ended failed and refunded ({@link AbandonedDispatch}), so that none stays charged. A
 * record that cannot be finished now is handed back, and, the queue being FIFO, so is every later
 * record of its account. A body that is no chunk names no message and so charged none: it is
 * dropped, logged by id.
 */
@FlushesTelemetry
@Named("dispatch-dead-letters")
public class DispatchDeadLetterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = Logger.getLogger(DispatchDeadLetterHandler.class);

    private final AbandonedDispatch abandoned;
    private final SqsDispatchQueue queue;
    private final SqsBatch batch = SqsBatch.fifoGroups("dispatch-dead-letter");

    public DispatchDeadLetterHandler(AbandonedDispatch abandoned, SqsDispatchQueue queue) {
        this.abandoned = abandoned;
        this.queue = queue;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, record -> handled(record) ? SqsBatch.Result.DONE : SqsBatch.Result.HAND_BACK);
    }

    /** Whether the record is finished with. */
    private boolean handled(SQSEvent.SQSMessage record) {
        DispatchChunk chunk;
        try {
            chunk = queue.read(record.getBody());
        } catch (IllegalArgumentException e) {
            LOG.errorf("dispatch-dead-letter message=%s is not a dispatch chunk (%d characters); dropped", record.getMessageId(),
                    record.getBody() == null ? 0 : record.getBody().length());
            return true;
        }
        try {
            AbandonedDispatch.Outcome outcome = abandoned.end(chunk);
            LOG.infof("dispatch-dead-letter account=%s reference=%s first=%d size=%d outcome=%s", chunk.accountId(),
                    chunk.referenceId(), chunk.firstIndex(), chunk.recipients().size(), outcome);
            return !(outcome instanceof AbandonedDispatch.NotYet);
        } catch (RuntimeException e) {
            LOG.errorf(e, "dispatch-dead-letter account=%s reference=%s first=%d outcome=error", chunk.accountId(),
                    chunk.referenceId(), chunk.firstIndex());
            return false;
        }
    }
}
