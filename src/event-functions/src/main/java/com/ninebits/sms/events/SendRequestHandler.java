package com.ninebits.sms.events;

import com.ninebits.sms.adapters.logging.LogContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.adapters.json.SendRequestReader;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.Problem;
import com.ninebits.sms.domain.error.Problems;
import com.ninebits.sms.domain.telemetry.Telemetry;
import com.ninebits.sms.adapters.metrics.FlushesTelemetry;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import static com.ninebits.sms.adapters.logging.LogText.loggable;

/**
 * Accepts the batches producers put on the send-request queue, exactly as {@code POST /ng/v1/sendsms}
 * would. Each record ends one of three ways: accepted (or replayed); refused, and copied to the
 * dead-letter queue with the problem the API would have answered; or reported in
 * {@code batchItemFailures}, so that SQS delivers it again and, after the queue's
 * {@code maxReceiveCount}, its redrive policy moves it to the dead-letter queue. None is dropped.
 */
@FlushesTelemetry
@Named("send-requests")
public class SendRequestHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = Logger.getLogger(SendRequestHandler.class);

    private final BatchSubmission submission;
    private final SendRequestDeadLetters deadLetters;
    private final ObjectMapper json;
    private final Telemetry telemetry;
    private final SqsBatch batch = SqsBatch.sequential("send request");

    public SendRequestHandler(BatchSubmission submission, SendRequestDeadLetters deadLetters, ObjectMapper json,
                              Telemetry telemetry) {
        this.telemetry = telemetry;
        this.submission = submission;
        this.deadLetters = deadLetters;
        this.json = json;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        return batch.process(event, message -> {
            try (LogContext log = LogContext.of(requestId, null, null, null)) {
                return handle(message) ? SqsBatch.Result.DONE : SqsBatch.Result.HAND_BACK;
            }
        });
    }

    /** True when the record is finished with; false to have SQS deliver it again. */
    private boolean handle(SQSEvent.SQSMessage message) {
        SendRequestEnvelope envelope = SendRequestEnvelope.read(json, message.getBody(), message.getMessageId());
        if (envelope instanceof SendRequestEnvelope.Malformed malformed) {
            return refuse(message, malformed.accountId(), malformed.givenReference(),
                    Problems.malformedRequest(malformed.detail(), malformed.errors()));
        }
        SendRequestEnvelope.Readable request = (SendRequestEnvelope.Readable) envelope;
        LogContext.add(request.accountId(), reference(request), null);
        try {
            BatchSubmission.Accepted accepted = submission.submit(request.accountId(),
                    SendRequestReader.read(request.request()));
            Batch batch = accepted.batch();
            LOG.infof("send request message=%s account=%s reference=%s outcome=%s recipients=%d parts=%d scheduled=%b",
                    loggable(message.getMessageId()), batch.accountId(), batch.referenceId(),
                    accepted.replayed() ? "replayed" : "accepted", batch.recipients().size(), batch.parts(),
                    batch.scheduled());
            if (!accepted.replayed()) {
                telemetry.batchAccepted(batch.accountId(), "queue", batch.recipients().size(), batch.cost());
            }
            return true;
        } catch (DomainException e) {
            if (ProblemAttributes.retryable(e)) {
                LOG.warnf("send request message=%s account=%s reference=%s outcome=retry code=%s",
                        loggable(message.getMessageId()), loggable(request.accountId()),
                        loggable(reference(request)), e.code());
                return false;
            }
            return refuse(message, request.accountId(), request.givenReference(), ProblemAttributes.of(e));
        } catch (RuntimeException e) {
            // Most likely a store that is down. The use case leaves nothing behind that a redelivery cannot
            // finish or undo, so the record goes back to SQS.
            LOG.warnf(e, "send request message=%s account=%s reference=%s outcome=retry error=%s",
                    loggable(message.getMessageId()), loggable(request.accountId()), loggable(reference(request)),
                    e.getClass().getName());
            return false;
        }
    }

    private boolean refuse(SQSEvent.SQSMessage message, String accountId, String givenReference,
                           Problem problem) {
        try {
            deadLetters.send(message.getBody(),
                    ProblemAttributes.attributes(problem, givenReference, message.getBody(), json));
        } catch (RuntimeException e) {
            LOG.warnf(e, "send request message=%s account=%s reference=%s outcome=retry problem=%s"
                            + " reason=dead_letter_queue_refused",
                    loggable(message.getMessageId()), loggable(accountId), loggable(givenReference), problem.code());
            return false;
        }
        LOG.infof("send request message=%s account=%s reference=%s outcome=dead_lettered problem=%s status=%d",
                loggable(message.getMessageId()), loggable(accountId), loggable(givenReference), problem.code(),
                problem.status());
        return true;
    }

    private static String reference(SendRequestEnvelope.Readable request) {
        JsonNode reference = request.request().get("reference_id");
        return reference != null && reference.isTextual() ? reference.textValue() : null;
    }
}
