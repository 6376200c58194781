package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.adapters.sinch.SinchBatch;
import com.ninebits.sms.adapters.sinch.SinchReport;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DynamoSinchBatchesTest {

    private final DynamoSinchBatches store = new DynamoSinchBatches(LocalTables.tables());
    private final String account = LocalTables.unique("acc");

    @Test
    void aBatchsSinchOptionsAreReadBackUnderItsIdAndAccount() {
        SinchBatch full = new SinchBatch(account, "01JD3V6Q9ZK4B7M2X8N5P0RS1T", SinchReport.PER_RECIPIENT_FINAL, "order-1", 3);
        SinchBatch bare = new SinchBatch(account, "01JD3V6Q9ZK4B7M2X8N5P0RS1V", SinchReport.NONE, null, null);
        store.save(full);
        store.save(bare);

        assertEquals(Optional.of(full), store.find(account, full.batchId()));
        assertEquals(Optional.of(bare), store.find(account, bare.batchId()));
        assertEquals(Optional.empty(), store.find(LocalTables.unique("acc"), full.batchId()));
        assertEquals(Optional.empty(), store.find(account, "01JD3V6Q9ZK4B7M2X8N5P0RS1W"));
    }
}
