package com.ninebits.sms.adapters.sinch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.callback.CallbackBody;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-recipient callbacks; the per-batch ones (summary, full) are run end to end by SinchSdkTest. */
class SinchCallbackFormatTest {

    private static final String ACCOUNT = "acc-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, SinchBatch> stored = new HashMap<>();
    private final SinchBatches batches = new SinchBatches() {
        @Override
        public void save(SinchBatch batch) {
            stored.put(batch.batchId(), batch);
        }

        @Override
        public Optional<SinchBatch> find(String accountId, String batchId) {
            return Optional.ofNullable(stored.get(batchId)).filter(b -> b.accountId().equals(accountId));
        }
    };
    private final SinchCallbackFormat format = new SinchCallbackFormat(batches, null, null);

    private static StatusEvent event(String batchId, MessageState.Status status, String errorCode) {
        MessageState state = new MessageState(0, "2348020000000", status, 2, "smsc-9",
                Instant.parse("2026-03-01T09:59:58Z"), Instant.parse("2026-03-01T09:59:59.250Z"), errorCode);
        return StatusEvent.of(new MessageKey(ACCOUNT, batchId, 0), state, new Subscription(null));
    }

    private void created(String batchId, SinchReport report) {
        batches.save(new SinchBatch(ACCOUNT, batchId, report, "order-9", null));
    }

    @Test
    void aBatchSentThroughTheGatewaysOwnApiIsToldInItsOwnShape() {
        StatusEvent e = event("ref-native", MessageState.Status.DELIVERED, null);
        assertEquals(Optional.of(CallbackBody.json(e)), format.body(e));
    }

    @Test
    void perRecipientTellsEveryChangeInSinchsShape() throws Exception {
        created("B1", SinchReport.PER_RECIPIENT);

        JsonNode dispatched = JSON.readTree(format.body(event("B1", MessageState.Status.DISPATCHED, null)).orElseThrow());
        JsonNode delivered = JSON.readTree(format.body(event("B1", MessageState.Status.DELIVERED, null)).orElseThrow());

        assertEquals("recipient_delivery_report_sms", delivered.get("type").asText());
        assertEquals("B1", delivered.get("batch_id").asText());
        assertEquals("2348020000000", delivered.get("recipient").asText());
        assertEquals("Delivered", delivered.get("status").asText());
        assertEquals(0, delivered.get("code").asInt());
        assertEquals("2026-03-01T09:59:59.250Z", delivered.get("at").asText());
        assertEquals("2026-03-01T09:59:58.000Z", delivered.get("operator_status_at").asText());
        assertEquals("order-9", delivered.get("client_reference").asText());
        assertEquals(2, delivered.get("number_of_message_parts").asInt());
        assertEquals("Dispatched", dispatched.get("status").asText());
        assertEquals(401, dispatched.get("code").asInt());
    }

    @Test
    void perRecipientFinalTellsOnlyFinalStatusesAndNoneTellsNothing() throws Exception {
        created("B2", SinchReport.PER_RECIPIENT_FINAL);
        created("B3", SinchReport.NONE);

        assertFalse(format.body(event("B2", MessageState.Status.DISPATCHED, null)).isPresent());
        // Unknown is not final here: a later report still moves it.
        assertFalse(format.body(event("B2", MessageState.Status.UNKNOWN, null)).isPresent());
        JsonNode aborted = JSON.readTree(format.body(event("B2", MessageState.Status.FAILED, "smsc_unavailable")).orElseThrow());
        assertEquals("Aborted", aborted.get("status").asText());
        assertEquals(403, aborted.get("code").asInt());
        assertTrue(format.body(event("B2", MessageState.Status.EXPIRED, "expired")).isPresent());
        assertFalse(format.body(event("B3", MessageState.Status.DELIVERED, null)).isPresent());
    }

    @Test
    void perBatchReportsOweNothingForAMessageNotYetFinal() {
        created("B4", SinchReport.SUMMARY);
        assertFalse(format.body(event("B4", MessageState.Status.DISPATCHED, null)).isPresent());
    }
}
