package com.ninebits.sms.api.portal;

import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders the portal's pages (Qute templates under {@code templates/portal/}) with what every page
 * shows: who is signed in, the form token, the navigation. Pages are never cached and never framed.
 */
@ApplicationScoped
public class Pages {

    private static final Logger LOG = Logger.getLogger(Pages.class);
    private static final Pattern LOCAL_MINUTE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?");

    private final Engine engine;
    private final PortalCaller caller;

    public Pages(Engine engine, PortalCaller caller) {
        this.engine = engine;
        this.caller = caller;
    }

    /** A page of a signed-in session; {@code active} names its entry in the navigation. */
    TemplateInstance page(String name, String active) {
        return engine.getTemplate("portal/" + name)
                .data("email", caller.session().email())
                .data("csrf", caller.session().csrfToken())
                .data("active", active)
                .data("errors", Map.of())
                .data("notice", null);
    }

    /** A page shown before signing in (sign-in, first password). */
    TemplateInstance publicPage(String name) {
        return engine.getTemplate("portal/" + name)
                .data("email", null)
                .data("active", "")
                .data("errors", Map.of())
                .data("notice", null);
    }

    static Response html(TemplateInstance page) {
        return html(page, 200);
    }

    static Response html(TemplateInstance page, int status) {
        return Response.status(status)
                .type("text/html;charset=UTF-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
                .entity(page.render())
                .build();
    }

    /** After a change that shows nothing new: the browser loads the page again (so a reload does not post twice). */
    static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /**
     * The domain's field errors by form field: {@code to[3]} belongs to the field {@code to}, and
     * several errors of one field are shown together next to it.
     */
    static Map<String, String> byField(List<FieldError> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FieldError e : errors) {
            String field = e.field();
            int bracket = field.indexOf('[');
            String name = bracket > 0 ? field.substring(0, bracket) : field;
            String message = bracket > 0 ? field.substring(bracket) + ": " + e.message() : e.message();
            out.merge(name, message, (a, b) -> a + "; " + b);
        }
        return out;
    }

    /**
     * A browser's date-and-time field ({@code 2026-01-01T17:48}, no zone), taken as UTC as the API
     * takes {@code yyyy-MM-dd HH:mm:ss}; anything else is passed on for the use case to judge.
     */
    static String utcTime(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        String text = field.strip();
        if (LOCAL_MINUTE.matcher(text).matches()) {
            return text.replace('T', ' ') + (text.length() == 16 ? ":00" : "");
        }
        return text;
    }

    /** A failure no form handles: the same 404 as the API for what is not this account's, a page for the rest. */
    Response failure(DomainException e) {
        int status = com.ninebits.sms.domain.error.Problems.of(e).status();
        if (status >= 500) {
            LOG.warnf("portal page failed: %s", e.code());
        }
        String title = status == 404 ? "Not found" : "Something went wrong";
        return html(page("error", "").data("title", title).data("detail", e.detail()), status);
    }
}
