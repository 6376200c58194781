package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.dispatch.ReleaseSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The schedule ({@code SCHED#minute / account#reference}) and its progress mark ({@code SCHED / RELEASED}). */
@ApplicationScoped
public class DynamoReleaseSchedule implements ReleaseSchedule {

    private final Tables tables;

    public DynamoReleaseSchedule(Tables tables) {
        this.tables = tables;
    }

    @Override
    public List<Entry> filedUnder(Instant minute) {
        return tables.batches().query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(DynamoBatchStore.scheduleKey(minute))))
                        .consistentRead(true)
                        .build())
                .items().stream()
                .map(doc -> new Entry(doc.getString("account_id"), doc.getString("reference_id"), doc.getString("token"),
                        Instant.parse(doc.getString("send_at"))))
                .toList();
    }

    @Override
    public void remove(Entry entry) {
        tables.batches().deleteItem(Tables.key(DynamoBatchStore.scheduleKey(entry.sendAt()),
                entry.accountId() + "#" + entry.referenceId()));
    }

    @Override
    public Optional<Instant> releasedThrough() {
        EnhancedDocument doc = tables.batches().getItem(Tables.key("SCHED", "RELEASED"));
        return Optional.ofNullable(doc).map(d -> Instant.parse(d.getString("minute")));
    }

    @Override
    public void markReleasedThrough(Instant minute) {
        tables.batches().putItem(Tables.item("SCHED", "RELEASED").putString("minute", minute.toString()).build());
    }
}
