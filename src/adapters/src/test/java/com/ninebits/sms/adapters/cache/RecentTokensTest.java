package com.ninebits.sms.adapters.cache;

import com.ninebits.sms.domain.account.ApiToken;
import com.ninebits.sms.domain.account.TokenStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariant: a token is taken from memory for at most the ttl after it was read; a revocation
 * through this instance is seen at once; a token not found is looked up again every time.
 */
class RecentTokensTest {

    private static final Duration TTL = Duration.ofSeconds(5);

    /** The store as the Dynamo one behaves, counting its reads. */
    private static final class Store implements TokenStore {
        final Map<String, ApiToken.Stored> tokens = new HashMap<>();
        int reads;
        Runnable duringRead = () -> {
        };

        @Override
        public void save(ApiToken.Stored token) {
            tokens.put(token.tokenId(), token);
        }

        @Override
        public Optional<ApiToken.Stored> find(String tokenId) {
            reads++;
            Optional<ApiToken.Stored> found = Optional.ofNullable(tokens.get(tokenId));
            duringRead.run();
            return found;
        }

        @Override
        public boolean delete(String accountId, String tokenId) {
            return tokens.remove(tokenId) != null;
        }
    }

    private final Store store = new Store();
    private final MovingClock clock = new MovingClock();
    private final RecentTokens tokens = new RecentTokens(store, TTL, clock);
    private final ApiToken.Stored token = new ApiToken.Stored("tok1", "acc_1", "hash", Instant.EPOCH);

    @Test
    void aTokenReadOnceIsTakenFromMemoryUntilTheTtlIsOver() {
        store.save(token);

        assertEquals(Optional.of(token), tokens.find("tok1"));
        clock.advance(TTL.minusMillis(1));
        assertEquals(Optional.of(token), tokens.find("tok1"));
        assertEquals(1, store.reads);

        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.of(token), tokens.find("tok1"));
        assertEquals(2, store.reads, "read again once the ttl is over");
    }

    @Test
    void aTokenRevokedElsewhereIsRefusedOnceTheTtlIsOver() {
        store.save(token);
        tokens.find("tok1");
        store.tokens.clear();

        clock.advance(TTL);

        assertEquals(Optional.empty(), tokens.find("tok1"));
    }

    @Test
    void aTokenRevokedThroughThisInstanceIsRefusedAtOnce() {
        store.save(token);
        tokens.find("tok1");

        assertTrue(tokens.delete("acc_1", "tok1"));

        assertEquals(Optional.empty(), tokens.find("tok1"));
    }

    @Test
    void aReadUnderWayWhenTheTokenIsRevokedDoesNotBringItBack() {
        store.save(token);
        store.duringRead = () -> {
            store.duringRead = () -> {
            };
            tokens.delete("acc_1", "tok1");
        };

        assertEquals(Optional.of(token), tokens.find("tok1"), "the read began before the revocation");
        assertEquals(Optional.empty(), tokens.find("tok1"));
    }

    @Test
    void anUnknownTokenIsNeverRemembered() {
        assertEquals(Optional.empty(), tokens.find("tok1"));
        store.save(token);

        assertEquals(Optional.of(token), tokens.find("tok1"), "a token issued a moment later works at once");
    }

    @Test
    void aZeroTtlReadsEveryTime() {
        RecentTokens uncached = new RecentTokens(store, Duration.ZERO, clock);
        store.save(token);

        uncached.find("tok1");
        uncached.find("tok1");

        assertEquals(2, store.reads);
    }
}
