package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.message.MessageState;
import java.util.Map;

/** Per-message records, written once a message leaves the queue. */
public interface MessageStore {

    /** The records of the batch's messages with index in [from, to), by index; absent ones are still queued. */
    Map<Integer, MessageState> range(String accountId, String referenceId, int from, int to);

    /** How many of the batch's records stand at each status (statuses with none may be absent). */
    Map<MessageState.Status, Integer> counts(String accountId, String referenceId);
}
