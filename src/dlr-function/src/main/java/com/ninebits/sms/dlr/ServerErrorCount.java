package com.ninebits.sms.dlr;

import com.ninebits.sms.adapters.smsc.http.HttpReports;
import com.ninebits.sms.adapters.smsc.kannel.KannelReports;
import com.ninebits.sms.domain.telemetry.Telemetry;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Counts every 5xx the webhook answers, whatever raised it: an SMSC retries such a report, and
 * a run of them (store down, a report the code cannot read) is what the DLR alarm watches.
 */
@Provider
public class ServerErrorCount implements ContainerResponseFilter {

    private final Telemetry telemetry;

    public ServerErrorCount(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 500) {
            return;
        }
        String connector = request.getUriInfo().getPathParameters().getFirst("connector");
        boolean known = KannelReports.CONNECTOR.equals(connector) || HttpReports.CONNECTOR.equals(connector);
        telemetry.receiptRefused(known ? connector : "other", response.getStatus());
    }
}
