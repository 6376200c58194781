package com.ninebits.sms.api.portal;

import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.sender.SenderIdRegistry;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** The account's sender IDs and their status; a request for a new one (as {@code POST /ng/v1/sender-ids}). */
@Path("/portal")
public class SenderIdsPage {

    private final SenderIdRegistry registry;
    private final PortalCaller caller;
    private final Pages pages;

    public SenderIdsPage(SenderIdRegistry registry, PortalCaller caller, Pages pages) {
        this.registry = registry;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    @Path("/sender-ids")
    public Response list() {
        return Pages.html(page());
    }

    @POST
    @Path("/sender-ids")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response request(@FormParam("csrf_token") String csrf, @FormParam("sender_id") String senderId) {
        caller.requireForm(csrf);
        try {
            var requested = registry.request(caller.accountId(), senderId == null ? null : senderId.strip());
            return Pages.html(page().data("notice", "Sender ID " + requested.senderId() + " is " + requested.status().wire() + "."));
        } catch (DomainException.Invalid invalid) {
            return Pages.html(page().data("errors", Pages.byField(invalid.errors())).data("form_sender_id", senderId), 400);
        } catch (DomainException.Conflict conflict) {
            return Pages.html(page().data("errors", Map.of("sender_id", conflict.detail())).data("form_sender_id", senderId), 409);
        }
    }

    private TemplateInstance page() {
        return pages.page("sender-ids", "sender-ids")
                .data("senders", registry.list(caller.accountId()).stream().map(Views.SenderLine::of).toList())
                .data("form_sender_id", "");
    }

    @ServerExceptionMapper
    public Response failed(DomainException e) {
        return pages.failure(e);
    }
}
