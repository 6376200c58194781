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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.core.Response;

@Path("/ng/v1/settings/webhook")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
@SecurityRequirement(name = ApiDescription.BEARER)
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
    @Schema(requiredProperties = "url")
    public record WebhookView(@Schema(format = "uri", examples = "https://example.com/sms/reports") String url,
                              @Schema(description = "Signs every delivery report (`X-Signature`); returned only when "
                                      + "first created or rotated") String secret) {
    }

    /** Described only: the body is read field by field, so that one answer names every bad field. */
    @Schema(name = "WebhookRequest", requiredProperties = "url")
    record WebhookRequest(@Schema(format = "uri", description = "`https`, and not a loopback, private, link-local or "
            + "metadata address", examples = "https://example.com/sms/reports") String url) {
    }

    @Operation(operationId = "setWebhook", summary = "Set the webhook URL",
            description = "The secret is returned only when it is first created; changing the URL keeps it.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookRequest.class)))
    @APIResponse(responseCode = "200", description = "The webhook",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID, description = "A bad `url` (`required`, `invalid_url`, "
            + "`insecure_url`, `forbidden_address`, `ambiguous_address`, `unresolvable_host`, `too_long`)")
    @PUT
    @Consumes(MediaType.WILDCARD)
    public WebhookView set(byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        String url = request.text("url", true);
        request.validation().throwIfInvalid();
        WebhookSettings.Revealed revealed = webhooks.set(caller.id(), url);
        return new WebhookView(revealed.url(), revealed.secret());
    }

    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate the webhook secret", description = "Returns the new secret.")
    @APIResponse(responseCode = "200", description = "The webhook with its new secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND, description = "No webhook is set")
    @POST
    @Path("/secret")
    public WebhookView rotate() {
        WebhookSettings.Revealed revealed = webhooks.rotateSecret(caller.id());
        return new WebhookView(revealed.url(), revealed.secret());
    }

    @Operation(operationId = "getWebhook", summary = "Read the webhook URL")
    @APIResponse(responseCode = "200", description = "The webhook (without its secret)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND, description = "No webhook is set")
    @GET
    public WebhookView get() {
        return new WebhookView(webhooks.url(caller.id()), null);
    }

    @Operation(operationId = "deleteWebhook", summary = "Remove the webhook")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND, description = "No webhook is set")
    @DELETE
    public Response delete() {
        webhooks.delete(caller.id());
        return Response.noContent().build();
    }
}
