package com.ninebits.sms.domain.batch;

import java.util.List;

/**
 * One dispatch-queue message: a run of a batch's recipients in {@code to} order, starting at
 * {@code firstIndex}. The token ties it to one acceptance of the batch. {@code wholeBatchQueued}
 * says that this message reached the queue only after every other chunk of its batch had (it went
 * in the batch's last queue call): a dispatcher holding it knows the hand-over is complete, so it
 * may finish an acceptance it finds still PENDING instead of waiting for it.
 */
public record DispatchChunk(String accountId, String referenceId, String token, int firstIndex, List<String> recipients,
                            boolean wholeBatchQueued) {

    /** A chunk not known to complete its batch's hand-over. */
    public DispatchChunk(String accountId, String referenceId, String token, int firstIndex, List<String> recipients) {
        this(accountId, referenceId, token, firstIndex, recipients, false);
    }

    public static List<DispatchChunk> of(Batch batch, int chunkSize) {
        List<String> all = batch.recipients();
        int chunks = (all.size() + chunkSize - 1) / chunkSize;
        return java.util.stream.IntStream.range(0, chunks)
                .mapToObj(i -> new DispatchChunk(batch.accountId(), batch.referenceId(), batch.token(), i * chunkSize,
                        all.subList(i * chunkSize, Math.min(all.size(), (i + 1) * chunkSize))))
                .toList();
    }

    /** This chunk, as sent in the batch's last queue call. */
    public DispatchChunk completingTheBatch() {
        return new DispatchChunk(accountId, referenceId, token, firstIndex, recipients, true);
    }
}
