package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.batch.MessageStore;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.StatusChange;
import com.ninebits.sms.domain.message.Transition;
import com.ninebits.sms.domain.receipt.DeliveryReceipt;
import com.ninebits.sms.domain.receipt.ReceiptLedger;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Messages ({@code MSG#account#reference / index}): one item per message once it left the queue,
 * with its status, the submission attempts claimed, and the history of its status changes. Every
 * move is a conditional update whose condition is the domain's {@link Transition}, so a repeated
 * or raced move changes nothing; a move answers with the item as it wrote it.
 */
@ApplicationScoped
public class DynamoMessageStore implements MessageStore, MessageLedger, ReceiptLedger {

    private final Tables tables;

    public DynamoMessageStore(Tables tables) {
        this.tables = tables;
    }

    private static Map<String, AttributeValue> keyOf(MessageKey key) {
        return Keys.message(key.accountId(), key.referenceId(), key.index()).attributes();
    }

    @Override
    public Map<Integer, MessageState> range(String accountId, String referenceId, int from, int to) {
        Map<Integer, MessageState> out = new HashMap<>();
        records(accountId, referenceId, from, to).forEach((i, r) -> out.put(i, r.state()));
        return out;
    }

    /** Reads only each record's status: a status page of a large batch moves little more than its counts. */
    @Override
    public Map<MessageState.Status, Integer> counts(String accountId, String referenceId) {
        Map<MessageState.Status, Integer> out = new java.util.EnumMap<>(MessageState.Status.class);
        // The paginator reads page after page until the batch's records end.
        for (Map<String, AttributeValue> item : tables.client().queryPaginator(b -> b
                .tableName(tables.names().messages())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Docs.s(Keys.messages(accountId, referenceId))))
                .projectionExpression("#status")
                .expressionAttributeNames(Map.of("#status", "status"))).items()) {
            out.merge(MessageItem.status(item), 1, Integer::sum);
        }
        return out;
    }

    @Override
    public Map<Integer, MessageRecord> records(String accountId, String referenceId, int from, int to) {
        Map<Integer, MessageRecord> out = new HashMap<>();
        if (to <= from) {
            return out;
        }
        for (Map<String, AttributeValue> item : tables.client().queryPaginator(b -> b
                .tableName(tables.names().messages())
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Docs.s(Keys.messages(accountId, referenceId)),
                        ":from", Docs.s(Keys.messageIndex(from)), ":to", Docs.s(Keys.messageIndex(Math.max(from, to - 1)))))).items()) {
            MessageRecord record = MessageItem.record(item);
            out.put(record.state().index(), record);
        }
        return out;
    }

    @Override
    public boolean claim(MessageKey key, String to, int parts, Subscription subscription, int attempt, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", Docs.s(to), ":parts", Docs.n(parts),
                ":queued", Docs.s("queued"), ":attempt", Docs.n(attempt), ":previous", Docs.n(attempt - 1L),
                ":true", bool(true), ":false", bool(false), ":now", Docs.s(now.toString())));
        StringBuilder set = new StringBuilder("SET #to = :to, parts = :parts, #status = :queued, attempts = :attempt, "
                + "in_flight = :true, updated_at = :now");
        if (subscription != null) {
            set.append(", notify = :true");
            if (subscription.callbackUrl() != null) {
                set.append(", callback_url = :callback");
                values.put(":callback", Docs.s(subscription.callbackUrl()));
            }
        }
        return update(key, set.toString(),
                "attribute_not_exists(pk) OR (#status = :queued AND attempts = :previous AND in_flight = :false)",
                Map.of("#to", "to", "#status", "status"), values);
    }

    @Override
    public Optional<MessageState> dispatched(MessageKey key, int attempt, String smscMessageId, Instant now) {
        Optional<MessageState> moved = moveToDispatched(key, attempt, smscMessageId, now);
        if (moved.isPresent()) {
            return moved;
        }
        // A delivery report overtook the SMSC's answer and moved the message on already: the
        // attempt is still answered, and the SMSC's id recorded; the status did not move.
        update(key, "SET in_flight = :false, smsc_message_id = if_not_exists(smsc_message_id, :smsc)",
                "attempts = :attempt AND in_flight = :true",
                Map.of(),
                Map.of(":false", bool(false), ":true", bool(true), ":smsc", Docs.s(smscMessageId), ":attempt", Docs.n(attempt)));
        return Optional.empty();
    }

    private Optional<MessageState> moveToDispatched(MessageKey key, int attempt, String smscMessageId, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":dispatched", Docs.s("dispatched"), ":false", bool(false),
                ":true", bool(true), ":smsc", Docs.s(smscMessageId), ":now", Docs.s(now.toString()), ":attempt", Docs.n(attempt),
                ":empty", emptyList(), ":entry", entry("dispatched", now, null, null)));
        return move(key, "SET #status = :dispatched, in_flight = :false, smsc_message_id = :smsc, updated_at = :now, "
                        + "history = list_append(if_not_exists(history, :empty), :entry)",
                "attempts = :attempt AND in_flight = :true AND "
                        + statusIn(Transition.ofClaimedAttempt(MessageState.Status.DISPATCHED), values),
                Map.of("#status", "status"), values);
    }

    @Override
    public void release(MessageKey key, int attempt, String reason, Instant now) {
        update(key, "SET in_flight = :false, last_error = :reason, updated_at = :now",
                "attempts = :attempt AND in_flight = :true",
                Map.of(),
                Map.of(":false", bool(false), ":true", bool(true), ":reason", Docs.s(reason == null ? "unknown" : reason),
                        ":now", Docs.s(now.toString()), ":attempt", Docs.n(attempt)));
    }

    @Override
    public void withdraw(MessageKey key, int attempt) {
        update(key, "SET attempts = :previous, in_flight = :false", "attempts = :attempt AND in_flight = :true",
                Map.of(), Map.of(":previous", Docs.n(attempt - 1L), ":false", bool(false), ":true", bool(true),
                        ":attempt", Docs.n(attempt)));
    }

    @Override
    public Optional<MessageState> abandon(MessageKey key, int attempt, String errorCode, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":unknown", Docs.s("unknown"), ":false", bool(false),
                ":true", bool(true), ":code", Docs.s(errorCode), ":now", Docs.s(now.toString()), ":attempt", Docs.n(attempt),
                ":empty", emptyList(), ":entry", entry("unknown", now, null, errorCode)));
        Optional<MessageState> moved = move(key, "SET #status = :unknown, in_flight = :false, error_code = :code, "
                        + "updated_at = :now, history = list_append(if_not_exists(history, :empty), :entry)",
                "attempts = :attempt AND in_flight = :true AND "
                        + statusIn(Transition.ofClaimedAttempt(MessageState.Status.UNKNOWN), values),
                Map.of("#status", "status"), values);
        if (moved.isEmpty()) {
            // A delivery report overtook the lost answer and moved the message on: only the attempt is closed.
            update(key, "SET in_flight = :false", "attempts = :attempt AND in_flight = :true",
                    Map.of(), Map.of(":false", bool(false), ":true", bool(true), ":attempt", Docs.n(attempt)));
        }
        return moved;
    }

    @Override
    public Optional<MessageState> finish(MessageKey key, String to, int parts, MessageState.Status status, String errorCode,
                                         Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", Docs.s(status.wire()));
        values.put(":to", Docs.s(to));
        values.put(":parts", Docs.n(parts));
        values.put(":false", bool(false));
        values.put(":now", Docs.s(now.toString()));
        values.put(":code", errorCode == null ? AttributeValue.builder().nul(true).build() : Docs.s(errorCode));
        values.put(":empty", emptyList());
        values.put(":entry", entry(status.wire(), now, null, errorCode));
        return move(key, "SET #status = :status, #to = if_not_exists(#to, :to), parts = if_not_exists(parts, :parts), "
                        + "in_flight = :false, updated_at = :now, error_code = :code, refund_due = :parts, "
                        + "history = list_append(if_not_exists(history, :empty), :entry)",
                "attribute_not_exists(pk) OR " + statusIn(Transition.forwardTo(status), values),
                Map.of("#status", "status", "#to", "to"), values);
    }

    @Override
    public Optional<MessageState> cancel(MessageKey key, String to, int parts, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", Docs.s(MessageState.Status.CANCELLED.wire()));
        values.put(":to", Docs.s(to));
        values.put(":parts", Docs.n(parts));
        values.put(":false", bool(false));
        values.put(":now", Docs.s(now.toString()));
        values.put(":empty", emptyList());
        values.put(":entry", entry(MessageState.Status.CANCELLED.wire(), now, null, null));
        // The claim's own condition, negated on in_flight: of a claim and a cancel, exactly one wins.
        return move(key, "SET #status = :status, #to = if_not_exists(#to, :to), parts = if_not_exists(parts, :parts), "
                        + "in_flight = :false, updated_at = :now, refund_due = :parts, "
                        + "history = list_append(if_not_exists(history, :empty), :entry)",
                "attribute_not_exists(pk) OR (" + statusIn(Transition.beforeDispatch(MessageState.Status.CANCELLED), values)
                        + " AND (attribute_not_exists(in_flight) OR in_flight = :false))",
                Map.of("#status", "status", "#to", "to"), values);
    }

    @Override
    public List<StatusChange> history(String accountId, String referenceId, int index) {
        Map<String, AttributeValue> item = tables.client().getItem(b -> b.tableName(tables.names().messages())
                .key(Keys.message(accountId, referenceId, index).attributes())
                .projectionExpression("history")).item();
        return item == null ? List.of() : MessageItem.history(item);
    }

    @Override
    public void refundPaid(MessageKey key) {
        tables.client().updateItem(b -> b.tableName(tables.names().messages())
                .key(keyOf(key))
                .updateExpression("REMOVE refund_due"));
    }

    @Override
    public Move apply(MessageKey key, MessageState.Status status, String smscMessageId, Instant smscTimestamp,
                      String errorCode, Instant now) {
        Transition transition = Transition.forwardTo(status);
        if (!transition.possible()) {
            return new Move(Applied.IGNORED, null, null);
        }
        Map<String, AttributeValue> values = new HashMap<>();
        String condition = "attribute_exists(pk) AND " + statusIn(transition, values);
        values.put(":status", Docs.s(status.wire()));
        values.put(":now", Docs.s(now.toString()));
        values.put(":empty", emptyList());
        values.put(":entry", entry(status.wire(), now, smscTimestamp, errorCode));
        StringBuilder set = new StringBuilder("SET #status = :status, updated_at = :now, "
                + "history = list_append(if_not_exists(history, :empty), :entry)");
        if (smscTimestamp != null) {
            set.append(", smsc_timestamp = :ts");
            values.put(":ts", Docs.s(smscTimestamp.toString()));
        }
        if (errorCode != null) {
            set.append(", error_code = :code");
            values.put(":code", Docs.s(errorCode));
        }
        if (smscMessageId != null && !smscMessageId.isBlank()) {
            set.append(", smsc_message_id = if_not_exists(smsc_message_id, :smsc)");
            values.put(":smsc", Docs.s(smscMessageId));
        }
        Map<String, AttributeValue> itemKey = keyOf(key);
        Map<String, AttributeValue> current;
        try {
            Map<String, AttributeValue> moved = tables.client().updateItem(b -> b.tableName(tables.names().messages())
                    .key(itemKey)
                    .updateExpression(set.toString())
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    // A refused move answers with the message as it stands: no second read for a repeated report.
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new Move(Applied.MOVED, MessageItem.state(moved), MessageItem.subscription(moved));
        } catch (ConditionalCheckFailedException refused) {
            current = refused.hasItem() ? refused.item() : Map.of();
        }
        if (current.isEmpty()) {
            // No item, or a store that does not send it back (the local one): read it to tell which.
            current = tables.client().getItem(b -> b.tableName(tables.names().messages()).key(itemKey).consistentRead(true)).item();
        }
        return current == null || current.isEmpty() ? new Move(Applied.UNKNOWN_MESSAGE, null, null)
                : new Move(Applied.IGNORED, MessageItem.state(current), MessageItem.subscription(current));
    }

    /**
     * The move's condition on the status, {@code #status IN (:from0, …)}, its values added to
     * {@code values}: the domain's rule rendered, not restated.
     */
    static String statusIn(Transition transition, Map<String, AttributeValue> values) {
        if (!transition.possible()) {
            throw new IllegalArgumentException("no status moves to " + transition.to());
        }
        StringJoiner in = new StringJoiner(", ", "#status IN (", ")");
        int i = 0;
        for (MessageState.Status from : transition.from()) {
            values.put(":from" + i, Docs.s(from.wire()));
            in.add(":from" + i++);
        }
        return in.toString();
    }

    @Override
    public void keepUnmatched(DeliveryReceipt receipt, Instant now) {
        tables.messages().put(MessageItem.unmatched(receipt, now));
    }

    private boolean update(MessageKey key, String expression, String condition, Map<String, String> names,
                           Map<String, AttributeValue> values) {
        return write(key, expression, condition, names, values, ReturnValue.NONE).isPresent();
    }

    /** A status move: the message as it wrote it, or empty when its condition refused it. */
    private Optional<MessageState> move(MessageKey key, String expression, String condition, Map<String, String> names,
                                        Map<String, AttributeValue> values) {
        return write(key, expression, condition, names, values, ReturnValue.ALL_NEW).map(MessageItem::state);
    }

    /** The item's attributes as {@code returned} asks (none for NONE), or empty when the condition failed. */
    private Optional<Map<String, AttributeValue>> write(MessageKey key, String expression, String condition,
                                                        Map<String, String> names, Map<String, AttributeValue> values,
                                                        ReturnValue returned) {
        try {
            return Optional.of(tables.client().updateItem(b -> {
                b.tableName(tables.names().messages())
                        .key(keyOf(key))
                        .updateExpression(expression)
                        .conditionExpression(condition)
                        .expressionAttributeValues(values)
                        .returnValues(returned);
                if (!names.isEmpty()) {
                    b.expressionAttributeNames(names);
                }
            }).attributes());
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    static AttributeValue entry(String status, Instant at, Instant smscTimestamp, String errorCode) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("status", Docs.s(status));
        m.put("at", Docs.s(at.toString()));
        if (smscTimestamp != null) {
            m.put("smsc_timestamp", Docs.s(smscTimestamp.toString()));
        }
        if (errorCode != null) {
            m.put("error_code", Docs.s(errorCode));
        }
        return AttributeValue.builder().l(List.of(AttributeValue.builder().m(m).build())).build();
    }

    static AttributeValue emptyList() {
        return AttributeValue.builder().l(List.of()).build();
    }

    private static AttributeValue bool(boolean value) {
        return AttributeValue.builder().bool(value).build();
    }
}
