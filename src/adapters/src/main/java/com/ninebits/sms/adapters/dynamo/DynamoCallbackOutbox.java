package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.callback.CallbackTask;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Callback tasks that could not be put on the callback queue, kept until they can
 * ({@code CBOUTBOX / <time>#<uuid>} in the messages table, next to the moves they tell of). Only
 * written while SQS refuses; drained every minute by the scheduled function.
 */
@ApplicationScoped
public class DynamoCallbackOutbox {

    private static final int DRAIN_PER_RUN = 100;

    private final Table messages;
    private final Clock clock;

    public DynamoCallbackOutbox(Tables tables, Clock clock) {
        this.messages = tables.messages();
        this.clock = clock;
    }

    public void keep(List<CallbackTask> tasks) {
        for (CallbackTask task : tasks) {
            messages.put(OutboxItem.write(task, clock.instant()));
        }
    }

    /** Hands the oldest kept tasks to {@code send}, forgetting each once sent; returns how many were. */
    public int drain(Consumer<List<CallbackTask>> send) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(messages.query(b -> b
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Docs.s(Keys.CALLBACK_OUTBOX)))
                .consistentRead(true)
                .limit(DRAIN_PER_RUN)).items());
        for (Map<String, AttributeValue> item : items) {
            send.accept(List.of(OutboxItem.read(item)));
            messages.delete(OutboxItem.key(item));
        }
        return items.size();
    }
}
