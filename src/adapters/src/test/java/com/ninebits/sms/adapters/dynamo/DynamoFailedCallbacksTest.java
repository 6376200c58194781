package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.callback.FailedCallbacks.Failed;
import com.ninebits.sms.domain.callback.FailedCallbacks.Page;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DynamoFailedCallbacksTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final Tables tables = LocalTables.tables();
    private final DynamoFailedCallbacks failed = new DynamoFailedCallbacks(tables);
    private final String account = LocalTables.unique("acc");

    private Failed failed(int index) {
        return failed(account, index);
    }

    private static Failed failed(String account, int index) {
        MessageState state = new MessageState(index, "2348020000000", MessageState.Status.DELIVERED, 1, "smsc-" + index,
                T0.minusSeconds(2), T0.minusSeconds(1), null);
        StatusEvent event = StatusEvent.of(new MessageKey(account, "ref-1", index), state,
                new Subscription("https://hooks.example.com/sms"));
        return new Failed(event, 7, "http_410", T0);
    }

    @Test
    void aFailedCallbackIsKeptFoundAndRemoved() {
        Failed one = failed(0);

        failed.keep(one);
        assertEquals(Optional.of(one), failed.find(account, one.event().eventId()));

        failed.remove(account, one.event().eventId());
        assertEquals(Optional.empty(), failed.find(account, one.event().eventId()));
    }

    @Test
    void itExpiresThirtyDaysAfterItFailedByTheTablesTtl() {
        Failed one = failed(0);

        failed.keep(one);

        var item = LocalTables.stored(tables.accounts(), Keys.failedCallback(account, one.event().eventId()));
        assertEquals(Long.toString(T0.plusSeconds(30L * 24 * 3600).getEpochSecond()), item.get("expires_at_epoch").n());
    }

    @Test
    void anAccountsFailedCallbacksArePagedAndNoOneElses() {
        for (int i = 0; i < 5; i++) {
            failed.keep(failed(i));
        }
        failed.keep(failed(LocalTables.unique("acc"), 0));

        List<Failed> seen = new ArrayList<>();
        String after = null;
        do {
            Page page = failed.list(account, after, 2);
            seen.addAll(page.items());
            after = page.next();
        } while (after != null);

        assertEquals(5, seen.size());
        assertEquals(5, seen.stream().map(f -> f.event().eventId()).distinct().count());
        assertNull(failed.list(account, seen.get(4).event().eventId(), 2).next());
    }
}
