package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.quiet.QuietHours;
import com.ninebits.sms.domain.quiet.QuietHoursStore;
import com.ninebits.sms.domain.quiet.RegionZones;

import java.time.Instant;
import java.util.Optional;

/**
 * Keeps a message out of its recipient's quiet time: the dispatcher asks, per message, until when
 * it must wait, and a message that must is filed for then ({@link HeldMessages}) and left out of
 * the chunk's run, so that it holds up none of the account's other messages. {@link HeldRelease}
 * puts it back on the queue when it is due.
 */
public final class QuietHold {

    /** Until when a message to {@code number} must wait at {@code now}; empty: it may go. */
    @FunctionalInterface
    public interface Rule {
        Optional<Instant> until(String number, Instant now);
    }

    private static final Rule NEVER = (number, now) -> Optional.empty();

    private final QuietHoursStore settings;
    private final HeldMessages held;
    private final RegionZones zones;

    public QuietHold(QuietHoursStore settings, HeldMessages held, RegionZones zones) {
        this.settings = settings;
        this.held = held;
        this.zones = zones;
    }

    /** For a dispatcher of a deployment without quiet hours: nothing is ever held. */
    public static QuietHold never() {
        return new QuietHold(null, null, null);
    }

    /** The rule for one run of a chunk: the account's setting is read once per run. */
    Rule rule(Batch batch) {
        if (settings == null || batch.ignoreQuietHours()) {
            return NEVER;
        }
        Optional<QuietHours> hours = settings.find(batch.accountId());
        if (hours.isEmpty()) {
            return NEVER;
        }
        QuietHours window = hours.get();
        return (number, now) -> window.quietUntil(zones.ofNumber(number), now);
    }

    /** Files the message for the end of its quiet time, or for its expiry if that comes first. */
    void hold(Batch batch, MessageKey key, String number, Instant until, Instant now) {
        Instant due = until.isAfter(batch.expireAt()) ? batch.expireAt() : until;
        held.hold(new HeldMessages.Held(key.accountId(), key.referenceId(), batch.token(), key.index(), number, until, due,
                batch.createdAt()), batch.partsOf(key.index()), now);
    }
}
