package com.ninebits.sms.domain.callback;

import java.util.ArrayList;
import java.util.List;

/** The callback queue as a list of what was sent to it, in order; it can be made to refuse. */
public final class RecordingCallbackQueue implements CallbackQueue {

    public final List<CallbackTask> sent = new ArrayList<>();
    public boolean down;

    @Override
    public synchronized void send(List<CallbackTask> tasks) {
        if (down) {
            throw new IllegalStateException("callback queue down");
        }
        sent.addAll(tasks);
    }

    public synchronized List<StatusEvent> events() {
        return sent.stream().map(CallbackTask::event).toList();
    }
}
