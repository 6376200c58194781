package com.ninebits.sms.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.ninebits.sms.adapters.logging.LogContext;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every log line of a request carries the Lambda request id and API Gateway's (and, once
 * {@link AccessFilter} knows it, the account): the Lambda handler hands both in with the request.
 * Worker threads serve one request after another, so what one request put is removed at its start
 * and its end.
 */
public class RequestLogContext {

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public void tag(HttpServerRequest received) {
        LogContext.clear();
        if (received.headers() instanceof QuarkusHttpHeaders headers) {
            Context lambda = headers.getContextObject(Context.class);
            APIGatewayV2HTTPEvent event = headers.getContextObject(APIGatewayV2HTTPEvent.class);
            LogContext.put(LogContext.REQUEST_ID, lambda == null ? null : lambda.getAwsRequestId());
            LogContext.put(LogContext.API_REQUEST_ID,
                    event == null || event.getRequestContext() == null ? null : event.getRequestContext().getRequestId());
        }
    }

    @ServerResponseFilter
    public void untag() {
        LogContext.clear();
    }
}
