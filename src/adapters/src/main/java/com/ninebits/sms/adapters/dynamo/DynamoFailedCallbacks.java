package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.adapters.callback.StatusEventJson;
import com.ninebits.sms.domain.callback.FailedCallbacks;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Failed callbacks, kept with the account ({@code ACC#id / CBFAIL#event_id}) until re-sent, or
 * for {@link #KEPT} (DynamoDB's TTL removes them then).
 */
@ApplicationScoped
public class DynamoFailedCallbacks implements FailedCallbacks {

    private static final String PREFIX = "CBFAIL#";
    static final java.time.Duration KEPT = java.time.Duration.ofDays(30);

    private final Tables tables;

    public DynamoFailedCallbacks(Tables tables) {
        this.tables = tables;
    }

    private static Map<String, AttributeValue> key(String accountId, String eventId) {
        return Map.of(Tables.PK, Docs.s("ACC#" + accountId), Tables.SK, Docs.s(PREFIX + eventId));
    }

    @Override
    public void keep(Failed failed) {
        Map<String, AttributeValue> item = new HashMap<>(key(failed.event().accountId(), failed.event().eventId()));
        item.put("event", Docs.s(StatusEventJson.write(failed.event())));
        item.put("attempts", Docs.n(failed.attempts()));
        item.put("last_error", Docs.s(failed.lastError()));
        item.put("failed_at", Docs.s(failed.failedAt().toString()));
        item.put("expires_at_epoch", Docs.n(failed.failedAt().plus(KEPT).getEpochSecond()));
        tables.client().putItem(b -> b.tableName(tables.names().accounts()).item(item));
    }

    @Override
    public Page list(String accountId, String after, int limit) {
        Map<String, AttributeValue> start = after == null ? null : key(accountId, after);
        QueryResponse response = tables.client().query(b -> b.tableName(tables.names().accounts())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Docs.s("ACC#" + accountId), ":prefix", Docs.s(PREFIX)))
                .exclusiveStartKey(start)
                .limit(limit));
        List<Failed> items = response.items().stream().map(DynamoFailedCallbacks::failed).toList();
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() && !items.isEmpty();
        return new Page(items, more ? items.get(items.size() - 1).event().eventId() : null);
    }

    @Override
    public Optional<Failed> find(String accountId, String eventId) {
        Map<String, AttributeValue> item = tables.client().getItem(b -> b.tableName(tables.names().accounts())
                .key(key(accountId, eventId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(failed(item));
    }

    @Override
    public void remove(String accountId, String eventId) {
        tables.client().deleteItem(b -> b.tableName(tables.names().accounts()).key(key(accountId, eventId)));
    }

    private static Failed failed(Map<String, AttributeValue> item) {
        return new Failed(StatusEventJson.readEvent(item.get("event").s()), Integer.parseInt(item.get("attempts").n()),
                item.get("last_error").s(), Instant.parse(item.get("failed_at").s()));
    }
}
