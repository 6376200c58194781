package com.ninebits.sms.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests the API would otherwise read as something they
 * are not: a path with matrix parameters ({@code …/status/ref;x=1}, which JAX-RS would strip and
 * answer for {@code ref}), and a body that says it is not JSON (text, XML, a form).
 */
public class RequestShapeFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    /** After {@link AccessFilter}: a caller without credentials learns nothing from the shape of a path. */
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void shape(ContainerRequestContext request, HttpServerRequest received) {
        // As received: the JAX-RS view of the path has its matrix parameters stripped already.
        String rawPath = received.path();
        if (rawPath != null && rawPath.indexOf(';') >= 0) {
            throw new NotFoundException();
        }
        if (rawPath != null && (rawPath.equals("/portal") || rawPath.startsWith("/portal/"))) {
            // The portal's pages post HTML forms; each reads its own fields (PortalCaller checks their token).
            return;
        }
        MediaType type = request.getMediaType();
        // Content-Length 0 (a POST with no body, which clients label as a form): nothing to read.
        boolean body = request.getLength() != 0;
        if (type != null && body && WITH_BODY.contains(request.getMethod()) && !isJson(type)) {
            throw new NotSupportedException();
        }
    }

    /** {@code application/json} or a {@code +json} type such as {@code application/merge-patch+json}. */
    static boolean isJson(MediaType type) {
        return type.getType().equalsIgnoreCase("application")
                && (type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
    }
}
