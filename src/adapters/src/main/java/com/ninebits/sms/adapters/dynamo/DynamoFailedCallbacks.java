package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.callback.FailedCallbacks;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Failed callbacks, kept with the account ({@code ACC#id / CBFAIL#event_id}) until re-sent, or
 * for {@link FailedCallbackItem#KEPT} (DynamoDB's TTL removes them then).
 */
@ApplicationScoped
public class DynamoFailedCallbacks implements FailedCallbacks {

    private final Table accounts;

    public DynamoFailedCallbacks(Tables tables) {
        this.accounts = tables.accounts();
    }

    @Override
    public void keep(Failed failed) {
        accounts.put(FailedCallbackItem.write(failed));
    }

    @Override
    public Page list(String accountId, String after, int limit) {
        Map<String, AttributeValue> start = after == null ? null : Keys.failedCallback(accountId, after).attributes();
        QueryResponse response = accounts.query(b -> b
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Docs.s(Keys.account(accountId)), ":prefix", Docs.s(Keys.FAILED_CALLBACK)))
                .exclusiveStartKey(start)
                .limit(limit));
        List<Failed> items = response.items().stream().map(FailedCallbackItem::read).toList();
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() && !items.isEmpty();
        return new Page(items, more ? items.get(items.size() - 1).event().eventId() : null);
    }

    @Override
    public Optional<Failed> find(String accountId, String eventId) {
        return accounts.getConsistent(Keys.failedCallback(accountId, eventId)).map(FailedCallbackItem::read);
    }

    @Override
    public void remove(String accountId, String eventId) {
        accounts.delete(Keys.failedCallback(accountId, eventId));
    }
}
