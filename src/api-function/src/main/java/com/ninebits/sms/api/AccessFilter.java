package com.ninebits.sms.api;

import com.ninebits.sms.domain.account.Authentication;
import com.ninebits.sms.domain.error.DomainException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may call what: {@code /ng/v1/admin/*} needs the operator key, every other {@code /ng/v1}
 * endpoint a bearer token, whose account becomes the request's account.
 */
public class AccessFilter {

    private static final String BEARER = "Bearer ";

    private final Authentication authentication;
    private final RequestAccount account;
    private final AdminConfig admin;

    public AccessFilter(Authentication authentication, RequestAccount account, AdminConfig admin) {
        this.authentication = authentication;
        this.account = account;
        this.admin = admin;
    }

    @ServerRequestFilter
    public void authorise(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/ng/v1/admin/") || path.equals("/ng/v1/admin")) {
            requireAdmin(request.getHeaderString("X-Admin-Key"));
        } else if (path.startsWith("/ng/v1/")) {
            String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new DomainException.Unauthorized("an Authorization: Bearer token is required");
            }
            account.set(authentication.accountOf(header.substring(BEARER.length()).strip()));
        }
    }

    private void requireAdmin(String presented) {
        String expected = admin.key().filter(k -> !k.isBlank()).orElse(null);
        if (expected == null || presented == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            throw new DomainException.Unauthorized("a valid X-Admin-Key is required");
        }
    }
}
