package com.ninebits.sms.api;

import com.ninebits.sms.adapters.logging.LogContext;
import com.ninebits.sms.domain.access.ApiAdmission;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may call what: {@code /ng/v1/admin/*} needs the operator key, every other {@code /ng/v1}
 * endpoint a bearer token that {@link ApiAdmission} admits, whose account becomes the request's
 * account. The source address is API Gateway's {@code requestContext.http.sourceIp}, which the
 * Lambda handler makes the request's remote address.
 */
public class AccessFilter {

    private static final String BEARER = "Bearer ";

    private final ApiAdmission admission;
    private final RequestAccount account;
    private final AdminConfig admin;

    public AccessFilter(ApiAdmission admission, RequestAccount account, AdminConfig admin) {
        this.admission = admission;
        this.account = account;
        this.admin = admin;
    }

    @ServerRequestFilter
    public void authorise(ContainerRequestContext request, HttpServerRequest received) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/ng/v1/admin/") || path.equals("/ng/v1/admin")) {
            admission.admitOperator(adminKeyMatches(request.getHeaderString("X-Admin-Key")), source(received));
        } else if (path.startsWith("/ng/v1/")) {
            String accountId = admission.admit(bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION)), source(received));
            account.set(accountId);
            LogContext.put(LogContext.ACCOUNT_ID, accountId);
        }
    }

    /** The token of an {@code Authorization: Bearer} header; null when there is none. */
    static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).strip();
    }

    static String source(HttpServerRequest received) {
        SocketAddress remote = received.remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    private boolean adminKeyMatches(String presented) {
        String expected = admin.key().filter(k -> !k.isBlank()).orElse(null);
        return expected != null && presented != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
