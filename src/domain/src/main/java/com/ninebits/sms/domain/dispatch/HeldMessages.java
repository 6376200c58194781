package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.message.MessageKey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Messages held for their recipients' quiet hours, filed by the minute they are due (the end of
 * the quiet time, or the message's expiry if that comes first), and how far releasing has got.
 */
public interface HeldMessages {

    /** One held message; {@code acceptedAt} (its batch's) orders it among the account's other held messages. */
    record Held(String accountId, String referenceId, String token, int index, String to, Instant heldUntil,
                Instant due, Instant acceptedAt) {

        public MessageKey key() {
            return new MessageKey(accountId, referenceId, index);
        }
    }

    /**
     * Files the message under its due minute, then notes {@code heldUntil} on its record (only
     * while it is queued and no attempt is under way). Filed first: a message noted as held always
     * has an entry that releases it.
     */
    void hold(Held held, int parts, Instant now);

    List<Held> filedUnder(Instant minute);

    /** Removes released entries (in as few calls as the store allows: a release may hold thousands). */
    void remove(List<Held> released);

    /** The last minute whose every entry was released. */
    Optional<Instant> releasedThrough();

    void markReleasedThrough(Instant minute);
}
