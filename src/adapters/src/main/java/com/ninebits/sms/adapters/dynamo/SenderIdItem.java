package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.sender.SenderId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Locale;
import java.util.Map;

/** A sender ID item ({@code ACC#id / SENDER#value}) and {@link SenderId}. */
final class SenderIdItem {

    private SenderIdItem() {
    }

    static Item write(SenderId s) {
        return Item.at(Keys.senderId(s.accountId(), s.senderId()))
                .put("sender_id", s.senderId())
                .put("status", s.status().wire())
                .put("created_at", s.createdAt())
                .put("updated_at", s.updatedAt());
    }

    static SenderId read(String accountId, Map<String, AttributeValue> item) {
        return new SenderId(accountId, Item.string(item, "sender_id"), status(item),
                Item.instant(item, "created_at"), Item.instant(item, "updated_at"));
    }

    static SenderId.Status status(Map<String, AttributeValue> item) {
        return SenderId.Status.valueOf(Item.string(item, "status").toUpperCase(Locale.ROOT));
    }
}
