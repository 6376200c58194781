package com.ninebits.sms.adapters.sinch;

import java.util.Optional;

/** The Sinch options of batches created through {@code /xms}. */
public interface SinchBatches {

    /** Written before the batch is submitted, so that no callback of it can be told in the wrong shape. */
    void save(SinchBatch batch);

    /** Empty for a batch sent through {@code /ng/v1} (or none at all). */
    Optional<SinchBatch> find(String accountId, String batchId);
}
