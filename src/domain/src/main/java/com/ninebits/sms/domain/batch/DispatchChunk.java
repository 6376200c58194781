package com.ninebits.sms.domain.batch;

import java.util.List;

/**
 * One dispatch-queue message: a run of a batch's recipients in {@code to} order, starting at
 * {@code firstIndex}. The token ties it to one acceptance of the batch.
 */
public record DispatchChunk(String accountId, String referenceId, String token, int firstIndex, List<String> recipients) {

    public static List<DispatchChunk> of(Batch batch, int chunkSize) {
        List<String> all = batch.recipients();
        int chunks = (all.size() + chunkSize - 1) / chunkSize;
        return java.util.stream.IntStream.range(0, chunks)
                .mapToObj(i -> new DispatchChunk(batch.accountId(), batch.referenceId(), batch.token(), i * chunkSize,
                        all.subList(i * chunkSize, Math.min(all.size(), (i + 1) * chunkSize))))
                .toList();
    }
}
