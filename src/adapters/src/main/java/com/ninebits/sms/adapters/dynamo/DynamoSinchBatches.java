package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.adapters.sinch.SinchBatch;
import com.ninebits.sms.adapters.sinch.SinchBatches;
import com.ninebits.sms.adapters.sinch.SinchReport;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

/**
 * The Sinch options of a batch ({@code ACC#id / XMS#reference}, batches table): an item of its
 * own beside the batch, so that the batch item and its readers stay as they are.
 */
@ApplicationScoped
public class DynamoSinchBatches implements SinchBatches {

    private final Table batches;

    public DynamoSinchBatches(Tables tables) {
        this.batches = tables.batches();
    }

    @Override
    public void save(SinchBatch batch) {
        Item item = Item.at(Keys.sinchBatch(batch.accountId(), batch.batchId()))
                .put("delivery_report", batch.deliveryReport().wire())
                .putIfPresent("client_reference", batch.clientReference());
        if (batch.maxParts() != null) {
            item.put("max_parts", batch.maxParts());
        }
        batches.put(item);
    }

    @Override
    public Optional<SinchBatch> find(String accountId, String batchId) {
        // Consistent: the dispatcher's first callback may follow the acceptance within milliseconds.
        return batches.getConsistent(Keys.sinchBatch(accountId, batchId)).map(item -> read(accountId, batchId, item));
    }

    private static SinchBatch read(String accountId, String batchId, Map<String, AttributeValue> item) {
        SinchReport report = SinchReport.parse(Item.string(item, "delivery_report")).orElse(SinchReport.NONE);
        return new SinchBatch(accountId, batchId, report, Item.string(item, "client_reference"),
                item.containsKey("max_parts") ? Item.integer(item, "max_parts") : null);
    }
}
