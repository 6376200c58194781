package com.ninebits.sms.domain.batch;

import java.util.Map;

/** Per-message records, written once a message leaves the queue. */
public interface MessageStore {

    /** The records of the batch's messages with index in [from, to), by index; absent ones are still queued. */
    Map<Integer, MessageState> range(String accountId, String referenceId, int from, int to);
}
