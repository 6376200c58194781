package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.error.Validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.ninebits.sms.domain.message.MessageState;

/**
 * {@code GET /ng/v1/sendsms}: an account's accepted batches, newest first, a page at a time, each
 * with its counts and status (from {@link BatchReport#summarise}, as its status page has them).
 * A page reads {@code page_size} batches of the index; a {@code status} filter is applied to them
 * (a batch's status follows from its messages, which the index does not hold), so a filtered page
 * may hold fewer, and the next token goes on from the last batch read.
 */
public final class BatchListing {

    public static final int DEFAULT_PAGE_SIZE = 30;
    public static final int MAX_PAGE_SIZE = 100;

    private final BatchStore batches;
    private final BatchReport report;

    public BatchListing(BatchStore batches, BatchReport report) {
        this.batches = batches;
        this.report = report;
    }

    /** The query as the customer gave it, still text where it may be wrong. */
    public record Query(int pageSize, String pageToken, String status, String from, String createdAfter,
                        String createdBefore) {
    }

    /** A listed batch with its counts and status. */
    public record Listed(BatchStore.Listed batch, String status, Map<MessageState.Status, Integer> counts) {
    }

    /** {@code nextPageToken}: where the next page starts, as text for the edge to wrap; null at the end. */
    public record Page(List<Listed> batches, String nextPageToken) {
    }

    public Page list(String accountId, Query query) {
        Validation v = new Validation();
        if (query.pageSize() < 1 || query.pageSize() > MAX_PAGE_SIZE) {
            v.add("page_size", "out_of_range", "page_size must be 1 to " + MAX_PAGE_SIZE);
        }
        String status = query.status() == null ? null : query.status().strip().toLowerCase(Locale.ROOT);
        if (status != null && !BatchReport.STATUSES.contains(status)) {
            v.add("status", "invalid_status", "status must be one of " + String.join(", ", BatchReport.STATUSES));
        }
        if (query.from() != null && (query.from().isBlank() || query.from().length() > 15)) {
            v.add("from", "invalid_sender", "from must be a sender ID of 1 to 15 characters");
        }
        Instant after = instant(v, "created_after", query.createdAfter());
        Instant before = instant(v, "created_before", query.createdBefore());
        if (after != null && before != null && !after.isBefore(before)) {
            v.add("created_before", "out_of_range", "created_before must be later than created_after");
        }
        Optional<BatchStore.Position> position = position(v, accountId, query.pageToken());
        v.throwIfInvalid();
        BatchStore.Page page = batches.listAccepted(new BatchStore.Listing(accountId, after, before,
                query.from() == null ? null : query.from().strip(), query.pageSize(), position.orElse(null)));
        List<Listed> out = new ArrayList<>(page.batches().size());
        for (BatchStore.Listed b : page.batches()) {
            BatchReport.Summary summary = report.summarise(accountId, b.referenceId(), b.recipientsTotal(), b.sendAt(),
                    b.cancelledAt() != null);
            if (status == null || status.equals(summary.status())) {
                out.add(new Listed(b, summary.status(), summary.counts()));
            }
        }
        return new Page(out, page.next().map(p -> token(accountId, p)).orElse(null));
    }

    /**
     * A page token names the account it was given to, so that one of another account (or one
     * altered) is refused rather than read as a position: {@code account:epoch-millis:reference}.
     */
    static String token(String accountId, BatchStore.Position position) {
        return accountId + ":" + position.createdAt().toEpochMilli() + ":" + position.referenceId();
    }

    private static Optional<BatchStore.Position> position(Validation v, String accountId, String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split(":", 3);
        if (parts.length == 3 && parts[0].equals(accountId) && parts[1].matches("\\d{1,15}")
                && BatchSubmission.isValidReference(parts[2])) {
            return Optional.of(new BatchStore.Position(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]));
        }
        v.add("page_token", "invalid_page_token", "page_token is not one this API gave out for this account");
        return Optional.empty();
    }

    private static Instant instant(Validation v, String field, String text) {
        if (text == null) {
            return null;
        }
        Optional<Instant> parsed = Timestamps.parse(text);
        if (parsed.isEmpty()) {
            v.add(field, "invalid_timestamp", field + " must be ISO-8601 with an offset, or yyyy-MM-dd HH:mm:ss (UTC)");
            return null;
        }
        return parsed.get();
    }
}
