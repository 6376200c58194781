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
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Callbacks the gateway gave up on: {@code GET /ng/v1/callbacks/failed}, {@code POST /ng/v1/callbacks/{event_id}/retry}. */
@Path("/ng/v1/callbacks")
@Produces(MediaType.APPLICATION_JSON)
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
    public record FailedView(String eventId, String referenceId, String to, String status, String errorCode, int parts,
                             String smscMessageId, String smscTimestamp, String updatedAt, int attempts, String lastError,
                             String failedAt) {

        static FailedView of(FailedCallbacks.Failed f) {
            StatusEvent e = f.event();
            return new FailedView(e.eventId(), e.referenceId(), e.to(), e.status().wire(), e.errorCode(), e.parts(),
                    e.smscMessageId(), Timestamps.out(e.smscTimestamp()), Timestamps.out(e.updatedAt()), f.attempts(), f.lastError(),
                    Timestamps.out(f.failedAt()));
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FailedPage(List<FailedView> failed, String nextPageToken) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RetryView(String eventId, String status) {
    }

    @GET
    @Path("/failed")
    public FailedPage failed(@QueryParam("page_size") String pageSize, @QueryParam("page_token") String pageToken) {
        FailedCallbacks.Page page = redelivery.failed(caller.id(), PageTokens.decode(pageToken),
                PageTokens.pageSize(pageSize, DEFAULT_PAGE_SIZE));
        return new FailedPage(page.items().stream().map(FailedView::of).toList(), PageTokens.encode(page.next()));
    }

    @POST
    @Path("/{event_id}/retry")
    public Response retry(@PathParam("event_id") String eventId) {
        StatusEvent event = redelivery.retry(caller.id(), eventId);
        return Response.accepted(new RetryView(event.eventId(), "queued")).build();
    }
}
