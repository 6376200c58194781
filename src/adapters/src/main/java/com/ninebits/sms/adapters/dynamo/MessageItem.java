package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.StatusChange;
import com.ninebits.sms.domain.receipt.DeliveryReceipt;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A message item ({@code MSG#account#reference / index}) read as {@link MessageState},
 * {@link MessageRecord} and the batch's {@link Subscription}; and the item kept for a delivery
 * report that matched no message ({@code UNMATCHED#day / time#uuid}).
 */
final class MessageItem {

    private MessageItem() {
    }

    static MessageState.Status status(Map<String, AttributeValue> item) {
        return MessageState.Status.valueOf(Item.string(item, "status").toUpperCase(Locale.ROOT));
    }

    static MessageState state(Map<String, AttributeValue> item) {
        return new MessageState(Keys.indexOf(item), Item.string(item, "to"), status(item),
                item.containsKey("parts") ? Item.integer(item, "parts") : 1,
                Item.string(item, "smsc_message_id"), Item.instant(item, "smsc_timestamp"), Item.instant(item, "updated_at"),
                Item.string(item, "error_code"), Item.instant(item, "held_until"));
    }

    static MessageRecord record(Map<String, AttributeValue> item) {
        return new MessageRecord(state(item), Item.integer(item, "attempts"), Item.flag(item, "in_flight"),
                Item.integer(item, "refund_due"));
    }

    /** The batch's subscription to delivery reports, as the claim recorded it on the message; null: none. */
    static Subscription subscription(Map<String, AttributeValue> item) {
        return Item.flag(item, "notify") ? new Subscription(Item.string(item, "callback_url")) : null;
    }

    /** The item's status changes as {@code history} holds them, oldest first. */
    static List<StatusChange> history(Map<String, AttributeValue> item) {
        AttributeValue history = item.get("history");
        if (history == null || !history.hasL()) {
            return List.of();
        }
        return history.l().stream().map(AttributeValue::m)
                .map(e -> new StatusChange(MessageState.Status.valueOf(Item.string(e, "status").toUpperCase(Locale.ROOT)),
                        Item.instant(e, "at"), Item.instant(e, "smsc_timestamp"), Item.string(e, "error_code")))
                .toList();
    }

    static Item unmatched(DeliveryReceipt receipt, Instant now) {
        return Item.at(Keys.unmatchedReport(now))
                .put("connector", receipt.connector())
                .put("status", receipt.status().wire())
                .putIfPresent("message_id", receipt.messageId())
                .putIfPresent("smsc_message_id", receipt.smscMessageId())
                .putIfPresent("smsc_timestamp", receipt.smscTimestamp())
                .putIfPresent("error_code", receipt.errorCode());
    }
}
