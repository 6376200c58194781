package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.error.DomainException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The status of a batch as the customer reads it: counts, and recipients a page at a time. */
public final class BatchReport {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    private final BatchStore batches;
    private final MessageStore messages;
    private final Clock clock;

    public BatchReport(BatchStore batches, MessageStore messages, Clock clock) {
        this.batches = batches;
        this.messages = messages;
        this.clock = clock;
    }

    public record View(Batch batch, String status, Map<MessageState.Status, Integer> counts,
                       List<MessageState> recipients, Integer nextIndex) {
    }

    public View read(String accountId, String referenceId, Integer pageSize, int fromIndex, String statusFilter) {
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw DomainException.Invalid.of("page_size", "out_of_range", "page_size must be 1 to " + MAX_PAGE_SIZE);
        }
        MessageState.Status filter = null;
        if (statusFilter != null) {
            try {
                filter = MessageState.Status.valueOf(statusFilter.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw DomainException.Invalid.of("status", "invalid_status", "status is not a message status");
            }
        }
        if (!BatchSubmission.isValidReference(referenceId)) {
            // No batch was ever accepted under it: not worth a store call, and too long for its key.
            throw new DomainException.NotFound("batch");
        }
        Batch batch = batches.find(accountId, referenceId)
                .filter(b -> b.state() == Batch.State.ACCEPTED)
                .orElseThrow(() -> new DomainException.NotFound("batch"));
        List<String> all = batch.recipients();
        Map<MessageState.Status, Integer> counts = new EnumMap<>(MessageState.Status.class);
        for (MessageState.Status s : MessageState.Status.values()) {
            counts.put(s, 0);
        }
        // Messages without a record have not left the queue yet: they count as queued.
        int recorded = 0;
        for (Map.Entry<MessageState.Status, Integer> c : messages.counts(accountId, referenceId).entrySet()) {
            if (c.getKey() != MessageState.Status.QUEUED) {
                counts.put(c.getKey(), c.getValue());
                recorded += c.getValue();
            }
        }
        counts.put(MessageState.Status.QUEUED, all.size() - recorded);
        // Without a filter only the page's records are read; with one, the records from the page on.
        int first = Math.max(0, fromIndex);
        Map<Integer, MessageState> known = messages.range(accountId, referenceId, first,
                filter == null ? Math.min(all.size(), first + size) : all.size());
        List<MessageState> page = new ArrayList<>(Math.min(size, all.size()));
        int i = first;
        for (; i < all.size() && page.size() < size; i++) {
            MessageState state = known.get(i);
            if (state == null) {
                state = new MessageState(i, all.get(i), MessageState.Status.QUEUED, batch.partsOf(i), null, null,
                        batch.createdAt(), null);
            }
            if (filter == null || state.status() == filter) {
                page.add(state);
            }
        }
        Integer next = null;
        if (i < all.size()) {
            next = i;
        }
        return new View(batch, batchStatus(batch, counts), counts, page, next);
    }

    private String batchStatus(Batch batch, Map<MessageState.Status, Integer> counts) {
        int total = batch.recipients().size();
        int done = counts.entrySet().stream().filter(e -> e.getKey().isFinal()).mapToInt(Map.Entry::getValue).sum();
        if (done == total) {
            return counts.get(MessageState.Status.CANCELLED) == total ? "cancelled" : "completed";
        }
        if (counts.get(MessageState.Status.QUEUED) == total) {
            return batch.sendAt() != null && batch.sendAt().isAfter(clock.instant()) ? "scheduled" : "queued";
        }
        return "dispatching";
    }
}
