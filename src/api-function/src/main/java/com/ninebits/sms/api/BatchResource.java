package com.ninebits.sms.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.domain.batch.BatchListing;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.DeliveryReportView;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.dispatch.BatchCancellation;
import com.ninebits.sms.domain.message.MessageState;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * Batches after acceptance: {@code GET /ng/v1/sendsms} (the account's batches), {@code POST
 * /ng/v1/sendsms/{reference_id}/cancel}, and the delivery-report views of a batch and of one
 * recipient.
 */
@Path("/ng/v1/sendsms")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private final BatchListing listing;
    private final BatchCancellation cancellation;
    private final DeliveryReportView reports;
    private final RequestAccount caller;

    public BatchResource(BatchListing listing, BatchCancellation cancellation, DeliveryReportView reports,
                         RequestAccount caller) {
        this.listing = listing;
        this.cancellation = cancellation;
        this.reports = reports;
        this.caller = caller;
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ListedView(String referenceId, String status, String from, String createdAt, String sendAt,
                             int recipientsTotal, int parts, Map<String, Integer> counts) {
        static ListedView of(BatchListing.Listed l) {
            BatchStore.Listed b = l.batch();
            return new ListedView(b.referenceId(), l.status(), b.from(), Timestamps.out(b.createdAt()),
                    Timestamps.out(b.sendAt()), b.recipientsTotal(), b.parts(), StatusResource.counts(l.counts()));
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ListView(List<ListedView> batches, String nextPageToken) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StatusGroupView(String status, String code, int count,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) List<String> recipients) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ReportView(String referenceId, int totalMessageCount, List<StatusGroupView> statuses) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ChangeView(String status, String at, String smscTimestamp) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecipientReportView(String to, String status, String code, int parts, String smscMessageId,
                                      String smscTimestamp, String updatedAt, List<ChangeView> history) {
    }

    @GET
    public ListView list(@QueryParam("page_size") String pageSize, @QueryParam("page_token") String pageToken,
                         @QueryParam("status") String status, @QueryParam("from") String from,
                         @QueryParam("created_after") String createdAfter,
                         @QueryParam("created_before") String createdBefore) {
        BatchListing.Page page = listing.list(caller.id(), new BatchListing.Query(
                PageTokens.pageSize(pageSize, BatchListing.DEFAULT_PAGE_SIZE), PageTokens.decodeListing(pageToken), status,
                from, createdAfter, createdBefore));
        return new ListView(page.batches().stream().map(ListedView::of).toList(), PageTokens.encode(page.nextPageToken()));
    }

    @POST
    @Path("/{referenceId}/cancel")
    public StatusResource.StatusView cancel(@PathParam("referenceId") String referenceId) {
        return StatusResource.render(cancellation.cancel(caller.id(), referenceId).view());
    }

    @GET
    @Path("/{referenceId}/delivery_report")
    public ReportView deliveryReport(@PathParam("referenceId") String referenceId, @QueryParam("type") String type,
                                     @QueryParam("status") String status) {
        DeliveryReportView.Report r = reports.batch(caller.id(), referenceId, type, status);
        return new ReportView(r.referenceId(), r.totalMessageCount(), r.statuses().stream()
                .map(g -> new StatusGroupView(g.status().wire(), g.code(), g.count(), g.recipients())).toList());
    }

    @GET
    @Path("/{referenceId}/delivery_report/{number}")
    public RecipientReportView recipientReport(@PathParam("referenceId") String referenceId,
                                               @PathParam("number") String number) {
        DeliveryReportView.RecipientReport r = reports.recipient(caller.id(), referenceId, number);
        MessageState m = r.state();
        return new RecipientReportView(m.to(), m.status().wire(), m.errorCode(), m.parts(), m.smscMessageId(),
                Timestamps.out(m.smscTimestamp()), Timestamps.out(m.updatedAt()), r.history().stream()
                .map(c -> new ChangeView(c.status().wire(), Timestamps.out(c.at()), Timestamps.out(c.smscTimestamp())))
                .toList());
    }
}
