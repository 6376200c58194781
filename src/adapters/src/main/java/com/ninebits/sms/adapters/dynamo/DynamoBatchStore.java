package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.BatchStore.Listed;
import com.ninebits.sms.domain.batch.BatchStore.Page;
import com.ninebits.sms.domain.batch.BatchStore.Position;
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
        // Accepted, the claim leaves the PendingClaims index (nothing is left to recover) and joins
        // AccountBatches, the customer's list.
        return move(batch, Batch.State.ACCEPTED, true, u -> u
                .set(BatchItem.LISTED_ACCOUNT + " = :listedAccount").set(BatchItem.LISTED_AT + " = :listedAt")
                .value(":listedAccount", batch.accountId()).value(":listedAt", BatchItem.listedAt(batch.createdAt())));
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
        return move(batch, next, leaveIndex, u -> {
        });
    }

    private boolean move(Batch batch, Batch.State next, boolean leaveIndex, java.util.function.Consumer<Update> more) {
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
        more.accept(update);
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
    public boolean markCancelled(Batch batch, Instant at) {
        return batches.update(Keys.batch(batch.accountId(), batch.referenceId()))
                .set(BatchItem.CANCELLED_AT + " = :at")
                .name("#state", BatchItem.STATE).name("#token", BatchItem.TOKEN)
                .value(":at", at.toString()).value(":token", batch.token()).value(":accepted", Batch.State.ACCEPTED.name())
                .when("#token = :token AND #state = :accepted AND attribute_not_exists(" + BatchItem.CANCELLED_AT + ")")
                .applyIf();
    }

    /**
     * One query of the {@code AccountBatches} index, newest first: the time range is its key
     * condition, the sender a filter (applied to the {@code limit} items read, so a page may hold
     * fewer), the position its exclusive start key.
     */
    @Override
    public Page listAccepted(Listing listing) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":account", Docs.s(listing.accountId())));
        StringBuilder key = new StringBuilder(BatchItem.LISTED_ACCOUNT + " = :account");
        if (listing.createdAfter() != null && listing.createdBefore() != null) {
            key.append(" AND " + BatchItem.LISTED_AT + " BETWEEN :after AND :before");
        } else if (listing.createdAfter() != null) {
            key.append(" AND " + BatchItem.LISTED_AT + " >= :after");
        } else if (listing.createdBefore() != null) {
            key.append(" AND " + BatchItem.LISTED_AT + " <= :before");
        }
        if (listing.createdAfter() != null) {
            values.put(":after", Docs.s(BatchItem.listedAt(listing.createdAfter())));
        }
        if (listing.createdBefore() != null) {
            // Before is exclusive: the last millisecond before it is the inclusive bound.
            values.put(":before", Docs.s(BatchItem.listedAt(listing.createdBefore().minusMillis(1))));
        }
        if (listing.from() != null) {
            values.put(":from", Docs.s(listing.from()));
        }
        var response = batches.query(b -> {
            b.indexName(Keys.ACCOUNT_BATCHES).keyConditionExpression(key.toString()).expressionAttributeValues(values)
                    .scanIndexForward(false).limit(listing.limit());
            if (listing.from() != null) {
                b.filterExpression("#from = :from").expressionAttributeNames(Map.of("#from", "from"));
            }
            if (listing.after() != null) {
                b.exclusiveStartKey(startAfter(listing.accountId(), listing.after()));
            }
        });
        List<Listed> out = response.items().stream().map(BatchItem::listed).toList();
        Optional<Position> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(new Position(Item.instant(response.lastEvaluatedKey(), BatchItem.LISTED_AT),
                        Keys.referenceOf(response.lastEvaluatedKey().get(Keys.SK).s())))
                : Optional.empty();
        return new Page(out, next);
    }

    /** The index's exclusive start key of a position: built from the caller's account, never taken from the client. */
    private static Map<String, AttributeValue> startAfter(String accountId, Position position) {
        Keys.Key table = Keys.batch(accountId, position.referenceId());
        return Map.of(Keys.PK, Docs.s(table.pk()), Keys.SK, Docs.s(table.sk()),
                BatchItem.LISTED_ACCOUNT, Docs.s(accountId), BatchItem.LISTED_AT, Docs.s(BatchItem.listedAt(position.createdAt())));
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
