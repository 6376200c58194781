package com.ninebits.sms.local;

import java.nio.charset.StandardCharsets;

/** How one invocation of a function ended, as the service that invoked it sees it. */
public sealed interface InvocationResult {

    /** The function posted a response (its bytes as posted; empty when it returned nothing). */
    record Answered(byte[] payload) implements InvocationResult {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** The function posted an error, or its runtime went away while holding the invocation. */
    record Failed(String errorType, String errorMessage) implements InvocationResult {
    }

    /**
     * No answer within the function's timeout. {@code started} is false when no instance took the
     * event in that time (every instance busy or dead), true when one took it and never answered.
     */
    record TimedOut(boolean started) implements InvocationResult {
    }
}
