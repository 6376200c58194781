package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.optout.OptOutStore.Entry;
import com.ninebits.sms.domain.optout.OptOutStore.Page;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The opt-out list against the local DynamoDB server: one item per number, read for a batch by BatchGetItem. */
class DynamoOptOutStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private final Tables tables = LocalTables.tables();
    private final DynamoOptOutStore store = new DynamoOptOutStore(tables);
    private final String account = LocalTables.unique("acc");

    private static List<String> numbers(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("23480300%05d", i)).toList();
    }

    /** The real client, counting the BatchGetItem calls and every other read the store would make. */
    private static final class CountingClient implements DynamoDbClient {
        final DynamoDbClient real;
        final AtomicInteger batchGets = new AtomicInteger();

        CountingClient(DynamoDbClient real) {
            this.real = real;
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            batchGets.incrementAndGet();
            return real.batchGetItem(request);
        }

        @Override
        public String serviceName() {
            return real.serviceName();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void tenThousandRecipientsAreCheckedByAHundredBatchGetsNotTenThousandGets() {
        List<String> all = numbers(10_000);
        store.add(account, List.of(all.get(0), all.get(4_321), all.get(9_999)), T0);
        CountingClient counting = new CountingClient(tables.client());
        // Any other operation (GetItem, Query) throws on this client: BatchGetItem is the only read allowed.
        DynamoOptOutStore countingStore = new DynamoOptOutStore(new Tables(counting, tables.names()));

        Set<String> found = countingStore.optedOut(account, all);

        assertEquals(Set.of(all.get(0), all.get(4_321), all.get(9_999)), found);
        assertEquals(100, counting.batchGets.get());
    }

    @Test
    void anotherAccountsListIsNotRead() {
        store.add(account, List.of("2348030000001"), T0);

        assertEquals(Set.of(), store.optedOut(LocalTables.unique("acc"), List.of("2348030000001")));
        assertEquals(Set.of("2348030000001"), store.optedOut(account, List.of("2348030000001", "2348030000002")));
    }

    @Test
    void aNumberRemovedIsOffTheListAndRemovingItAgainSaysSo() {
        store.add(account, List.of("2348030000001", "2348030000002"), T0);

        assertTrue(store.remove(account, "2348030000001"));
        assertFalse(store.remove(account, "2348030000001"));
        assertEquals(Set.of("2348030000002"), store.optedOut(account, List.of("2348030000001", "2348030000002")));
    }

    @Test
    void theListIsPagedInNumberOrderWithoutAnEmptyLastPage() {
        store.add(account, numbers(7), T0);
        store.add(account, numbers(2), T0.plusSeconds(60));
        List<Entry> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Page page = store.list(account, 3, after);
            seen.addAll(page.numbers());
            after = page.nextAfter();
            pages++;
        } while (after != null);

        assertEquals(numbers(7), seen.stream().map(Entry::number).toList());
        assertEquals(3, pages);
        assertEquals(T0.plusSeconds(60), seen.get(0).addedAt(), "added again: the later time");
        assertEquals(T0, seen.get(6).addedAt());
        Page exact = store.list(account, 7, null);
        assertNull(exact.nextAfter(), "a page that ends the list says so");
    }

    @Test
    void theListSkipsTheAccountsOtherItems() {
        new DynamoQuietHoursStore(tables).put(account, com.ninebits.sms.domain.quiet.QuietHours.parse("21:00", "08:00"));
        store.add(account, List.of("2348030000009"), T0);

        assertEquals(List.of("2348030000009"), store.list(account, 10, null).numbers().stream().map(Entry::number).toList());
    }
}
