package com.ninebits.sms.domain.message;

import java.time.Instant;

/** One entry of a message's history: the status it moved to, when, and the SMSC's own time of it (if it said). */
public record StatusChange(MessageState.Status status, Instant at, Instant smscTimestamp, String errorCode) {
}
