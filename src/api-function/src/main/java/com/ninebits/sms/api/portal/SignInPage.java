package com.ninebits.sms.api.portal;

import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.portal.PortalSessions;
import com.ninebits.sms.domain.portal.PortalUsers;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

/**
 * Signing in and out, and setting a first password through the operator's one-time link. Before
 * there is a session, these forms are protected by a token that must equal the form cookie's.
 */
@Path("/portal")
public class SignInPage {

    private static final Logger LOG = Logger.getLogger(SignInPage.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final PortalSessions sessions;
    private final PortalUsers users;
    private final PortalCookies cookies;
    private final PortalCaller caller;
    private final Pages pages;

    public SignInPage(PortalSessions sessions, PortalUsers users, PortalCookies cookies, PortalCaller caller, Pages pages) {
        this.sessions = sessions;
        this.users = users;
        this.cookies = cookies;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    public Response root() {
        return Pages.seeOther("/portal/overview");
    }

    @GET
    @Path("/sign-in")
    public Response signInForm() {
        return withFormToken(pages.publicPage("sign-in").data("form_email", ""), 200);
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("email") String email, @FormParam("password") String password,
                           @FormParam("csrf_token") String formToken, @Context ContainerRequestContext request) {
        requirePublicForm(request, formToken);
        PortalSessions.SignIn outcome = sessions.signIn(email, password);
        if (outcome instanceof PortalSessions.SignedIn in) {
            LOG.infof("portal sign-in account=%s user=%s", in.session().accountId(), in.session().userId());
            return Response.seeOther(java.net.URI.create("/portal/overview"))
                    .header(HttpHeaders.SET_COOKIE, cookies.session(in.sessionId(), PortalSessions.LIFETIME.toSeconds()))
                    .header(HttpHeaders.SET_COOKIE, cookies.clearForm())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        }
        String why = outcome instanceof PortalSessions.Locked locked
                ? "Too many wrong passwords: this user is locked until " + CLOCK.format(locked.until()) + "."
                : "Wrong email or password.";
        return withFormToken(pages.publicPage("sign-in").data("form_email", safe(email)).data("errors", Map.of("password", why)),
                outcome instanceof PortalSessions.Locked ? 423 : 401);
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("csrf_token") String formToken) {
        caller.requireForm(formToken);
        sessions.signOut(caller.sessionId());
        LOG.infof("portal sign-out account=%s user=%s", caller.accountId(), caller.session().userId());
        return Response.seeOther(java.net.URI.create(PortalAccessFilter.SIGN_IN))
                .header(HttpHeaders.SET_COOKIE, cookies.clearSession())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @GET
    @Path("/first-password")
    public Response firstPasswordForm(@QueryParam("token") String token) {
        return withFormToken(pages.publicPage("first-password").data("token", safe(token)), 200);
    }

    @POST
    @Path("/first-password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setFirstPassword(@FormParam("token") String token, @FormParam("password") String password,
                                     @FormParam("csrf_token") String formToken, @Context ContainerRequestContext request) {
        requirePublicForm(request, formToken);
        try {
            users.setFirstPassword(token, password);
        } catch (DomainException.Invalid invalid) {
            return withFormToken(pages.publicPage("first-password").data("token", safe(token))
                    .data("errors", Pages.byField(invalid.errors())), 400);
        }
        return withFormToken(pages.publicPage("sign-in").data("form_email", "")
                .data("notice", "Your password is set: sign in with it."), 200);
    }

    /** A fresh form token, in the page's hidden field and in the form cookie. */
    private Response withFormToken(TemplateInstance page, int status) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return Response.fromResponse(Pages.html(page.data("csrf", token), status))
                .header(HttpHeaders.SET_COOKIE, cookies.form(token))
                .build();
    }

    private void requirePublicForm(ContainerRequestContext request, String formToken) {
        String expected = PortalCookies.read(request, cookies.formName());
        if (expected == null || formToken == null || !java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8), formToken.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw new FormRefused();
        }
    }

    private static String safe(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) : text;
    }
}
