package com.ninebits.sms.api.portal;

import com.ninebits.sms.domain.portal.PortalSession;
import com.ninebits.sms.domain.portal.PortalSessions;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Every portal page but the sign-in ones needs a live session: without one, the browser is sent to
 * sign in. The session's account becomes the request's ({@link PortalCaller}).
 */
public class PortalAccessFilter {

    static final String SIGN_IN = "/portal/sign-in";
    private static final Set<String> PUBLIC = Set.of("/portal", "/portal/", SIGN_IN, "/portal/first-password");

    private final PortalSessions sessions;
    private final PortalCaller caller;
    private final PortalCookies cookies;

    public PortalAccessFilter(PortalSessions sessions, PortalCaller caller, PortalCookies cookies) {
        this.sessions = sessions;
        this.caller = caller;
        this.cookies = cookies;
    }

    /** Null lets the request through; an answer ends it there. */
    @ServerRequestFilter
    public Response authorise(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/portal/") || PUBLIC.contains(path)) {
            return null;
        }
        String id = PortalCookies.read(request, cookies.sessionName());
        Optional<PortalSession> session = sessions.current(id);
        if (session.isEmpty()) {
            return Response.seeOther(URI.create(SIGN_IN))
                    .header(HttpHeaders.SET_COOKIE, cookies.clearSession())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        }
        caller.set(session.get(), id);
        return null;
    }
}
