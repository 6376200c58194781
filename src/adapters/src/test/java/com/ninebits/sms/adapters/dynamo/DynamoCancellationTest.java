package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState.Status;
import com.ninebits.sms.domain.message.StatusChange;
import com.ninebits.sms.domain.text.Encoding;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cancel move against the claim, the cancellation mark, and the AccountBatches listing, on dynalite. */
class DynamoCancellationTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String TO = "2348020000000";

    private final Tables tables = LocalTables.tables();
    private final DynamoMessageStore messages = new DynamoMessageStore(tables);
    private final DynamoBatchStore batches = new DynamoBatchStore(tables);
    private final String account = LocalTables.unique("acc");

    private MessageKey key(int index) {
        return new MessageKey(account, "ref-1", index);
    }

    private MessageRecord record(int index) {
        return messages.records(account, "ref-1", index, index + 1).get(index);
    }

    @Test
    void aMessageWithoutARecordIsCancelledOnceWithItsRefundNoted() {
        assertTrue(messages.cancel(key(0), TO, 2, T0).isPresent());
        assertEquals(Optional.empty(), messages.cancel(key(0), TO, 2, T0.plusSeconds(1)), "a second cancel moves nothing");

        MessageRecord r = record(0);
        assertEquals(Status.CANCELLED, r.state().status());
        assertEquals(TO, r.state().to());
        assertEquals(2, r.refundDue());
        assertFalse(messages.claim(key(0), TO, 2, 1, T0), "a cancelled message is never claimed");
        assertEquals(List.of(new StatusChange(Status.CANCELLED, T0, null, null)), messages.history(account, "ref-1", 0));
    }

    @Test
    void aClaimedAttemptIsNotCancelledButAReleasedOneIs() {
        assertTrue(messages.claim(key(0), TO, 1, 1, T0));
        assertEquals(Optional.empty(), messages.cancel(key(0), TO, 1, T0), "an attempt under way goes on");
        assertTrue(record(0).inFlight());

        messages.release(key(0), 1, "smsc_busy", T0);
        assertTrue(messages.cancel(key(0), TO, 1, T0).isPresent());
        assertFalse(messages.claim(key(0), TO, 1, 2, T0));
    }

    @Test
    void aDispatchedMessageIsNeverCancelled() {
        messages.claim(key(0), TO, 1, 1, T0);
        messages.dispatched(key(0), 1, "smsc-0", T0);

        assertEquals(Optional.empty(), messages.cancel(key(0), TO, 1, T0));
        assertEquals(Status.DISPATCHED, record(0).state().status());
        assertEquals(0, record(0).refundDue());
    }

    @Test
    void ofAClaimAndACancelRacingForEachMessageExactlyOneWins() throws Exception {
        int n = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            List<Future<Boolean>> cancels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                MessageKey k = key(i);
                Callable<Boolean> claim = () -> messages.claim(k, TO, 1, 1, T0);
                Callable<Boolean> cancel = () -> messages.cancel(k, TO, 1, T0).isPresent();
                if (i % 2 == 0) {
                    claims.add(pool.submit(claim));
                    cancels.add(pool.submit(cancel));
                } else {
                    cancels.add(pool.submit(cancel));
                    claims.add(pool.submit(claim));
                }
            }
            for (int i = 0; i < n; i++) {
                boolean claimed = claims.get(i).get();
                boolean cancelled = cancels.get(i).get();
                assertNotEquals(claimed, cancelled, "message " + i + ": claimed=" + claimed + " cancelled=" + cancelled);
                assertEquals(cancelled ? Status.CANCELLED : Status.QUEUED, record(i).state().status());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Batch accepted(String reference, Instant createdAt, String from) {
        Batch pending = new Batch(account, reference, "tok-" + reference, "fp", Batch.State.PENDING, from, "Hi",
                Encoding.GSM7, 1, false, createdAt, null, createdAt.plus(Duration.ofHours(72)), null,
                List.of("2348020000000", "2348020000001"), List.of(), 2);
        batches.claim(pending);
        assertTrue(batches.markAccepted(pending));
        return pending.accepted();
    }

    @Test
    void aBatchIsMarkedCancelledOnceAndOnlyWhenAccepted() {
        Batch b = accepted("ref-c", T0, "myCode");
        Batch pending = new Batch(account, "ref-p", "tok-p", "fp", Batch.State.PENDING, "myCode", "Hi", Encoding.GSM7, 1,
                false, T0, null, T0.plusSeconds(60), null, List.of("2348020000000"), List.of(), 1);
        batches.claim(pending);

        assertTrue(batches.markCancelled(b, T0.plusSeconds(5)));
        assertFalse(batches.markCancelled(b, T0.plusSeconds(9)), "marked once");
        assertFalse(batches.markCancelled(pending, T0), "a claim still PENDING is not cancelled");
        assertEquals(T0.plusSeconds(5), batches.find(account, "ref-c").orElseThrow().cancelledAt());
        assertNull(batches.find(account, "ref-p").orElseThrow().cancelledAt());
    }

    @Test
    void theListingIsNewestFirstPagedFilteredAndHoldsOnlyAcceptedBatchesOfTheAccount() {
        // Whole seconds and milliseconds mixed: Instant.toString would sort 10:00:01Z after 10:00:01.5Z.
        accepted("ref-a", T0.plusSeconds(1), "myCode");
        accepted("ref-b", T0.plusMillis(1500), "Other");
        accepted("ref-c", T0.plusSeconds(2), "myCode");
        batches.claim(new Batch(account, "ref-pending", "tok", "fp", Batch.State.PENDING, "myCode", "Hi", Encoding.GSM7, 1,
                false, T0.plusSeconds(3), null, T0.plusSeconds(99), null, List.of("2348020000000"), List.of(), 1));
        String stranger = LocalTables.unique("acc");
        batches.claim(new Batch(stranger, "ref-x", "tok", "fp", Batch.State.PENDING, "myCode", "Hi", Encoding.GSM7, 1,
                false, T0.plusSeconds(4), null, T0.plusSeconds(99), null, List.of("2348020000000"), List.of(), 1));

        BatchStore.Page first = batches.listAccepted(new BatchStore.Listing(account, null, null, null, 2, null));
        assertEquals(List.of("ref-c", "ref-b"), first.batches().stream().map(BatchStore.Listed::referenceId).toList());
        BatchStore.Listed c = first.batches().get(0);
        assertEquals(new BatchStore.Listed("ref-c", "myCode", T0.plusSeconds(2), null, 2, 1, null), c);
        BatchStore.Page second = batches.listAccepted(new BatchStore.Listing(account, null, null, null, 2,
                first.next().orElseThrow()));
        assertEquals(List.of("ref-a"), second.batches().stream().map(BatchStore.Listed::referenceId).toList());

        assertEquals(List.of("ref-b"), batches.listAccepted(new BatchStore.Listing(account, null, null, "Other", 10, null))
                .batches().stream().map(BatchStore.Listed::referenceId).toList());
        assertEquals(List.of("ref-b", "ref-a"), batches.listAccepted(new BatchStore.Listing(account, T0.plusSeconds(1),
                T0.plusSeconds(2), null, 10, null)).batches().stream().map(BatchStore.Listed::referenceId).toList(),
                "created_after is inclusive, created_before exclusive");
        assertTrue(batches.listAccepted(new BatchStore.Listing(stranger, null, null, null, 10, null)).batches().isEmpty(),
                "a claim never accepted is never listed");
    }
}
