package com.ninebits.sms.adapters.sinch;

import com.ninebits.sms.domain.batch.BatchListing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sinch's numbered pages of {@code GET /batches} over {@link BatchListing}'s page tokens: the
 * listing is walked from its start (newest first) and the matches counted, so that {@code count} is
 * the total Sinch's SDKs page up to. The walk is bounded: at most {@link #MAX_WALKED} batches are
 * read, so {@code count} counts the matches among the newest {@code MAX_WALKED} (and a page past
 * them is empty). Sinch's filters that the listing lacks (several senders, {@code client_reference})
 * are applied to each batch walked; the others are the listing's own.
 */
public final class SinchBatchPages {

    /** The most batches one request reads from the listing. */
    public static final int MAX_WALKED = 1000;

    private final BatchListing listing;
    private final SinchBatches sinch;

    public SinchBatchPages(BatchListing listing, SinchBatches sinch) {
        this.listing = listing;
        this.sinch = sinch;
    }

    /** {@code senders}: empty for any; {@code clientReference}: null for any; the dates as the customer gave them. */
    public record Query(int page, int pageSize, Set<String> senders, String startDate, String endDate,
                        String clientReference) {
    }

    /** {@code count}: the matches walked (all of them, unless more than {@link #MAX_WALKED} batches were). */
    public record Page(int count, List<BatchListing.Listed> batches) {
    }

    public Page page(String accountId, Query q) {
        // One sender is the listing's own filter; several are Sinch's alone and checked here.
        String from = q.senders().size() == 1 ? q.senders().iterator().next() : null;
        long first = (long) q.page() * q.pageSize();
        List<BatchListing.Listed> out = new ArrayList<>();
        int matched = 0;
        int walked = 0;
        String token = null;
        do {
            int size = Math.min(BatchListing.MAX_PAGE_SIZE, MAX_WALKED - walked);
            BatchListing.Page read = listing.list(accountId,
                    new BatchListing.Query(size, token, null, from, q.startDate(), q.endDate()));
            for (BatchListing.Listed l : read.batches()) {
                if (matches(accountId, l, q)) {
                    if (matched >= first && out.size() < q.pageSize()) {
                        out.add(l);
                    }
                    matched++;
                }
            }
            walked += read.batches().size();
            token = read.nextPageToken();
        } while (token != null && walked < MAX_WALKED);
        return new Page(matched, out);
    }

    private boolean matches(String accountId, BatchListing.Listed l, Query q) {
        if (!q.senders().isEmpty() && !q.senders().contains(l.batch().from())) {
            return false;
        }
        return q.clientReference() == null || sinch.find(accountId, l.batch().referenceId())
                .map(b -> q.clientReference().equals(b.clientReference())).orElse(false);
    }
}
