package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.ApiToken;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamoTokenStoreTest {

    private final DynamoTokenStore store = new DynamoTokenStore(LocalTables.tables());
    private final ApiToken.Stored token = new ApiToken.Stored(LocalTables.unique("tok"), LocalTables.unique("acc"),
            "hash-of-the-secret", Instant.parse("2026-01-01T12:00:00Z"));

    @Test
    void aTokenIsFoundByItsId() {
        store.save(token);

        assertEquals(Optional.of(token), store.find(token.tokenId()));
        assertEquals(Optional.empty(), store.find(LocalTables.unique("tok")));
    }

    @Test
    void anotherAccountCannotDeleteAToken() {
        store.save(token);

        assertFalse(store.delete(LocalTables.unique("acc"), token.tokenId()));

        assertEquals(Optional.of(token), store.find(token.tokenId()));
    }

    @Test
    void aTokenIsDeletedByItsAccountOnce() {
        store.save(token);

        assertTrue(store.delete(token.accountId(), token.tokenId()));
        assertFalse(store.delete(token.accountId(), token.tokenId()));

        assertEquals(Optional.empty(), store.find(token.tokenId()));
    }
}
