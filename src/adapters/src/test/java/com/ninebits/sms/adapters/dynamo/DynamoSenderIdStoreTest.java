package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.sender.SenderId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamoSenderIdStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private final DynamoSenderIdStore store = new DynamoSenderIdStore(LocalTables.tables());
    private final String account = LocalTables.unique("acc");

    private SenderId senderId(String value, SenderId.Status status, Instant updatedAt) {
        return new SenderId(account, value, status, T0, updatedAt);
    }

    @Test
    void aSenderIdIsCreatedOnlyIfAbsent() {
        SenderId first = senderId("myCode", SenderId.Status.PENDING, T0);

        assertTrue(store.createIfAbsent(first));
        assertFalse(store.createIfAbsent(senderId("myCode", SenderId.Status.APPROVED, T0.plusSeconds(1))));

        assertEquals(Optional.of(first), store.find(account, "myCode"));
    }

    @Test
    void aSavedSenderIdReplacesTheStoredOne() {
        store.createIfAbsent(senderId("myCode", SenderId.Status.PENDING, T0));
        SenderId approved = senderId("myCode", SenderId.Status.APPROVED, T0.plusSeconds(60));

        store.save(approved);

        assertEquals(Optional.of(approved), store.find(account, "myCode"));
    }

    @Test
    void anAccountsSenderIdsAreListedAndNoOneElses() {
        store.createIfAbsent(senderId("Alpha", SenderId.Status.PENDING, T0));
        store.createIfAbsent(senderId("Beta", SenderId.Status.REJECTED, T0));
        store.createIfAbsent(new SenderId(LocalTables.unique("acc"), "Gamma", SenderId.Status.APPROVED, T0, T0));

        assertEquals(List.of("Alpha", "Beta"), store.list(account).stream().map(SenderId::senderId).toList());
        assertEquals(Optional.empty(), store.find(account, "Gamma"));
    }
}
