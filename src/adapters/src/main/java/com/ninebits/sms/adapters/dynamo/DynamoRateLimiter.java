package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.dispatch.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An account's pace ({@code RATE#id / RATE}): {@code booked_until_us}, the instant (epoch
 * microseconds) where what dispatchers booked ends. A booking is one conditional update: it moves
 * that instant on from itself while it lies ahead (no further than the caller would start), or
 * from now once it has passed, so concurrent dispatchers always get runs of their own.
 *
 * <p>API tokens' request rates ({@code TOKENRATE#id / RATE}, see {@link #forTokens}) are booked by
 * the same rule, each token on a timeline of its own.
 */
@ApplicationScoped
public class DynamoRateLimiter implements RateLimiter {

    private static final String BOOKED_UNTIL = "booked_until_us";

    private final Table accounts;
    private final Function<String, Keys.Key> keyOf;
    /**
     * Where each account's bookings ended when this instance last booked: the update likelier to
     * succeed is tried first, since a refused conditional write costs a write too.
     */
    private final Map<String, Long> lastSeenUntil = new ConcurrentHashMap<>();

    @Inject
    public DynamoRateLimiter(Tables tables) {
        this(tables, Keys::rateWindow);
    }

    private DynamoRateLimiter(Tables tables, Function<String, Keys.Key> keyOf) {
        this.accounts = tables.accounts();
        this.keyOf = keyOf;
    }

    /** The timelines of API tokens' request rates, where {@code book} takes a token id. */
    public static DynamoRateLimiter forTokens(Tables tables) {
        return new DynamoRateLimiter(tables, Keys::tokenRate);
    }

    @Override
    public Booking book(String accountId, Duration length, Instant now, Instant latestStart) {
        Keys.Key key = keyOf.apply(accountId);
        long nowUs = micros(now);
        long lengthUs = Math.max(1, length.toNanos() / 1_000);
        boolean likelyAhead = lastSeenUntil.getOrDefault(accountId, 0L) > nowUs;
        Refusal refused = new Refusal();
        Long from = likelyAhead ? afterBookings(key, nowUs, lengthUs, micros(latestStart), refused) : null;
        if (from == null) {
            from = fromNow(key, nowUs, lengthUs, refused);
        }
        if (from == null && !likelyAhead) {
            from = afterBookings(key, nowUs, lengthUs, micros(latestStart), refused);
        }
        if (from != null) {
            lastSeenUntil.put(accountId, from + lengthUs);
            return new Booked(instant(from));
        }
        return new Full(instant(bookedUntil(key, refused.item)));
    }

    /** The item as the store last told it when refusing a booking (empty: it did not tell). */
    private static final class Refusal {
        private Map<String, AttributeValue> item = Map.of();
    }

    /** Books from where the bookings end, if that is ahead of now and no later than {@code latestUs}; null if not. */
    private Long afterBookings(Keys.Key key, long nowUs, long lengthUs, long latestUs, Refusal refused) {
        Update update = accounts.update(key)
                .set("#until = #until + :length").name("#until", BOOKED_UNTIL)
                .value(":length", lengthUs).value(":now", nowUs).value(":latest", latestUs)
                .when("#until > :now AND #until <= :latest")
                .returning(ReturnValue.UPDATED_OLD)
                .tellingTheItemIfRefused();
        Long from = update.applyIfAllowed().map(old -> Long.parseLong(old.get(BOOKED_UNTIL).n())).orElse(null);
        refused.item = update.refusedItem();
        return from;
    }

    /** Books from now, if nothing is booked beyond it; null if something is. */
    private Long fromNow(Keys.Key key, long nowUs, long lengthUs, Refusal refused) {
        Update update = accounts.update(key)
                .set("#until = :until").name("#until", BOOKED_UNTIL)
                .value(":until", nowUs + lengthUs).value(":now", nowUs)
                .when("attribute_not_exists(#until) OR #until <= :now")
                .tellingTheItemIfRefused();
        boolean booked = update.applyIf();
        refused.item = update.refusedItem();
        return booked ? nowUs : null;
    }

    /**
     * Where the bookings end, as the last refused write found them; read only when the store did
     * not say (dynalite ignores {@code ReturnValuesOnConditionCheckFailure}; DynamoDB tells).
     */
    private long bookedUntil(Keys.Key key, Map<String, AttributeValue> refusedItem) {
        AttributeValue until = refusedItem.containsKey(BOOKED_UNTIL) ? refusedItem.get(BOOKED_UNTIL)
                : accounts.getConsistent(key, "#until", Map.of("#until", BOOKED_UNTIL)).get(BOOKED_UNTIL);
        return until == null ? 0L : Long.parseLong(until.n());
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
