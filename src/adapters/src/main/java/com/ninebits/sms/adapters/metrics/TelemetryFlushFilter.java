package com.ninebits.sms.adapters.metrics;

import com.ninebits.sms.domain.telemetry.Telemetry;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes the metrics an HTTP request recorded once its response is made. Response filters run from
 * the highest priority to the lowest, so with the lowest this one comes after every filter that
 * may still record something (the DLR's count of 5xx answers).
 */
@Provider
@Priority(1)
public class TelemetryFlushFilter implements ContainerResponseFilter {

    private final Telemetry telemetry;

    public TelemetryFlushFilter(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        telemetry.flush();
    }
}
