package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.TestClock;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.InMemoryAccounts;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.MessageState.Status;
import com.ninebits.sms.domain.message.StatusChange;
import com.ninebits.sms.domain.text.Encoding;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The list of batches (BatchListing) and the delivery-report views (DeliveryReportView): their rules, in memory. */
class BatchListingAndReportViewTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final String ACCOUNT = "acc_1";
    private static final List<String> TO = List.of("2348020000000", "2348020000001", "2348020000002", "2348020000003");

    private final TestClock clock = new TestClock(T0.plus(Duration.ofMinutes(10)));
    private final InMemoryBatchStore batches = new InMemoryBatchStore();
    private final Records records = new Records();
    private final BatchReport report = new BatchReport(batches, records, clock);
    private final BatchListing listing = new BatchListing(batches, report);
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final DeliveryReportView views = new DeliveryReportView(report, records, accounts);

    private Batch accepted(String account, String ref, Instant createdAt, String from) {
        Batch b = new Batch(account, ref, "tok", "fp", Batch.State.ACCEPTED, from, "Hi", Encoding.GSM7, 1, false, createdAt,
                null, createdAt.plus(Duration.ofHours(72)), null, TO, List.of(), TO.size());
        batches.put(b);
        return b;
    }

    private static BatchListing.Query query(int size, String token) {
        return new BatchListing.Query(size, token, null, null, null, null);
    }

    private static List<String> refs(BatchListing.Page page) {
        return page.batches().stream().map(l -> l.batch().referenceId()).toList();
    }

    private static List<String> fields(DomainException.Invalid e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void listsOnlyAcceptedBatchesOfTheAccountNewestFirstAndPagesOn() {
        accepted(ACCOUNT, "a", T0, "myCode");
        accepted(ACCOUNT, "b", T0.plusSeconds(1), "myCode");
        accepted(ACCOUNT, "c", T0.plusSeconds(2), "myCode");
        accepted("acc_2", "theirs", T0.plusSeconds(3), "myCode");
        batches.put(accepted(ACCOUNT, "pending", T0.plusSeconds(4), "myCode").withState(Batch.State.PENDING));

        BatchListing.Page first = listing.list(ACCOUNT, query(2, null));
        BatchListing.Page second = listing.list(ACCOUNT, query(2, first.nextPageToken()));

        assertEquals(List.of("c", "b"), refs(first));
        assertEquals(List.of("a"), refs(second));
        assertNull(second.nextPageToken());
        assertEquals("queued", first.batches().get(0).status());
        assertEquals(4, first.batches().get(0).counts().get(Status.QUEUED));
    }

    @Test
    void aPageTokenOfAnotherAccountOrAlteredIsRefused() {
        accepted(ACCOUNT, "a", T0, "myCode");
        accepted(ACCOUNT, "b", T0.plusSeconds(1), "myCode");
        String token = listing.list(ACCOUNT, query(1, null)).nextPageToken();

        assertEquals(List.of("page_token"), fields(assertThrows(DomainException.Invalid.class,
                () -> listing.list("acc_2", query(1, token)))));
        for (String altered : List.of("acc_1:x:a", "acc_1:123", "acc_1:1:..", token + "/")) {
            assertEquals(List.of("page_token"), fields(assertThrows(DomainException.Invalid.class,
                    () -> listing.list(ACCOUNT, query(1, altered)))), altered);
        }
    }

    @Test
    void namesEveryBadFilterAtOnce() {
        DomainException.Invalid e = assertThrows(DomainException.Invalid.class, () -> listing.list(ACCOUNT,
                new BatchListing.Query(0, "garbage", "lost", "", "yesterday", "soon")));
        assertEquals(List.of("page_size", "status", "from", "created_after", "created_before", "page_token"), fields(e));
        assertEquals(List.of("created_before"), fields(assertThrows(DomainException.Invalid.class, () -> listing.list(ACCOUNT,
                new BatchListing.Query(30, null, null, null, "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z")))));
    }

    @Test
    void filtersByStatusAsTheStatusPageNamesIt() {
        accepted(ACCOUNT, "queued", T0, "myCode");
        batches.put(accepted(ACCOUNT, "cancelled", T0.plusSeconds(1), "myCode").withCancelledAt(T0.plusSeconds(5)));

        assertEquals(List.of("cancelled"), refs(listing.list(ACCOUNT,
                new BatchListing.Query(30, null, "cancelled", null, null, null))));
        assertEquals(List.of("queued"), refs(listing.list(ACCOUNT,
                new BatchListing.Query(30, null, "QUEUED", null, null, null))));
    }

    @Test
    void aSummaryGroupsByStatusAndCodeAndAFullReportNamesTheRecipients() {
        accepted(ACCOUNT, "r", T0, "myCode");
        records.put("r", 0, Status.DELIVERED, null);
        records.put("r", 1, Status.FAILED, "absent_subscriber");
        records.put("r", 2, Status.DELIVERED, null);

        DeliveryReportView.Report summary = views.batch(ACCOUNT, "r", null, null);
        DeliveryReportView.Report full = views.batch(ACCOUNT, "r", "full", "delivered,failed");

        assertEquals(4, summary.totalMessageCount());
        assertEquals(List.of(new DeliveryReportView.Group(Status.QUEUED, null, 1, null),
                new DeliveryReportView.Group(Status.DELIVERED, null, 2, null),
                new DeliveryReportView.Group(Status.FAILED, "absent_subscriber", 1, null)), summary.statuses());
        assertEquals(List.of(new DeliveryReportView.Group(Status.DELIVERED, null, 2, List.of(TO.get(0), TO.get(2))),
                new DeliveryReportView.Group(Status.FAILED, "absent_subscriber", 1, List.of(TO.get(1)))), full.statuses());
        assertEquals(List.of("type", "status"), fields(assertThrows(DomainException.Invalid.class,
                () -> views.batch(ACCOUNT, "r", "everything", "delivered,lost"))));
        assertThrows(DomainException.NotFound.class, () -> views.batch("acc_2", "r", null, null));
    }

    @Test
    void oneRecipientsReportFindsTheNumberInAnySpellingAndTellsItsHistory() {
        accounts.create(new Account(ACCOUNT, "Acme", "NG", 10, 32, 10, 0, T0));
        accepted(ACCOUNT, "r", T0, "myCode");
        records.put("r", 1, Status.DELIVERED, null);

        for (String spelling : List.of("+2348020000001", "08020000001", "002348020000001")) {
            DeliveryReportView.RecipientReport r = views.recipient(ACCOUNT, "r", spelling);
            assertEquals(TO.get(1), r.state().to());
            assertEquals(List.of(Status.QUEUED, Status.DELIVERED), r.history().stream().map(StatusChange::status).toList());
        }
        assertEquals(List.of(Status.QUEUED), views.recipient(ACCOUNT, "r", TO.get(3)).history().stream()
                .map(StatusChange::status).toList(), "a message still queued has its acceptance only");
        assertThrows(DomainException.NotFound.class, () -> views.recipient(ACCOUNT, "r", "2348020000009"));
        assertThrows(DomainException.NotFound.class, () -> views.recipient(ACCOUNT, "r", "nonsense"));
    }

    /** Message records by batch and index, each with a one-entry history. */
    private static final class Records implements MessageStore {
        private final Map<String, TreeMap<Integer, MessageState>> byBatch = new HashMap<>();

        void put(String ref, int index, Status status, String code) {
            byBatch.computeIfAbsent(ref, r -> new TreeMap<>())
                    .put(index, new MessageState(index, TO.get(index), status, 1, null, null, T0.plusSeconds(index), code));
        }

        @Override
        public Map<Integer, MessageState> range(String accountId, String referenceId, int from, int to) {
            return new TreeMap<>(byBatch.getOrDefault(referenceId, new TreeMap<>()).subMap(from, to));
        }

        @Override
        public Map<Status, Integer> counts(String accountId, String referenceId) {
            Map<Status, Integer> out = new EnumMap<>(Status.class);
            byBatch.getOrDefault(referenceId, new TreeMap<>()).values().forEach(m -> out.merge(m.status(), 1, Integer::sum));
            return out;
        }

        @Override
        public List<StatusChange> history(String accountId, String referenceId, int index) {
            MessageState m = byBatch.getOrDefault(referenceId, new TreeMap<>()).get(index);
            return m == null ? List.of() : List.of(new StatusChange(m.status(), m.updatedAt(), null, m.errorCode()));
        }
    }
}
