package com.ninebits.sms.domain.callback;

import java.net.InetAddress;
import java.time.Duration;

/**
 * POSTs a signed JSON body to a customer's URL, following no redirect, within a time limit, and
 * says what the receiver's answer means for the event.
 */
public interface CallbackSender {

    /** What the POST came to. */
    sealed interface Answer permits Delivered, RetryLater, Refused {
    }

    /** The receiver took the event. */
    record Delivered() implements Answer {
    }

    /**
     * Worth another try: the receiver was busy or failing, or could not be reached at all.
     *
     * @param reason     why, as it is kept with the event
     * @param retryAfter how long the receiver asked to be left alone, or null
     * @param reached    false when no answer came (refused or dropped connection, timeout): the
     *                   receiver is then let rest before its next event
     */
    record RetryLater(String reason, Duration retryAfter, boolean reached) implements Answer {
    }

    /** The receiver will not take it however often it is sent (any other answer, a redirect included). */
    record Refused(String reason) implements Answer {
    }

    /**
     * POSTs to {@code url}, connecting to {@code address} (the one its check resolved), with the
     * URL's host as the {@code Host} header and, for https, as the TLS server name the certificate
     * must match.
     */
    Answer post(String url, InetAddress address, String signature, String body);
}
