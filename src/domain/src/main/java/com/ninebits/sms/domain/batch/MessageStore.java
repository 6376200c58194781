package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.StatusChange;
import java.util.List;
import java.util.Map;

/** Per-message records, written once a message leaves the queue. */
public interface MessageStore {

    /** The records of the batch's messages with index in [from, to), by index; absent ones are still queued. */
    Map<Integer, MessageState> range(String accountId, String referenceId, int from, int to);

    /** How many of the batch's records stand at each status (statuses with none may be absent). */
    Map<MessageState.Status, Integer> counts(String accountId, String referenceId);

    /** The status changes of the message at {@code index}, oldest first; empty while it has no record. */
    List<StatusChange> history(String accountId, String referenceId, int index);
}
