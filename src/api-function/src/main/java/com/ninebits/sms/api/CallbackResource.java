package com.ninebits.sms.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.callback.CallbackRedelivery;
import com.ninebits.sms.domain.callback.FailedCallbacks;
import com.ninebits.sms.domain.callback.StatusEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Callbacks the gateway gave up on: {@code GET /ng/v1/callbacks/failed}, {@code POST /ng/v1/callbacks/{event_id}/retry}. */
@Path("/ng/v1/callbacks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Delivery reports", description = "Callbacks to the customer's webhook the gateway gave up on")
@SecurityRequirement(name = ApiDescription.BEARER)
public class CallbackResource {

    private static final int DEFAULT_PAGE_SIZE = 50;

    private final CallbackRedelivery redelivery;
    private final RequestAccount caller;

    public CallbackResource(CallbackRedelivery redelivery, RequestAccount caller) {
        this.redelivery = redelivery;
        this.caller = caller;
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = {"event_id", "reference_id", "to", "status", "error_code", "parts", "smsc_message_id",
            "smsc_timestamp", "updated_at", "attempts", "last_error", "failed_at"})
    public record FailedView(@Schema(description = "One per message and status: receivers de-duplicate on it") String eventId,
                             String referenceId,
                             @Schema(examples = "2348020000000") String to,
                             @Schema(ref = "MessageStatus") String status,
                             @Schema(nullable = true) String errorCode,
                             int parts,
                             @Schema(nullable = true) String smscMessageId,
                             @Schema(format = "date-time", nullable = true) String smscTimestamp,
                             @Schema(format = "date-time", nullable = true) String updatedAt,
                             @Schema(description = "Deliveries tried") int attempts,
                             @Schema(nullable = true, description = "The last attempt's outcome") String lastError,
                             @Schema(format = "date-time") String failedAt) {

        static FailedView of(FailedCallbacks.Failed f) {
            StatusEvent e = f.event();
            return new FailedView(e.eventId(), e.referenceId(), e.to(), e.status().wire(), e.errorCode(), e.parts(),
                    e.smscMessageId(), Timestamps.out(e.smscTimestamp()), Timestamps.out(e.updatedAt()), f.attempts(), f.lastError(),
                    Timestamps.out(f.failedAt()));
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = {"failed", "next_page_token"})
    public record FailedPage(List<FailedView> failed,
                             @Schema(nullable = true, description = "Pass as `page_token` for the next page; null on the last") String nextPageToken) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = {"event_id", "status"})
    public record RetryView(String eventId, @Schema(enumeration = "queued") String status) {
    }

    @Operation(operationId = "listFailedCallbacks", summary = "List the callbacks given up on",
            description = "Kept 30 days after the last attempt, newest first.")
    @APIResponse(responseCode = "200", description = "One page of them",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FailedPage.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID,
            description = "A bad `page_size` (`invalid_type`, `out_of_range`) or `page_token` (`invalid_page_token`)")
    @GET
    @Path("/failed")
    public FailedPage failed(@Parameter(description = "Per page; empty means the default", allowEmptyValue = true, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "50"))
                             @QueryParam("page_size") String pageSize,
                             @Parameter(description = "The `next_page_token` of the page before", allowEmptyValue = true) @QueryParam("page_token") String pageToken) {
        FailedCallbacks.Page page = redelivery.failed(caller.id(), PageTokens.decode(pageToken),
                PageTokens.pageSize(pageSize, DEFAULT_PAGE_SIZE));
        return new FailedPage(page.items().stream().map(FailedView::of).toList(), PageTokens.encode(page.next()));
    }

    @Operation(operationId = "retryCallback", summary = "Send a failed callback again", description = "With a fresh 24 h of retries.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RetryView.class)))
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND)
    @POST
    @Path("/{event_id}/retry")
    public Response retry(@PathParam("event_id") String eventId) {
        StatusEvent event = redelivery.retry(caller.id(), eventId);
        return Response.accepted(new RetryView(event.eventId(), "queued")).build();
    }
}
