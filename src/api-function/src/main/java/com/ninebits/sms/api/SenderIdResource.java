package com.ninebits.sms.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.sender.SenderId;
import com.ninebits.sms.domain.sender.SenderIdRegistry;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import java.util.List;

@Path("/ng/v1/sender-ids")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
@SecurityRequirement(name = ApiDescription.BEARER)
public class SenderIdResource {

    private static final int MAX_BODY = 4 * 1024;

    private final SenderIdRegistry registry;
    private final RequestAccount caller;
    private final ObjectMapper mapper;

    public SenderIdResource(SenderIdRegistry registry, RequestAccount caller, ObjectMapper mapper) {
        this.registry = registry;
        this.caller = caller;
        this.mapper = mapper;
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = {"sender_id", "status"})
    public record SenderIdView(@Schema(examples = "myCode") String senderId,
                               @Schema(enumeration = {"pending", "approved", "rejected"}) String status,
                               @Schema(format = "date-time", nullable = true) String createdAt,
                               @Schema(format = "date-time", nullable = true) String updatedAt) {
        static SenderIdView of(SenderId s) {
            return new SenderIdView(s.senderId(), s.status().wire(), Timestamps.out(s.createdAt()), Timestamps.out(s.updatedAt()));
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = "sender_ids")
    public record SenderIdList(List<SenderIdView> senderIds) {
    }

    /** Described only: the body is read field by field, so that one answer names every bad field. */
    @Schema(name = "SenderIdRequest", requiredProperties = "sender_id")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SenderIdRequest(@Schema(description = "Alphanumeric 1-11 characters, or a number of up to 15 digits",
            examples = "myCode") String senderId) {
    }

    @Operation(operationId = "listSenderIds", summary = "List the account's sender IDs")
    @APIResponse(responseCode = "200", description = "Every sender ID the account asked for, with its status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SenderIdList.class)))
    @GET
    public SenderIdList list() {
        return new SenderIdList(registry.list(caller.id()).stream().map(SenderIdView::of).toList());
    }

    @Operation(operationId = "requestSenderId", summary = "Ask for a sender ID",
            description = "`pending` until the operator decides (or `approved` where the operator turned on auto-approval).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SenderIdRequest.class)))
    @APIResponse(responseCode = "201", description = "Asked for",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SenderIdView.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID, description = "A bad `sender_id` (`required`, `invalid_sender_id`)")
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response request(byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        String senderId = request.text("sender_id", true);
        request.validation().throwIfInvalid();
        return Response.status(Response.Status.CREATED)
                .entity(SenderIdView.of(registry.request(caller.id(), senderId)))
                .build();
    }
}
