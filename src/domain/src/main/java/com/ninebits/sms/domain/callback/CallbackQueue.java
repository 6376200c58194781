package com.ninebits.sms.domain.callback;

import java.util.List;

/** Where callback tasks wait until due; a task due later is held back by the queue, not by a sleeping caller. */
public interface CallbackQueue {

    /** Queues every task, or throws: none is silently dropped. */
    void send(List<CallbackTask> tasks);
}
