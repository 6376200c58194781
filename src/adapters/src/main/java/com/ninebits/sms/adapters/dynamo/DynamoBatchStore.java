package com.ninebits.sms.adapters.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.text.Encoding;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Batches ({@code ACC#id / BATCH#reference}): the idempotency record and the batch in one item,
 * recipients inline (10,000 E.164 numbers are about 140 KB, well inside DynamoDB's 400 KB), so
 * that acceptance writes one item for the batch however large it is.
 */
@ApplicationScoped
public class DynamoBatchStore implements BatchStore {

    private static final TypeReference<List<Map<String, String>>> REJECTED = new TypeReference<>() {
    };

    private final Tables tables;
    private final ObjectMapper json = new ObjectMapper();

    public DynamoBatchStore(Tables tables) {
        this.tables = tables;
    }

    static String pk(String accountId) {
        return DynamoAccountStore.pk(accountId);
    }

    static String sk(String referenceId) {
        return "BATCH#" + referenceId;
    }

    @Override
    public Optional<Batch> claim(Batch pending) {
        try {
            tables.batches().putItem(PutItemEnhancedRequest.builder(EnhancedDocument.class)
                    .item(toItem(pending))
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(pk)").build())
                    .build());
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            Optional<Batch> holder = find(pending.accountId(), pending.referenceId());
            // Released between our write and our read: the caller tries again.
            return holder.isPresent() ? holder : claim(pending);
        }
    }

    @Override
    public boolean markAccepted(Batch batch) {
        // Accepted, the claim leaves the PendingClaims index: nothing is left to recover.
        return move(batch, Batch.State.ACCEPTED, "SET #state = :next REMOVE pending_shard");
    }

    @Override
    public boolean withdraw(Batch batch) {
        // Still indexed, so that the sweep finishes an undo that stopped half-way.
        if (move(batch, Batch.State.WITHDRAWN, "SET #state = :next")) {
            return true;
        }
        return find(batch.accountId(), batch.referenceId())
                .filter(b -> b.token().equals(batch.token()) && b.state() == Batch.State.ACCEPTED)
                .isEmpty();
    }

    /** This acceptance's claim to {@code next}, if its state may become that (Batch.State's rule, as a condition). */
    private boolean move(Batch batch, Batch.State next, String update) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":next", Docs.s(next.name()), ":token", Docs.s(batch.token())));
        String condition = "#token = :token AND " + stateIn(s -> s.mayBecome(next), values);
        try {
            tables.client().updateItem(b -> b
                    .tableName(tables.names().batches())
                    .key(Map.of(Tables.PK, Docs.s(pk(batch.accountId())), Tables.SK, Docs.s(sk(batch.referenceId()))))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#state", "state", "#token", "token"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void release(Batch batch) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":token", Docs.s(batch.token())));
        String condition = "#token = :token AND " + stateIn(Batch.State::releasable, values);
        try {
            tables.client().deleteItem(b -> b
                    .tableName(tables.names().batches())
                    .key(Map.of(Tables.PK, Docs.s(pk(batch.accountId())), Tables.SK, Docs.s(sk(batch.referenceId()))))
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#state", "state", "#token", "token"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            // Already released, or taken over by a later attempt: nothing of ours is left.
        }
    }

    /** {@code #state IN (:PENDING, …)} over the states that pass {@code test}, their values added to {@code values}. */
    private static String stateIn(Predicate<Batch.State> test, Map<String, AttributeValue> values) {
        List<String> placeholders = new ArrayList<>();
        for (Batch.State state : Batch.State.values()) {
            if (test.test(state)) {
                placeholders.add(":" + state.name());
                values.put(":" + state.name(), Docs.s(state.name()));
            }
        }
        return "#state IN (" + String.join(", ", placeholders) + ")";
    }

    @Override
    public Optional<Batch> find(String accountId, String referenceId) {
        return Optional.ofNullable(tables.batches().getItem(GetItemEnhancedRequest.builder()
                        .key(Tables.key(pk(accountId), sk(referenceId)))
                        .consistentRead(true)
                        .build()))
                .map(this::fromItem);
    }

    @Override
    public void schedule(Batch batch) {
        tables.batches().putItem(Tables.item(scheduleKey(batch.sendAt()), batch.accountId() + "#" + batch.referenceId())
                .putString("account_id", batch.accountId())
                .putString("reference_id", batch.referenceId())
                .putString("token", batch.token())
                .putString("send_at", batch.sendAt().toString())
                .build());
    }

    /** Spread over a few index partitions, so that no one key takes every acceptance's writes. */
    static final int PENDING_SHARDS = 4;

    static String shard(String referenceId) {
        return "P" + Math.floorMod(referenceId.hashCode(), PENDING_SHARDS);
    }

    @Override
    public List<Claim> pendingSince(Instant before, int limit) {
        List<Claim> out = new java.util.ArrayList<>();
        for (int shard = 0; shard < PENDING_SHARDS && out.size() < limit; shard++) {
            String key = "P" + shard;
            int room = limit - out.size();
            var response = tables.client().query(b -> b
                    .tableName(tables.names().batches())
                    .indexName("PendingClaims")
                    .keyConditionExpression("pending_shard = :shard AND created_at < :before")
                    .expressionAttributeValues(Map.of(":shard", Docs.s(key), ":before", Docs.s(before.toString())))
                    .limit(room));
            response.items().forEach(item -> out.add(new Claim(item.get("account_id").s(), item.get("reference_id").s(),
                    item.get("token").s())));
        }
        return out;
    }

    /** The minute a scheduled batch is filed under: the release function reads minute by minute. */
    public static String scheduleKey(Instant sendAt) {
        return "SCHED#" + sendAt.truncatedTo(ChronoUnit.MINUTES);
    }

    private EnhancedDocument toItem(Batch b) {
        EnhancedDocument.Builder item = Tables.item(pk(b.accountId()), sk(b.referenceId()))
                .putString("account_id", b.accountId())
                .putString("reference_id", b.referenceId())
                .putString("token", b.token())
                .putString("fingerprint", b.fingerprint())
                .putString("state", b.state().name())
                .putString("from", b.from())
                .putString("body", b.body())
                .putString("encoding", b.encoding().name())
                .putNumber("parts", b.parts())
                .putBoolean("delivery_report", b.deliveryReport())
                .putString("created_at", b.createdAt().toString())
                .putString("expire_at", b.expireAt().toString())
                .putString("recipients", String.join(",", b.recipients()))
                .putNumber("recipients_total", b.recipients().size())
                .putNumber("cost", b.cost());
        if (b.sendAt() != null) {
            item.putString("send_at", b.sendAt().toString());
        }
        if (b.state() == Batch.State.PENDING) {
            // Indexed (sparsely) until ACCEPTED: what the recovery sweep looks for.
            item.putString("pending_shard", shard(b.referenceId()));
        }
        if (b.callbackUrl() != null) {
            item.putString("callback_url", b.callbackUrl());
        }
        if (!b.rejected().isEmpty()) {
            try {
                item.putString("rejected", json.writeValueAsString(b.rejected().stream()
                        .map(r -> Map.of("to", r.to(), "reason", r.reason())).toList()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return item.build();
    }

    private Batch fromItem(EnhancedDocument doc) {
        String recipients = doc.getString("recipients");
        List<Batch.Rejected> rejected = List.of();
        String rejectedJson = Docs.stringOf(doc, "rejected");
        if (rejectedJson != null) {
            try {
                rejected = json.readValue(rejectedJson, REJECTED).stream()
                        .map(m -> new Batch.Rejected(m.get("to"), m.get("reason"))).toList();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("damaged rejected list on a batch", e);
            }
        }
        return new Batch(doc.getString("account_id"), doc.getString("reference_id"), doc.getString("token"),
                doc.getString("fingerprint"), Batch.State.valueOf(doc.getString("state")), doc.getString("from"),
                doc.getString("body"), Encoding.valueOf(doc.getString("encoding")), Docs.intOf(doc, "parts"),
                doc.getBoolean("delivery_report"), Docs.instantOf(doc, "created_at"), Docs.instantOf(doc, "send_at"),
                Docs.instantOf(doc, "expire_at"), Docs.stringOf(doc, "callback_url"),
                recipients == null || recipients.isEmpty() ? List.of() : Arrays.asList(recipients.split(",")),
                rejected, Docs.longOf(doc, "cost"));
    }
}
