package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.access.RequestAllowance;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A token's request rate on the real store, as two API instances see it: two allowances (each with
 * its own memory) over one table share the token's rate, in blocks that cost a write each.
 */
class TokenRequestRateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final int RATE = 50;

    private final RequestAllowance one = new RequestAllowance(DynamoRateLimiter.forTokens(LocalTables.tables()));
    private final RequestAllowance two = new RequestAllowance(DynamoRateLimiter.forTokens(LocalTables.tables()));

    /** Requests alternately from both instances at {@code at} until one is refused; how many went through. */
    private static int takenUntilRefused(RequestAllowance a, RequestAllowance b, String token, Instant at) {
        for (int n = 0; n < 1_000; n++) {
            if ((n % 2 == 0 ? a : b).take(token, RATE, at).isPresent()) {
                return n;
            }
        }
        throw new AssertionError("never refused");
    }

    @Test
    void twoInstancesShareOneTokensBurstBetweenThem() {
        String token = LocalTables.unique("tok");

        int taken = takenUntilRefused(one, two, token, T0);

        // A burst of twice the rate, give or take the block each instance holds.
        assertTrue(taken >= 2 * RATE - RATE / 5 && taken <= 2 * RATE + 2 * (RATE / 5), "took " + taken);
        assertTrue(one.take(token, RATE, T0).isPresent() || two.take(token, RATE, T0).isPresent());
    }

    @Test
    void aRefusalSaysHowLongUntilTheTimelineHasRoom() {
        String token = LocalTables.unique("tok");
        takenUntilRefused(one, two, token, T0);

        Optional<Duration> wait = one.take(token, RATE, T0);

        assertTrue(wait.isPresent());
        assertTrue(!wait.get().isNegative() && wait.get().compareTo(Duration.ofSeconds(1)) <= 0, wait.toString());
        assertEquals(Optional.empty(), one.take(token, RATE, T0.plus(wait.get()).plusMillis(1)));
    }

    @Test
    void overASecondTheTwoTogetherGetTheRateNotTwiceIt() {
        String token = LocalTables.unique("tok");
        takenUntilRefused(one, two, token, T0);
        int taken = 0;
        // Ten steps of a tenth of a second, each instance taking all it is given.
        for (int step = 1; step <= 10; step++) {
            Instant at = T0.plusMillis(100L * step);
            while (one.take(token, RATE, at).isEmpty()) {
                taken++;
            }
            while (two.take(token, RATE, at).isEmpty()) {
                taken++;
            }
        }
        assertTrue(taken >= RATE - RATE / 5 && taken <= RATE + 2 * (RATE / 5), "took " + taken + " in a second");
    }

    @Test
    void anotherTokenIsUnaffected() {
        String flooding = LocalTables.unique("tok");
        takenUntilRefused(one, two, flooding, T0);

        assertEquals(Optional.empty(), one.take(LocalTables.unique("tok"), RATE, T0));
    }

    @Test
    void aBlockCostsOneWriteForAFifthOfASecondsRequests() {
        String token = LocalTables.unique("tok");
        one.take(token, RATE, T0);
        String before = LocalTables.tables().accounts().getConsistent(Keys.tokenRate(token)).orElseThrow().toString();

        for (int i = 1; i < RATE / 5; i++) {
            assertEquals(Optional.empty(), one.take(token, RATE, T0));
        }

        assertEquals(before, LocalTables.tables().accounts().getConsistent(Keys.tokenRate(token)).orElseThrow().toString());
    }

    @Test
    void aTokenRefusedAgainAndAgainCostsNoFurtherWrite() {
        String token = LocalTables.unique("tok");
        takenUntilRefused(one, one, token, T0);
        String before = LocalTables.tables().accounts().getConsistent(Keys.tokenRate(token)).orElseThrow().toString();

        for (int i = 0; i < 100; i++) {
            assertTrue(one.take(token, RATE, T0.plusMillis(i)).isPresent());
        }

        assertEquals(before, LocalTables.tables().accounts().getConsistent(Keys.tokenRate(token)).orElseThrow().toString());
    }
}
