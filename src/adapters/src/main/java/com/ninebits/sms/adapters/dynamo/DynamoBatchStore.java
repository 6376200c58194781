package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore;
import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
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

    private static final Map<String, String> NAMES = Map.of("#state", BatchItem.STATE, "#token", BatchItem.TOKEN);

    private final Table batches;

    public DynamoBatchStore(Tables tables) {
        this.batches = tables.batches();
    }

    @Override
    public Optional<Batch> claim(Batch pending) {
        if (batches.putIfAbsent(BatchItem.write(pending))) {
            return Optional.empty();
        }
        Optional<Batch> holder = find(pending.accountId(), pending.referenceId());
        // Released between our write and our read: the caller tries again.
        return holder.isPresent() ? holder : claim(pending);
    }

    @Override
    public boolean markAccepted(Batch batch) {
        // Accepted, the claim leaves the PendingClaims index: nothing is left to recover.
        return move(batch, Batch.State.ACCEPTED, true);
    }

    @Override
    public boolean withdraw(Batch batch) {
        // Still indexed, so that the sweep finishes an undo that stopped half-way.
        if (move(batch, Batch.State.WITHDRAWN, false)) {
            return true;
        }
        return find(batch.accountId(), batch.referenceId())
                .filter(b -> b.token().equals(batch.token()) && b.state() == Batch.State.ACCEPTED)
                .isEmpty();
    }

    /** This acceptance's claim to {@code next}, if its state may become that (Batch.State's rule, as a condition). */
    private boolean move(Batch batch, Batch.State next, boolean leaveIndex) {
        Map<String, AttributeValue> values = new HashMap<>();
        String condition = "#token = :token AND " + stateIn(s -> s.mayBecome(next), values);
        Update update = batches.update(Keys.batch(batch.accountId(), batch.referenceId()))
                .set("#state = :next")
                .name("#state", BatchItem.STATE).name("#token", BatchItem.TOKEN)
                .value(":next", next.name()).value(":token", batch.token())
                .when(condition);
        values.forEach(update::value);
        if (leaveIndex) {
            update.remove(BatchItem.PENDING_SHARD);
        }
        return update.applyIf();
    }

    @Override
    public void release(Batch batch) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":token", Docs.s(batch.token())));
        String condition = "#token = :token AND " + stateIn(Batch.State::releasable, values);
        // Refused: already released, or taken over by a later attempt; nothing of ours is left.
        batches.deleteIf(Keys.batch(batch.accountId(), batch.referenceId()), condition, NAMES, values);
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
        return batches.getConsistent(Keys.batch(accountId, referenceId)).map(BatchItem::read);
    }

    @Override
    public Optional<Batch> findToSend(String accountId, String referenceId) {
        Map<String, AttributeValue> item = batches.getConsistent(Keys.batch(accountId, referenceId),
                BatchItem.TO_SEND_PROJECTION, BatchItem.TO_SEND_NAMES);
        return item.isEmpty() ? Optional.empty() : Optional.of(BatchItem.read(item));
    }

    @Override
    public void schedule(Batch batch) {
        batches.put(ScheduleItem.write(batch));
    }

    @Override
    public List<Claim> pendingSince(Instant before, int limit) {
        List<Claim> out = new ArrayList<>();
        for (int shard = 0; shard < Keys.PENDING_SHARDS && out.size() < limit; shard++) {
            String key = Keys.pendingShard(shard);
            int room = limit - out.size();
            batches.query(b -> b.indexName(Keys.PENDING_CLAIMS)
                            .keyConditionExpression(BatchItem.PENDING_SHARD + " = :shard AND created_at < :before")
                            .expressionAttributeValues(Map.of(":shard", Docs.s(key), ":before", Docs.s(before.toString())))
                            .limit(room))
                    .items().forEach(item -> out.add(BatchItem.claim(item)));
        }
        return out;
    }
}
