package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.dispatch.ReleaseSchedule.Entry;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * A schedule entry ({@code SCHED#minute / account#reference}) and {@link Entry}, and the release
 * function's progress mark ({@code SCHED / RELEASED}).
 */
final class ScheduleItem {

    private ScheduleItem() {
    }

    static Item write(Batch batch) {
        return Item.at(Keys.scheduled(batch.sendAt(), batch.accountId(), batch.referenceId()))
                .put("account_id", batch.accountId())
                .put("reference_id", batch.referenceId())
                .put("token", batch.token())
                .put("send_at", batch.sendAt());
    }

    static Entry read(Map<String, AttributeValue> item) {
        return new Entry(Item.string(item, "account_id"), Item.string(item, "reference_id"), Item.string(item, "token"),
                Item.instant(item, "send_at"));
    }

    static Item releasedThrough(Instant minute) {
        return Item.at(Keys.releasedThrough()).put("minute", minute);
    }

    static Instant releasedThrough(Map<String, AttributeValue> mark) {
        return Item.instant(mark, "minute");
    }
}
