package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.adapters.callback.StatusEventJson;
import com.ninebits.sms.domain.callback.FailedCallbacks.Failed;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A failed callback item ({@code ACC#id / CBFAIL#event_id}): the event as JSON, with an expiry
 * {@link #KEPT} after the failure for DynamoDB's TTL.
 */
final class FailedCallbackItem {

    static final Duration KEPT = Duration.ofDays(30);

    private FailedCallbackItem() {
    }

    static Item write(Failed failed) {
        return Item.at(Keys.failedCallback(failed.event().accountId(), failed.event().eventId()))
                .put("event", StatusEventJson.write(failed.event()))
                .put("attempts", failed.attempts())
                .put("last_error", failed.lastError())
                .put("failed_at", failed.failedAt())
                .put("expires_at_epoch", failed.failedAt().plus(KEPT).getEpochSecond());
    }

    static Failed read(Map<String, AttributeValue> item) {
        return new Failed(StatusEventJson.readEvent(Item.string(item, "event")), Item.integer(item, "attempts"),
                Item.string(item, "last_error"), Instant.parse(Item.string(item, "failed_at")));
    }
}
