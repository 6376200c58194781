package com.ninebits.sms.local;

import java.util.concurrent.CompletableFuture;

/** What the event sources need of a function: hand it one event, learn how it ended. */
@FunctionalInterface
interface Invoker {

    /** Never completes exceptionally: every outcome, timeouts included, is an {@link InvocationResult}. */
    CompletableFuture<InvocationResult> invoke(byte[] event);
}
