package com.ninebits.sms.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.ninebits.sms.adapters.http.ProblemResponses;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.Problem;
import com.ninebits.sms.domain.error.Problems;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Every failure leaves as problem+json, as {@link Problems} words it; unexpected ones are logged
 * without request bodies.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        Problem problem = Problems.of(e);
        Response answer = ProblemResponses.of(problem);
        if (problem.kind() != Problem.Kind.UNAUTHORIZED) {
            return answer;
        }
        // The API's credential is a bearer token; the challenge names it.
        return Response.fromResponse(answer).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sms\"").build();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return ProblemResponses.of(Problems.malformedJson());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ProblemResponses.of(Problems.noSuchResource());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return ProblemResponses.of(Problems.methodNotAllowed());
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return ProblemResponses.of(Problems.unsupportedMediaType());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException) {
            return json(null);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status == 413) {
            return ProblemResponses.of(Problems.bodyTooLarge());
        }
        if (status >= 500) {
            LOG.errorf(e, "request failed with %d", status);
            return ProblemResponses.of(Problems.serverError(), status);
        }
        return ProblemResponses.of(Problems.refused(e.getMessage()), status);
    }

    /**
     * The store or queue failed before anything took effect: the client may retry as it is. Not
     * when the service refused the request itself (a key too long, say): that answer never
     * changes, and a 503 would have the client retry it forever.
     */
    @ServerExceptionMapper
    public Response aws(software.amazon.awssdk.core.exception.SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && "ValidationException".equals(service.awsErrorDetails().errorCode())) {
            LOG.errorf(e, "AWS refused a request the gateway made: %s", service.awsErrorDetails().errorMessage());
            return ProblemResponses.of(Problems.serverError());
        }
        LOG.warnf("AWS call failed: %s", e.getClass().getSimpleName());
        return ProblemResponses.of(Problems.backendUnavailable());
    }

    @ServerExceptionMapper(priority = 6000)
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "unexpected failure: %s", e.getClass().getName());
        return ProblemResponses.of(Problems.serverError());
    }
}
