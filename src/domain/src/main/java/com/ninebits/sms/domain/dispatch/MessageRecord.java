package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.MessageState;

/**
 * A message's record as the dispatcher sees it: its state, how many submissions were claimed, and
 * whether one is under way (claimed, no answer recorded yet).
 */
public record MessageRecord(MessageState state, int attempts, boolean inFlight) {
}
