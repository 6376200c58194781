package com.ninebits.sms.adapters.logging;

import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Runs each task with the MDC of the thread that handed it over (the record's request, account and
 * batch ids), so that a task's log lines on a pool thread say what they are about as its caller's
 * do; the thread's own MDC is put back afterwards, so nothing leaks to its next task.
 */
public final class MdcCarryingExecutor implements Executor {

    private final Executor executor;

    public MdcCarryingExecutor(Executor executor) {
        this.executor = executor;
    }

    @Override
    public void execute(Runnable task) {
        Map<String, Object> caller = copy();
        executor.execute(() -> {
            Map<String, Object> own = copy();
            replace(caller);
            try {
                task.run();
            } finally {
                replace(own);
            }
        });
    }

    /** A copy: some providers hand out their live map (which a new thread may even share with its parent). */
    private static Map<String, Object> copy() {
        return new HashMap<>(MDC.getMap());
    }

    private static void replace(Map<String, Object> context) {
        MDC.clear();
        context.forEach(MDC::put);
    }
}
