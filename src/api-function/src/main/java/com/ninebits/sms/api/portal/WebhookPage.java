package com.ninebits.sms.api.portal;

import com.ninebits.sms.domain.callback.CallbackRedelivery;
import com.ninebits.sms.domain.callback.FailedCallbacks;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.webhook.WebhookSettings;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Settings, Webhook tab: the URL and its signing secret ({@link WebhookSettings}, as
 * {@code /ng/v1/settings/webhook}), and the callbacks given up on, each re-sent on request
 * ({@link CallbackRedelivery}, as {@code /ng/v1/callbacks}).
 */
@Path("/portal")
public class WebhookPage {

    static final int FAILED_SHOWN = 50;

    private final WebhookSettings webhooks;
    private final CallbackRedelivery redelivery;
    private final PortalCaller caller;
    private final Pages pages;

    public WebhookPage(WebhookSettings webhooks, CallbackRedelivery redelivery, PortalCaller caller, Pages pages) {
        this.webhooks = webhooks;
        this.redelivery = redelivery;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    @Path("/settings/webhook")
    public Response show() {
        return Pages.html(page());
    }

    @POST
    @Path("/settings/webhook")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response set(@FormParam("csrf_token") String csrf, @FormParam("url") String url) {
        caller.requireForm(csrf);
        try {
            WebhookSettings.Revealed revealed = webhooks.set(caller.accountId(), url == null ? null : url.strip());
            return Pages.html(page().data("secret", revealed.secret())
                    .data("notice", revealed.secret() == null ? "Webhook URL saved; its secret is unchanged." : "Webhook set."));
        } catch (DomainException.Invalid invalid) {
            return Pages.html(page().data("errors", Pages.byField(invalid.errors())).data("form_url", url), 400);
        }
    }

    @POST
    @Path("/settings/webhook/secret")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rotate(@FormParam("csrf_token") String csrf) {
        caller.requireForm(csrf);
        WebhookSettings.Revealed revealed = webhooks.rotateSecret(caller.accountId());
        return Pages.html(page().data("secret", revealed.secret()).data("notice", "A new secret signs callbacks from now on."));
    }

    @POST
    @Path("/settings/webhook/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@FormParam("csrf_token") String csrf) {
        caller.requireForm(csrf);
        webhooks.delete(caller.accountId());
        return Pages.html(page().data("notice", "Webhook removed: no callbacks are sent."));
    }

    @POST
    @Path("/settings/webhook/failed/{eventId}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@PathParam("eventId") String eventId, @FormParam("csrf_token") String csrf) {
        caller.requireForm(csrf);
        StatusEvent event = redelivery.retry(caller.accountId(), eventId);
        return Pages.html(page().data("notice", "Callback " + event.eventId() + " is queued to be sent again."));
    }

    private TemplateInstance page() {
        String url = webhooks.url(caller.accountId());
        FailedCallbacks.Page failed = redelivery.failed(caller.accountId(), null, FAILED_SHOWN);
        return pages.page("webhook", "settings")
                .data("tab", "webhook")
                .data("url", url)
                .data("form_url", url == null ? "" : url)
                .data("secret", null)
                .data("failed", failed.items().stream().map(f -> new Views.FailedLine(f.event().eventId(),
                        f.event().referenceId(), f.event().to(), f.event().status().wire(), f.attempts(), f.lastError(),
                        Views.out(f.failedAt()))).toList());
    }

    @ServerExceptionMapper
    public Response failed(DomainException e) {
        return pages.failure(e);
    }
}
