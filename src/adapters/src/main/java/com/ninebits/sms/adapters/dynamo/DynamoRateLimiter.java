package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.dispatch.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A one-second window per account ({@code RATE#id / RATE}) shared by every dispatcher: a new
 * second resets the count, and parts are added only while the count stays within the rate. Both
 * are single conditional updates, so concurrent dispatchers never take more than the rate.
 */
@ApplicationScoped
public class DynamoRateLimiter implements RateLimiter {

    private final Tables tables;
    private final Clock clock;

    public DynamoRateLimiter(Tables tables, Clock clock) {
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public Duration acquire(String accountId, int ratePerSecond, int parts) {
        long millis = clock.millis();
        long second = millis / 1000;
        if (parts > ratePerSecond) {
            throw new IllegalArgumentException("ask for at most the rate at once");
        }
        Map<String, AttributeValue> key = Map.of(Tables.PK, Docs.s("RATE#" + accountId), Tables.SK, Docs.s("RATE"));
        try {
            tables.client().updateItem(b -> b.tableName(tables.names().accounts()).key(key)
                    .updateExpression("SET #window = :second, used = :parts")
                    .conditionExpression("attribute_not_exists(pk) OR #window < :second")
                    .expressionAttributeNames(Map.of("#window", "window"))
                    .expressionAttributeValues(Map.of(":second", Docs.n(second), ":parts", Docs.n(parts))));
            return Duration.ZERO;
        } catch (ConditionalCheckFailedException newWindowTaken) {
            try {
                tables.client().updateItem(b -> b.tableName(tables.names().accounts()).key(key)
                        .updateExpression("SET used = used + :parts")
                        .conditionExpression("#window = :second AND used <= :limit")
                        .expressionAttributeNames(Map.of("#window", "window"))
                        .expressionAttributeValues(Map.of(":second", Docs.n(second), ":parts", Docs.n(parts),
                                ":limit", Docs.n((long) ratePerSecond - parts))));
                return Duration.ZERO;
            } catch (ConditionalCheckFailedException full) {
                return Duration.ofMillis(Math.max(1, 1000 - millis % 1000));
            }
        }
    }
}
