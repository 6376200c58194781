package com.ninebits.sms.domain.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Scheduled batches filed by the minute of their {@code send_at}, and how far releasing has got. */
public interface ReleaseSchedule {

    record Entry(String accountId, String referenceId, String token, Instant sendAt) {
    }

    List<Entry> filedUnder(Instant minute);

    void remove(Entry entry);

    /** The last minute whose every entry was released. */
    Optional<Instant> releasedThrough();

    void markReleasedThrough(Instant minute);
}
