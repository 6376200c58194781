package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.error.DomainException;

import java.time.Clock;
import java.time.Instant;
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
        MessageState.Status filter = statusFilter == null ? null : messageStatus("status", statusFilter);
        Batch batch = accepted(accountId, referenceId);
        List<String> all = batch.recipients();
        Summary summary = summarise(accountId, referenceId, all.size(), batch.sendAt(), batch.cancelled());
        Map<MessageState.Status, Integer> counts = summary.counts();
        // Without a filter only the page's records are read; with one, the records from the page on.
        int first = Math.max(0, fromIndex);
        Map<Integer, MessageState> known = messages.range(accountId, referenceId, first,
                filter == null ? Math.min(all.size(), first + size) : all.size());
        List<MessageState> page = new ArrayList<>(Math.min(size, all.size()));
        int i = first;
        for (; i < all.size() && page.size() < size; i++) {
            MessageState state = stateOf(batch, i, known.get(i));
            if (filter == null || state.status() == filter) {
                page.add(state);
            }
        }
        Integer next = null;
        if (i < all.size()) {
            next = i;
        }
        return new View(batch, summary.status(), counts, page, next);
    }

    /** The account's accepted batch under {@code referenceId}; not found for anything else (a claim, another account's). */
    public Batch accepted(String accountId, String referenceId) {
        if (!BatchSubmission.isValidReference(referenceId)) {
            // No batch was ever accepted under it: not worth a store call, and too long for its key.
            throw new DomainException.NotFound("batch");
        }
        return batches.find(accountId, referenceId)
                .filter(b -> b.state() == Batch.State.ACCEPTED)
                .orElseThrow(() -> new DomainException.NotFound("batch"));
    }

    /** The message at {@code index} as its record says, or queued while it has none (it has not left the queue). */
    public static MessageState stateOf(Batch batch, int index, MessageState recorded) {
        return recorded != null ? recorded : new MessageState(index, batch.recipients().get(index), MessageState.Status.QUEUED,
                batch.partsOf(index), null, null, batch.createdAt(), null);
    }

    /** A message status as a query names it ({@code delivered}); 400 naming {@code field} otherwise. */
    public static MessageState.Status messageStatus(String field, String text) {
        try {
            return MessageState.Status.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.Invalid.of(field, "invalid_status", field + " is not a message status");
        }
    }

    /** A batch's counts by message status (every status present) and the status they give it. */
    public record Summary(String status, Map<MessageState.Status, Integer> counts) {
    }

    /**
     * The counts and status of a batch of {@code total} recipients: the one home of both, for its
     * status page and for the list of batches.
     */
    public Summary summarise(String accountId, String referenceId, int total, Instant sendAt, boolean cancelled) {
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
        counts.put(MessageState.Status.QUEUED, total - recorded);
        return new Summary(batchStatus(total, sendAt, cancelled, counts), counts);
    }

    /** The batch statuses a customer may filter on, as {@link #batchStatus} names them. */
    public static final List<String> STATUSES = List.of("scheduled", "queued", "dispatching", "completed", "cancelled");

    private String batchStatus(int total, Instant sendAt, boolean cancelled, Map<MessageState.Status, Integer> counts) {
        // Cancelled once its customer asked: what was dispatched before goes on, and its counts say so.
        if (cancelled) {
            return "cancelled";
        }
        int done = counts.entrySet().stream().filter(e -> e.getKey().isFinal()).mapToInt(Map.Entry::getValue).sum();
        if (done == total) {
            return counts.get(MessageState.Status.CANCELLED) == total ? "cancelled" : "completed";
        }
        if (counts.get(MessageState.Status.QUEUED) == total) {
            return sendAt != null && sendAt.isAfter(clock.instant()) ? "scheduled" : "queued";
        }
        return "dispatching";
    }
}
