package com.ninebits.sms.api.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;

import java.util.Map;

/**
 * The portal's two cookies, written by hand so that every attribute is visible here: the session
 * (HttpOnly, SameSite=Strict, Secure where the site is https, 12 h) and the sign-in forms' token,
 * which stands in for the session's form token before there is a session (a double-submit cookie).
 * With Secure on they carry the {@code __Host-} prefix, which browsers only accept from https and
 * never let a sub-domain set.
 */
@ApplicationScoped
public class PortalCookies {

    private final boolean secure;

    public PortalCookies(PortalConfig config) {
        this.secure = config.securecookies();
    }

    String sessionName() {
        return (secure ? "__Host-" : "") + "portal_session";
    }

    String formName() {
        return (secure ? "__Host-" : "") + "portal_form";
    }

    String session(String value, long maxAgeSeconds) {
        return cookie(sessionName(), value, maxAgeSeconds);
    }

    String form(String value) {
        return cookie(formName(), value, 3600);
    }

    String clearSession() {
        return cookie(sessionName(), "", 0);
    }

    String clearForm() {
        return cookie(formName(), "", 0);
    }

    static String read(ContainerRequestContext request, String name) {
        Map<String, Cookie> cookies = request.getCookies();
        Cookie cookie = cookies == null ? null : cookies.get(name);
        return cookie == null ? null : cookie.getValue();
    }

    private String cookie(String name, String value, long maxAgeSeconds) {
        return name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
