package com.ninebits.sms.domain.callback;

import java.util.Optional;

/**
 * The body a status event is told in. Batches accepted through another dialect of the API (Sinch's)
 * are told in that dialect's shapes, and some of its subscriptions want only some events (final
 * ones, or one report once the whole batch is final): empty means this event owes the receiver
 * nothing.
 */
public interface CallbackFormat {

    /** The gateway's own body, for every event. */
    CallbackFormat NATIVE = event -> Optional.of(CallbackBody.json(event));

    Optional<String> body(StatusEvent event);
}
