package com.ninebits.sms.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.webhook.WebhookSettings;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/ng/v1/settings/webhook")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private static final int MAX_BODY = 8 * 1024;

    private final WebhookSettings webhooks;
    private final RequestAccount caller;
    private final ObjectMapper mapper;

    public WebhookResource(WebhookSettings webhooks, RequestAccount caller, ObjectMapper mapper) {
        this.webhooks = webhooks;
        this.caller = caller;
        this.mapper = mapper;
    }

    @RegisterForReflection

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WebhookView(String url, String secret) {
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public WebhookView set(byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        String url = request.text("url", true);
        request.validation().throwIfInvalid();
        WebhookSettings.Revealed revealed = webhooks.set(caller.id(), url);
        return new WebhookView(revealed.url(), revealed.secret());
    }

    @POST
    @Path("/secret")
    public WebhookView rotate() {
        WebhookSettings.Revealed revealed = webhooks.rotateSecret(caller.id());
        return new WebhookView(revealed.url(), revealed.secret());
    }

    @GET
    public WebhookView get() {
        return new WebhookView(webhooks.url(caller.id()), null);
    }

    @DELETE
    public Response delete() {
        webhooks.delete(caller.id());
        return Response.noContent().build();
    }
}
