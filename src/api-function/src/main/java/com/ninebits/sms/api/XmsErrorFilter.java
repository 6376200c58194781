package com.ninebits.sms.api;

import com.ninebits.sms.adapters.http.ProblemBody;
import com.ninebits.sms.adapters.sinch.SinchErrors;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Under {@code /xms}, every problem the API renders (from a resource, a filter or the framework's
 * own refusals) leaves in Sinch's words: {@link SinchErrors} translates, this only swaps the body.
 * Headers such as {@code Retry-After} and {@code WWW-Authenticate} stay.
 */
public class XmsErrorFilter {

    @ServerResponseFilter
    public void sinchShaped(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof ProblemBody problem)
                || !request.getUriInfo().getPath().startsWith(XmsAccessFilter.PREFIX)) {
            return;
        }
        SinchErrors.Rendered rendered = SinchErrors.of(problem);
        response.setStatus(rendered.status());
        response.setEntity(rendered.body(), null, MediaType.APPLICATION_JSON_TYPE);
        response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    }
}
