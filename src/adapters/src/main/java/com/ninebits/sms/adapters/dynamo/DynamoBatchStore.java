package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Batches ({@code ACC#id / BATCH#reference}): the idempotency record and the batch in one item,
 * recipients inline (10,000 E.164 numbers are about 140 KB, well inside DynamoDB's 400 KB), so
 * that acceptance writes one item for the batch however large it is.
 */
@ApplicationScoped
public class DynamoBatchStore implements BatchStore {

    /** The claim is still this acceptance's: its token, not yet accepted. */
    private static final String HELD = "#token = :token AND #state = :pending";
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
        return batches.update(Keys.batch(batch.accountId(), batch.referenceId()))
                .set("#state = :accepted").remove(BatchItem.PENDING_SHARD)
                .name("#state", BatchItem.STATE).name("#token", BatchItem.TOKEN)
                .value(":accepted", Batch.State.ACCEPTED.name()).value(":pending", Batch.State.PENDING.name())
                .value(":token", batch.token())
                .when(HELD)
                .applyIf();
    }

    @Override
    public void release(Batch batch) {
        // Refused: already released, or taken over by a later attempt; nothing of ours is left.
        batches.deleteIf(Keys.batch(batch.accountId(), batch.referenceId()), HELD, NAMES,
                Map.of(":pending", Docs.s(Batch.State.PENDING.name()), ":token", Docs.s(batch.token())));
    }

    @Override
    public Optional<Batch> find(String accountId, String referenceId) {
        return batches.getConsistent(Keys.batch(accountId, referenceId)).map(BatchItem::read);
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
