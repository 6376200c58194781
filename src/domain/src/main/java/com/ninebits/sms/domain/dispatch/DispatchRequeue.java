package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.DispatchChunk;

import java.time.Instant;
import java.util.List;

/** Puts held messages back on their account's dispatch queue, as chunks of their own, in the order given. */
public interface DispatchRequeue {

    /** A chunk of held messages of one batch, due at {@code due}: with the chunk, what makes a second copy one. */
    record Released(DispatchChunk chunk, Instant due) {
    }

    void requeue(List<Released> chunks);
}
