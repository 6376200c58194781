package com.ninebits.sms.dlr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.ninebits.sms.adapters.http.ProblemResponses;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.Problems;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The DLR webhook's failures as problem+json, worded by {@link Problems} like the API's. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        return ProblemResponses.of(Problems.of(e));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return ProblemResponses.of(Problems.malformedJson());
    }

    /** More specific than the one above, so that it wins over the framework's own mapper with no body. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return ProblemResponses.of(Problems.malformedJson());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        return ProblemResponses.ofFramework(status, e.getMessage());
    }

    /** Even a failure nobody foresaw answers in the contract's form, never the framework's page. */
    @ServerExceptionMapper(priority = 6000)
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "unexpected failure: %s", e.getClass().getName());
        return ProblemResponses.of(Problems.serverError());
    }
}
