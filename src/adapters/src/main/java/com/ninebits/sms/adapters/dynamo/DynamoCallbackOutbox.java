package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.adapters.callback.StatusEventJson;
import com.ninebits.sms.domain.callback.CallbackTask;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Callback tasks that could not be put on the callback queue, kept until they can
 * ({@code CBOUTBOX / <time>#<uuid>} in the messages table, next to the moves they tell of). Only
 * written while SQS refuses; drained every minute by the scheduled function.
 */
@ApplicationScoped
public class DynamoCallbackOutbox {

    private static final String PK = "CBOUTBOX";
    private static final int DRAIN_PER_RUN = 100;

    private final Tables tables;
    private final Clock clock;

    public DynamoCallbackOutbox(Tables tables, Clock clock) {
        this.tables = tables;
        this.clock = clock;
    }

    public void keep(List<CallbackTask> tasks) {
        for (CallbackTask task : tasks) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(Tables.PK, Docs.s(PK));
            item.put(Tables.SK, Docs.s(clock.instant() + "#" + UUID.randomUUID()));
            item.put("task", Docs.s(StatusEventJson.write(task)));
            tables.client().putItem(b -> b.tableName(tables.names().messages()).item(item));
        }
    }

    /** Hands the oldest kept tasks to {@code send}, forgetting each once sent; returns how many were. */
    public int drain(Consumer<List<CallbackTask>> send) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(tables.client().query(b -> b
                .tableName(tables.names().messages())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Docs.s(PK)))
                .consistentRead(true)
                .limit(DRAIN_PER_RUN)).items());
        for (Map<String, AttributeValue> item : items) {
            send.accept(List.of(StatusEventJson.readTask(item.get("task").s())));
            tables.client().deleteItem(b -> b.tableName(tables.names().messages())
                    .key(Map.of(Tables.PK, item.get(Tables.PK), Tables.SK, item.get(Tables.SK))));
        }
        return items.size();
    }
}
