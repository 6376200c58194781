package com.ninebits.sms.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.ninebits.sms.adapters.http.Problem;
import com.ninebits.sms.adapters.http.Problems;
import com.ninebits.sms.domain.error.DomainException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure leaves as problem+json; unexpected ones are logged without request bodies. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        return Problems.of(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return Problems.response(400, "Malformed JSON", "the request body is not valid JSON", "malformed_json", null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problems.response(404, "Not found", "no such resource", "not_found", null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return Problems.response(405, "Method not allowed", "this resource does not take that method", "method_not_allowed", null);
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return Problems.response(415, "Unsupported media type", "send application/json", "unsupported_media_type", null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException) {
            return json(null);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status == 413) {
            return Problems.response(413, "Payload too large", "the request body is too large", "payload_too_large", null);
        }
        if (status >= 500) {
            LOG.errorf(e, "request failed with %d", status);
            return Problems.response(status, "Server error", "the request could not be completed; nothing was changed", "server_error", null);
        }
        return Problems.response(status, "Request refused", e.getMessage(), "bad_request", null);
    }

    /** The store or queue failed before anything took effect: the client may retry as it is. */
    @ServerExceptionMapper
    public Response aws(software.amazon.awssdk.core.exception.SdkException e) {
        LOG.warnf("AWS call failed: %s", e.getClass().getSimpleName());
        return Response.fromResponse(Problems.response(503, "Service unavailable",
                        "a backing service is unavailable; nothing was changed, retry shortly", "temporarily_unavailable", null))
                .header("Retry-After", 1).build();
    }

    @ServerExceptionMapper(priority = 6000)
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "unexpected failure: %s", e.getClass().getName());
        return Problems.response(500, "Server error", "the request could not be completed; nothing was changed", "server_error", null);
    }
}
