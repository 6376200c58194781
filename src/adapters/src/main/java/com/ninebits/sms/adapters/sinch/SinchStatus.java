package com.ninebits.sms.adapters.sinch;

import com.ninebits.sms.domain.message.MessageState;

import java.util.Set;

/**
 * The one table from this gateway's message statuses and error codes to Sinch's delivery-report
 * status names and numeric codes (README "Coming from Sinch" shows the same table).
 *
 * @param status Sinch's status name ({@code Delivered}, …)
 * @param code   Sinch's numeric code: 0 delivered, 4xx Sinch's own codes
 */
public record SinchStatus(String status, int code) {

    /** Submission failed five times, or the dispatch queue gave the message up: it never reached the SMSC. */
    private static final Set<String> NEVER_REACHED_SMSC = java.util.Set.of("smsc_unavailable", "dispatch_abandoned");

    public static SinchStatus of(MessageState.Status status, String errorCode) {
        return switch (status) {
            case QUEUED -> new SinchStatus("Queued", 400);
            case DISPATCHED -> new SinchStatus("Dispatched", 401);
            // The SMSC may have it but never answered: Sinch's word for "no receipt it could read".
            case UNKNOWN -> new SinchStatus("Unknown", 401);
            case DELIVERED -> new SinchStatus("Delivered", 0);
            case FAILED -> NEVER_REACHED_SMSC.contains(errorCode)
                    ? new SinchStatus("Aborted", 403)
                    : new SinchStatus("Failed", 403);
            case REJECTED -> new SinchStatus("Rejected", 408);
            case EXPIRED -> new SinchStatus("Expired", 406);
            case CANCELLED -> new SinchStatus("Cancelled", 407);
        };
    }
}
