package com.ninebits.sms.adapters.metrics;

import com.ninebits.sms.domain.telemetry.Telemetry;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Writes the metrics a Lambda handler's invocation recorded when it ends, however it ends: the
 * one place event functions flush {@link Telemetry}, as {@link TelemetryFlushFilter} is for HTTP.
 */
@FlushesTelemetry
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class TelemetryFlush {

    private final Telemetry telemetry;

    public TelemetryFlush(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @AroundInvoke
    Object flushAfter(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } finally {
            telemetry.flush();
        }
    }
}
