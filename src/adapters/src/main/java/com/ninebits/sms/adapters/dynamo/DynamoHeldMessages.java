package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.dispatch.HeldMessages;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Held messages: an entry filed under the minute it is due ({@code HOLD#minute /
 * account#reference#index}, batches table, beside the schedule), the release's progress mark
 * ({@code HOLD / RELEASED}), and the {@code held_until} noted on the message item.
 */
@ApplicationScoped
public class DynamoHeldMessages implements HeldMessages {

    private final Tables tables;

    public DynamoHeldMessages(Tables tables) {
        this.tables = tables;
    }

    @Override
    public void hold(Held held, int parts, Instant now) {
        tables.batches().put(Item.at(Keys.held(held.due(), held.accountId(), held.referenceId(), held.index()))
                .put("account_id", held.accountId())
                .put("reference_id", held.referenceId())
                .put("token", held.token())
                .put("index", held.index())
                .put("to", held.to())
                .put("held_until", held.heldUntil())
                .put("due", held.due())
                .put("accepted_at", held.acceptedAt()));
        noteOnMessage(held, parts, now);
    }

    /** Only on a message still queued with no attempt under way; one that went meanwhile keeps its record as it is. */
    private void noteOnMessage(Held held, int parts, Instant now) {
        Keys.Key key = Keys.message(held.accountId(), held.referenceId(), held.index());
        try {
            tables.client().updateItem(b -> b.tableName(tables.messages().name()).key(key.attributes())
                    .updateExpression("SET #to = if_not_exists(#to, :to), parts = if_not_exists(parts, :parts), "
                            + "#status = if_not_exists(#status, :queued), attempts = if_not_exists(attempts, :zero), "
                            + "in_flight = if_not_exists(in_flight, :false), held_until = :until, updated_at = :now")
                    .conditionExpression("attribute_not_exists(pk) OR (#status = :queued AND in_flight = :false)")
                    .expressionAttributeNames(Map.of("#to", "to", "#status", "status"))
                    .expressionAttributeValues(Map.of(":to", Docs.s(held.to()), ":parts", Docs.n(parts),
                            ":queued", Docs.s("queued"), ":zero", Docs.n(0), ":false", AttributeValue.fromBool(false),
                            ":until", Docs.s(held.heldUntil().toString()), ":now", Docs.s(now.toString()))));
        } catch (ConditionalCheckFailedException moved) {
            // Another delivery took it on: its entry releases a chunk that skips it.
        }
    }

    @Override
    public List<Held> filedUnder(Instant minute) {
        return tables.batches().items(Keys.heldMinute(minute), true).stream().map(DynamoHeldMessages::read).toList();
    }

    private static Held read(Map<String, AttributeValue> item) {
        return new Held(Item.string(item, "account_id"), Item.string(item, "reference_id"), Item.string(item, "token"),
                Item.integer(item, "index"), Item.string(item, "to"), Item.instant(item, "held_until"),
                Item.instant(item, "due"), Item.instant(item, "accepted_at"));
    }

    @Override
    public void remove(List<Held> released) {
        BatchWrites.write(tables.batches(), released.stream()
                .map(h -> WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                        .key(Keys.held(h.due(), h.accountId(), h.referenceId(), h.index()).attributes()).build()).build())
                .toList());
    }

    @Override
    public Optional<Instant> releasedThrough() {
        return tables.batches().get(Keys.heldReleasedThrough()).map(item -> Item.instant(item, "minute"));
    }

    @Override
    public void markReleasedThrough(Instant minute) {
        tables.batches().put(Item.at(Keys.heldReleasedThrough()).put("minute", minute));
    }
}
