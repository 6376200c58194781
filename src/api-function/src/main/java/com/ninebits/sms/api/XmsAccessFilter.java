package com.ninebits.sms.api;

import com.ninebits.sms.domain.account.Authentication;
import com.ninebits.sms.domain.error.DomainException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Who may call {@code /xms/v1/{service_plan_id}/…}, the Sinch-compatible API: a bearer token of
 * the account that {@code service_plan_id} names. A valid token of another account learns nothing
 * of the one it names: 404, as for another account's batch.
 */
public class XmsAccessFilter {

    static final String PREFIX = "/xms/v1/";
    private static final String BEARER = "Bearer ";

    private final Authentication authentication;
    private final RequestAccount account;

    public XmsAccessFilter(Authentication authentication, RequestAccount account) {
        this.authentication = authentication;
        this.account = account;
    }

    @ServerRequestFilter
    public void authorise(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(PREFIX)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new DomainException.Unauthorized("an Authorization: Bearer token is required");
        }
        String accountId = authentication.accountOf(header.substring(BEARER.length()).strip());
        int end = path.indexOf('/', PREFIX.length());
        String servicePlanId = path.substring(PREFIX.length(), end < 0 ? path.length() : end);
        if (!servicePlanId.equals(accountId)) {
            throw new DomainException.NotFound("service plan");
        }
        account.set(accountId);
    }
}
