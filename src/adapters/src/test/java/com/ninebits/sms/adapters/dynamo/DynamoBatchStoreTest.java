package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore.Claim;
import com.ninebits.sms.domain.text.Encoding;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamoBatchStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private final Tables tables = LocalTables.tables();
    private final DynamoBatchStore store = new DynamoBatchStore(tables);
    private final String account = LocalTables.unique("acc");

    private Batch pending(String reference, String token) {
        return new Batch(account, reference, token, "fp-" + reference, Batch.State.PENDING, "myCode", "Hello, wörld",
                Encoding.UCS2, 2, true, T0, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(72)),
                "https://hooks.example.com/sms", List.of("2348020000000", "2348020000001"),
                List.of(new Batch.Rejected("12", "invalid_number")), 4);
    }

    private Map<String, AttributeValue> stored(String reference) {
        return LocalTables.stored(tables.batches(), Keys.batch(account, reference));
    }

    @Test
    void aBatchIsFoundAsClaimed() {
        Batch batch = pending("ref-1", "tok-1");

        assertEquals(Optional.empty(), store.claim(batch));

        assertEquals(Optional.of(batch), store.find(account, "ref-1"));
    }

    /** What the dispatcher reads for every chunk: everything but the lists, which a chunk carries itself. */
    @Test
    void aBatchToSendIsFoundWithoutItsListsAndEverythingElse() {
        Batch batch = pending("ref-s", "tok-1");
        store.claim(batch);

        Batch toSend = store.findToSend(account, "ref-s").orElseThrow();

        assertEquals(new Batch(account, "ref-s", "tok-1", batch.fingerprint(), batch.state(), batch.from(), batch.body(),
                batch.encoding(), batch.parts(), batch.deliveryReport(), batch.createdAt(), batch.sendAt(), batch.expireAt(),
                batch.callbackUrl(), List.of(), List.of(), batch.cost()), toSend);
        assertEquals(Optional.empty(), store.findToSend(account, "ref-none"));
    }

    /** Every attribute a batch item carries is read to send, but the lists (and the keys and index key). */
    @Test
    void theProjectionToSendNamesEveryAttributeButTheLists() {
        // A batch carrying every optional attribute: templated, cancelled, sent ignoring quiet hours.
        Batch plain = pending("ref-p", "tok-1");
        Batch full = new Batch(account, "ref-p", "tok-1", plain.fingerprint(), plain.state(), plain.from(), "Hi ${name}",
                plain.encoding(), plain.parts(), plain.deliveryReport(), plain.createdAt(), plain.sendAt(), plain.expireAt(),
                plain.callbackUrl(), plain.recipients(), plain.rejected(), plain.cost(),
                new com.ninebits.sms.domain.batch.RecipientValues(List.of("name"), List.of(List.of("Ada"), List.of("Bo")),
                        List.of(0, 1)),
                T0.plus(Duration.ofMinutes(5)), true);
        Map<String, AttributeValue> item = BatchItem.write(full).attributes();

        assertEquals(new java.util.TreeSet<>(item.keySet().stream()
                        .filter(a -> !List.of("pk", "sk", "recipients", "recipients_total", "rejected", BatchItem.PENDING_SHARD)
                                .contains(a)).toList()),
                new java.util.TreeSet<>(BatchItem.TO_SEND_NAMES.values()));
    }

    @Test
    void aBatchWithoutOptionalPartsIsFoundAsClaimed() {
        Batch plain = new Batch(account, "ref-plain", "tok-1", "fp", Batch.State.PENDING, "myCode", "Hi", Encoding.GSM7, 1,
                false, T0, null, T0.plus(Duration.ofHours(72)), null, List.of(), List.of(), 0);

        store.claim(plain);

        assertEquals(Optional.of(plain), store.find(account, "ref-plain"));
        assertFalse(stored("ref-plain").containsKey("send_at"));
        assertFalse(stored("ref-plain").containsKey("callback_url"));
        assertFalse(stored("ref-plain").containsKey("rejected"));
        assertFalse(stored("ref-plain").containsKey(BatchItem.VALUES));
    }

    @Test
    void tenThousandRecipientsWithAValueOfTheirOwnFitInOneItemAndRenderAsStored() {
        List<String> recipients = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> String.format("23480%08d", i)).toList();
        List<List<String>> rows = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> List.of(String.format("Name %07d", i))).toList();
        com.ninebits.sms.domain.batch.RecipientValues values = new com.ninebits.sms.domain.batch.RecipientValues(
                List.of("name"), rows, java.util.stream.IntStream.range(0, 10_000).boxed().toList());
        // As much as acceptance lets a batch's values take (BatchPlanning.MAX_STORED_VALUES): 10,000 values of 12 characters.
        assertTrue(values.storedBytes() <= 200_000, "within the planning's limit: " + values.storedBytes());
        Batch templated = new Batch(account, "ref-tpl", "tok-1", "fp", Batch.State.PENDING, "myCode", "Hi ${name}",
                Encoding.GSM7, 1, false, T0, null, T0.plus(Duration.ofHours(72)), null, recipients, List.of(), 10_000,
                values);

        assertEquals(Optional.empty(), store.claim(templated));

        Batch found = store.find(account, "ref-tpl").orElseThrow();
        assertEquals(templated, found);
        assertEquals("Hi Name 0009999", found.textFor(9_999));
    }

    @Test
    void aReferenceIsClaimedOnlyWhileFreeAndTheHolderIsAnswered() {
        Batch first = pending("ref-1", "tok-1");
        store.claim(first);

        Optional<Batch> holder = store.claim(pending("ref-1", "tok-2"));

        assertEquals(Optional.of(first), holder);
        assertEquals("tok-1", store.find(account, "ref-1").orElseThrow().token());
    }

    @Test
    void aWithdrawnClaimIsNeverAcceptedStaysIndexedAndIsReleased() {
        Batch batch = pending("ref-w", "tok-1");
        store.claim(batch);

        assertTrue(store.withdraw(batch));
        assertFalse(store.markAccepted(batch), "no dispatcher accepts a withdrawn claim");
        assertEquals(Batch.State.WITHDRAWN, store.find(account, "ref-w").orElseThrow().state());
        assertTrue(stored("ref-w").containsKey("pending_shard"), "an undo that stops half-way is found by the sweep");

        store.release(batch);
        assertTrue(store.find(account, "ref-w").isEmpty());
    }

    @Test
    void anAcceptedBatchCannotBeWithdrawn() {
        Batch batch = pending("ref-a", "tok-1");
        store.claim(batch);
        assertTrue(store.markAccepted(batch));

        assertFalse(store.withdraw(batch), "accepted by a dispatcher first: the batch stands");
        assertEquals(Batch.State.ACCEPTED, store.find(account, "ref-a").orElseThrow().state());
    }

    @Test
    void onlyTheHoldingAcceptanceMarksItAcceptedAndARepeatFindsItAccepted() {
        Batch batch = pending("ref-1", "tok-1");
        store.claim(batch);
        assertTrue(stored("ref-1").containsKey("pending_shard"), "a PENDING claim is in the recovery index");

        assertFalse(store.markAccepted(batch.withToken("tok-other")));
        assertTrue(store.markAccepted(batch));
        // A dispatcher may have accepted it first (it holds the batch's last queue message): the same
        // acceptance asking again finds it accepted, which is what it wanted.
        assertTrue(store.markAccepted(batch), "already accepted by this acceptance's token");
        assertFalse(store.markAccepted(batch.withToken("tok-other")), "another token never accepts it");

        assertEquals(Batch.State.ACCEPTED, store.find(account, "ref-1").orElseThrow().state());
        assertFalse(stored("ref-1").containsKey("pending_shard"), "an accepted batch leaves the recovery index");
    }

    @Test
    void aReleaseFreesOnlyTheReleasersPendingClaim() {
        Batch batch = pending("ref-1", "tok-1");
        store.claim(batch);

        store.release(batch.withToken("tok-other"));
        assertTrue(store.find(account, "ref-1").isPresent(), "another attempt's release leaves it");

        store.release(batch);
        assertEquals(Optional.empty(), store.find(account, "ref-1"));
        store.release(batch);
    }

    @Test
    void anAcceptedBatchIsNeverReleased() {
        Batch batch = pending("ref-1", "tok-1");
        store.claim(batch);
        store.markAccepted(batch);

        store.release(batch);

        assertTrue(store.find(account, "ref-1").isPresent());
    }

    @Test
    void claimsStillPendingBeforeATimeAreFoundForRecovery() {
        Batch old = pending("old", "tok-old");
        Batch accepted = pending("accepted", "tok-acc");
        Batch young = new Batch(account, "young", "tok-young", "fp", Batch.State.PENDING, "myCode", "Hi", Encoding.GSM7, 1,
                false, T0.plus(Duration.ofMinutes(5)), null, T0.plus(Duration.ofHours(72)), null, List.of("1"), List.of(), 1);
        store.claim(old);
        store.claim(accepted);
        store.markAccepted(accepted);
        store.claim(young);

        List<Claim> mine = store.pendingSince(T0.plus(Duration.ofMinutes(1)), 1000).stream()
                .filter(c -> c.accountId().equals(account)).toList();

        assertEquals(List.of(new Claim(account, "old", "tok-old")), mine);
    }

    @Test
    void aScheduledBatchIsFiledUnderItsMinute() {
        Batch batch = pending("ref-1", "tok-1");

        store.schedule(batch);

        var entries = new DynamoReleaseSchedule(tables).filedUnder(batch.sendAt()).stream()
                .filter(e -> e.accountId().equals(account)).toList();
        assertEquals(1, entries.size());
        assertEquals("tok-1", entries.get(0).token());
        assertEquals(batch.sendAt(), entries.get(0).sendAt());
    }
}
