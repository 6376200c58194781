package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.dispatch.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An account's pace ({@code RATE#id / RATE}): {@code booked_until_us}, the instant (epoch
 * microseconds) where what dispatchers booked ends. A booking is one conditional update: it moves
 * that instant on from itself while it lies ahead (no further than the caller would start), or
 * from now once it has passed, so concurrent dispatchers always get runs of their own.
 */
@ApplicationScoped
public class DynamoRateLimiter implements RateLimiter {

    private final Tables tables;
    /**
     * Where each account's bookings ended when this instance last booked: the update likelier to
     * succeed is tried first, since a refused conditional write costs a write too.
     */
    private final Map<String, Long> lastSeenUntil = new ConcurrentHashMap<>();

    public DynamoRateLimiter(Tables tables) {
        this.tables = tables;
    }

    @Override
    public Booking book(String accountId, Duration length, Instant now, Instant latestStart) {
        Map<String, AttributeValue> key = Map.of(Tables.PK, Docs.s("RATE#" + accountId), Tables.SK, Docs.s("RATE"));
        long nowUs = micros(now);
        long lengthUs = Math.max(1, length.toNanos() / 1_000);
        boolean likelyAhead = lastSeenUntil.getOrDefault(accountId, 0L) > nowUs;
        Long from = likelyAhead ? afterBookings(key, nowUs, lengthUs, micros(latestStart)) : null;
        if (from == null) {
            from = fromNow(key, nowUs, lengthUs);
        }
        if (from == null && !likelyAhead) {
            from = afterBookings(key, nowUs, lengthUs, micros(latestStart));
        }
        if (from != null) {
            lastSeenUntil.put(accountId, from + lengthUs);
            return new Booked(instant(from));
        }
        return new Full(instant(bookedUntil(key)));
    }

    /** Books from where the bookings end, if that is ahead of now and no later than {@code latestUs}; null if not. */
    private Long afterBookings(Map<String, AttributeValue> key, long nowUs, long lengthUs, long latestUs) {
        try {
            Map<String, AttributeValue> old = tables.client().updateItem(b -> b.tableName(tables.names().accounts()).key(key)
                    .updateExpression("SET booked_until_us = booked_until_us + :length")
                    .conditionExpression("booked_until_us > :now AND booked_until_us <= :latest")
                    .expressionAttributeValues(Map.of(":length", Docs.n(lengthUs), ":now", Docs.n(nowUs),
                            ":latest", Docs.n(latestUs)))
                    .returnValues(ReturnValue.UPDATED_OLD)).attributes();
            return Long.parseLong(old.get("booked_until_us").n());
        } catch (ConditionalCheckFailedException notAhead) {
            return null;
        }
    }

    /** Books from now, if nothing is booked beyond it; null if something is. */
    private Long fromNow(Map<String, AttributeValue> key, long nowUs, long lengthUs) {
        try {
            tables.client().updateItem(b -> b.tableName(tables.names().accounts()).key(key)
                    .updateExpression("SET booked_until_us = :until")
                    .conditionExpression("attribute_not_exists(booked_until_us) OR booked_until_us <= :now")
                    .expressionAttributeValues(Map.of(":until", Docs.n(nowUs + lengthUs), ":now", Docs.n(nowUs))));
            return nowUs;
        } catch (ConditionalCheckFailedException ahead) {
            return null;
        }
    }

    private long bookedUntil(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = tables.client().getItem(b -> b.tableName(tables.names().accounts()).key(key)
                .consistentRead(true)).item();
        AttributeValue until = item == null ? null : item.get("booked_until_us");
        return until == null ? 0 : Long.parseLong(until.n());
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
