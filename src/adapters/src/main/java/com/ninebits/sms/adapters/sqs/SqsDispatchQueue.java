package com.ninebits.sms.adapters.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.adapters.config.QueueConfig;
import com.ninebits.sms.adapters.config.SendConfig;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.batch.DispatchQueue;
import com.ninebits.sms.domain.dispatch.CancellationQueue;
import com.ninebits.sms.domain.dispatch.DispatchRequeue;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The FIFO dispatch queue. The message group is the account, so an account's chunks leave in
 * acceptance order whichever dispatcher takes them, while other accounts' groups go on in
 * parallel. Deduplication ids are derived from the acceptance token and chunk, so a retried send
 * of the same chunk is dropped by SQS. The dispatcher's side of the queue (reading, handing
 * back, dead-lettering) is here too, beside the wire format it reads.
 */
@ApplicationScoped
public class SqsDispatchQueue implements DispatchQueue, DispatchInbox, CancellationQueue, DispatchRequeue {

    private static final Logger LOG = Logger.getLogger(SqsDispatchQueue.class);

    /** SendMessageBatch takes 10 entries and 256 KiB; chunks are sized well under that. */
    private static final int ENTRIES_PER_CALL = 10;
    private static final int MAX_CALL_BYTES = 240 * 1024;

    private final SqsClient sqs;
    private final QueueConfig queues;
    private final SendConfig config;
    private final ObjectMapper json = new ObjectMapper();

    public SqsDispatchQueue(SqsClient sqs, QueueConfig queues, SendConfig config) {
        this.sqs = sqs;
        this.queues = queues;
        this.config = config;
    }

    /**
     * The chunks go in calls of up to ten, in order, each call only once the one before succeeded:
     * the chunks of the last call are marked as completing the batch, since once any of them is in
     * the queue every chunk is.
     */
    @Override
    public void enqueue(Batch batch) {
        List<List<DispatchChunk>> calls = calls(DispatchChunk.of(batch, config.chunk()));
        int id = 0;
        for (int c = 0; c < calls.size(); c++) {
            boolean last = c == calls.size() - 1;
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(ENTRIES_PER_CALL);
            for (DispatchChunk chunk : calls.get(c)) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(id++))
                        .messageBody(write(last ? chunk.completingTheBatch() : chunk))
                        .messageGroupId(batch.accountId())
                        .messageDeduplicationId(batch.token() + "-" + chunk.firstIndex())
                        .build());
            }
            send(entries);
        }
    }

    /**
     * The batch's chunks from index {@code from} on, in a message group of the batch's own (not the
     * account's), so that they are not held behind the account's sends: the dispatcher finds the
     * batch cancelled and cancels them. The deduplication ids are not those of the sends, which
     * SQS would take for copies.
     */
    @Override
    public void enqueueCancellation(Batch batch, int from) {
        List<DispatchChunk> rest = new ArrayList<>();
        List<String> all = batch.recipients();
        for (int first = from; first < all.size(); first += config.chunk()) {
            rest.add(new DispatchChunk(batch.accountId(), batch.referenceId(), batch.token(), first,
                    all.subList(first, Math.min(all.size(), first + config.chunk()))));
        }
        int id = 0;
        for (List<DispatchChunk> call : calls(rest)) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(ENTRIES_PER_CALL);
            for (DispatchChunk chunk : call) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(id++))
                        .messageBody(write(chunk))
                        .messageGroupId(cancellationGroup(batch))
                        .messageDeduplicationId("cancel-" + batch.token() + "-" + chunk.firstIndex())
                        .build());
            }
            send(entries);
        }
    }

    /**
     * Held messages back on their accounts' queues, in calls of up to ten, in order. The
     * deduplication id names the release (the chunk and when it was due), so that a release
     * repeated after a crash is dropped while a message held a second time goes again.
     */
    @Override
    public void requeue(List<Released> released) {
        List<DispatchChunk> chunks = released.stream().map(Released::chunk).toList();
        int id = 0;
        for (List<DispatchChunk> call : calls(chunks)) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(ENTRIES_PER_CALL);
            for (DispatchChunk chunk : call) {
                Released r = released.get(id);
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(id++))
                        .messageBody(write(chunk))
                        .messageGroupId(chunk.accountId())
                        .messageDeduplicationId(chunk.token() + "-" + chunk.firstIndex() + "-held-" + r.due().getEpochSecond())
                        .build());
            }
            send(entries);
        }
    }

    /** The batch's own message group; SQS takes at most 128 characters, which two ids of 64 could pass. */
    static String cancellationGroup(Batch batch) {
        String group = batch.accountId() + "-" + batch.referenceId();
        return group.length() <= 128 ? group
                : batch.accountId() + "-" + Integer.toHexString(batch.referenceId().hashCode()) + "-" + batch.token();
    }

    /** Chunks grouped into SendMessageBatch calls by count and size (measured unmarked, the longer form). */
    private List<List<DispatchChunk>> calls(List<DispatchChunk> chunks) {
        List<List<DispatchChunk>> calls = new ArrayList<>();
        List<DispatchChunk> call = new ArrayList<>(ENTRIES_PER_CALL);
        int callBytes = 0;
        for (DispatchChunk chunk : chunks) {
            int bytes = write(chunk).length();
            if (call.size() == ENTRIES_PER_CALL || (!call.isEmpty() && callBytes + bytes > MAX_CALL_BYTES)) {
                calls.add(call);
                call = new ArrayList<>(ENTRIES_PER_CALL);
                callBytes = 0;
            }
            call.add(chunk);
            callBytes += bytes;
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }

    private void send(List<SendMessageBatchRequestEntry> entries) {
        SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queues.dispatch()).entries(entries));
        if (response.hasFailed() && !response.failed().isEmpty()) {
            throw new IllegalStateException("SQS refused " + response.failed().size() + " dispatch messages: "
                    + response.failed().get(0).code());
        }
    }

    private String write(DispatchChunk chunk) {
        try {
            return json.writeValueAsString(new Wire(chunk.accountId(), chunk.referenceId(), chunk.token(),
                    chunk.firstIndex(), chunk.recipients(), chunk.wholeBatchQueued()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public DispatchChunk read(String body) {
        try {
            Wire w = json.readValue(body, Wire.class);
            if (w == null || w.account_id == null || w.reference_id == null || w.token == null || w.recipients == null
                    || w.recipients.contains(null)) {
                // Unreadable however often it is offered: put aside at once, not handed back until the redrive.
                throw new IllegalArgumentException("a dispatch message without its batch or recipients");
            }
            return new DispatchChunk(w.account_id, w.reference_id, w.token, w.first_index, w.recipients, w.whole_batch_queued);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a dispatch message", e);
        }
    }

    @Override
    public void handBack(String messageId, String receiptHandle, Duration after) {
        int seconds = (int) Math.max(0, Math.min(43_200, (after.toMillis() + 999) / 1000));
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queues.dispatch()).receiptHandle(receiptHandle)
                    .visibilityTimeout(seconds));
        } catch (RuntimeException e) {
            LOG.warnf("could not shorten the wait of dispatch message=%s: %s", messageId, e.getMessage());
        }
    }

    @Override
    public void deadLetter(String messageId, String groupId, String body, String problem) {
        String url = queues.dispatchdlq().orElseThrow(() -> new IllegalStateException(
                "sms.queue.dispatchdlq (env SMS_QUEUE_DISPATCHDLQ) is not set"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body)
                .messageGroupId(groupId == null || groupId.isEmpty() ? "unreadable" : groupId)
                .messageDeduplicationId(messageId)
                .messageAttributes(Map.of("problem", MessageAttributeValue.builder().dataType("String")
                        .stringValue(problem).build())));
    }

    /** The message on the wire; public fields keep Jackson from needing reflection config beyond this class. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public static final class Wire {
        public String account_id;
        public String reference_id;
        public String token;
        public int first_index;
        public List<String> recipients;
        /** Absent (false) in messages written before it existed, and in those of earlier calls of a batch. */
        public boolean whole_batch_queued;

        public Wire() {
        }

        Wire(String accountId, String referenceId, String token, int firstIndex, List<String> recipients,
             boolean wholeBatchQueued) {
            this.account_id = accountId;
            this.reference_id = referenceId;
            this.token = token;
            this.first_index = firstIndex;
            this.recipients = recipients;
            this.whole_batch_queued = wholeBatchQueued;
        }
    }
}
