package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.adapters.callback.StatusEventJson;
import com.ninebits.sms.domain.callback.CallbackTask;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/** A callback task kept while the callback queue refuses it ({@code CBOUTBOX / time#uuid}, messages table). */
final class OutboxItem {

    private OutboxItem() {
    }

    static Item write(CallbackTask task, Instant keptAt) {
        return Item.at(Keys.outboxTask(keptAt))
                .put("task", StatusEventJson.write(task));
    }

    static CallbackTask read(Map<String, AttributeValue> item) {
        return StatusEventJson.readTask(Item.string(item, "task"));
    }

    static Keys.Key key(Map<String, AttributeValue> item) {
        return new Keys.Key(Item.string(item, Keys.PK), Item.string(item, Keys.SK));
    }
}
