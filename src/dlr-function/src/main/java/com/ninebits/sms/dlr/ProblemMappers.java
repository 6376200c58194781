package com.ninebits.sms.dlr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.ninebits.sms.adapters.http.ProblemResponses;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The DLR webhook's failures as problem+json, worded by {@link Problems} like the API's. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        return ProblemResponses.of(Problems.of(e));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return ProblemResponses.of(Problems.malformedJson());
    }
}
