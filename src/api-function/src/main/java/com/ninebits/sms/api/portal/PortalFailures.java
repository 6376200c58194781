package com.ninebits.sms.api.portal;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A portal form without its token changes nothing and says so. */
public class PortalFailures {

    private static final Logger LOG = Logger.getLogger(PortalFailures.class);

    @ServerExceptionMapper
    public Response formRefused(FormRefused e) {
        LOG.info("portal form refused: no valid form token");
        return Response.status(403).type("text/html;charset=UTF-8").header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Form expired</title></head>"
                        + "<body><h1>This form has expired</h1><p>Nothing was changed. "
                        + "<a href=\"/portal/overview\">Reload the portal</a> and try again.</p></body></html>")
                .build();
    }
}
