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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * Batches after acceptance: {@code GET /ng/v1/sendsms} (the account's batches), {@code POST
 * /ng/v1/sendsms/{reference_id}/cancel}, and the delivery-report views of a batch and of one
 * recipient.
 */
@Path("/ng/v1/sendsms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Batches")
@SecurityRequirement(name = ApiDescription.BEARER)
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
    @Schema(name = "ListedBatch", requiredProperties = {"reference_id", "status", "from", "created_at", "send_at",
            "recipients_total", "parts", "counts"})
    public record ListedView(String referenceId,
                             @Schema(ref = "BatchStatus") String status,
                             String from,
                             @Schema(format = "date-time") String createdAt,
                             @Schema(format = "date-time", nullable = true, description = "null: sent at acceptance") String sendAt,
                             int recipientsTotal,
                             @Schema(description = "Parts of one message (the most of any recipient's)") int parts,
                             @Schema(implementation = StatusResource.Counts.class) Map<String, Integer> counts) {
        static ListedView of(BatchListing.Listed l) {
            BatchStore.Listed b = l.batch();
            return new ListedView(b.referenceId(), l.status(), b.from(), Timestamps.out(b.createdAt()),
                    Timestamps.out(b.sendAt()), b.recipientsTotal(), b.parts(), StatusResource.counts(l.counts()));
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "BatchList", requiredProperties = {"batches", "next_page_token"})
    public record ListView(@Schema(description = "Newest first") List<ListedView> batches,
                           @Schema(nullable = true, description = "Pass as `page_token` for the next page; null on the last")
                           String nextPageToken) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "ReportStatusGroup", requiredProperties = {"status", "code", "count"})
    public record StatusGroupView(@Schema(ref = "MessageStatus") String status,
                                  @Schema(nullable = true, description = "The error code these messages ended with") String code,
                                  @Schema(minimum = "1") int count,
                                  @Schema(description = "With `type=full` only: the numbers, E.164 digits without `+`")
                                  @JsonInclude(JsonInclude.Include.NON_NULL) List<String> recipients) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "DeliveryReport", requiredProperties = {"reference_id", "total_message_count", "statuses"})
    public record ReportView(String referenceId, int totalMessageCount,
                             @Schema(description = "One per status and code with at least one message") List<StatusGroupView> statuses) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "StatusChange", requiredProperties = {"status", "at", "smsc_timestamp"})
    public record ChangeView(@Schema(ref = "MessageStatus") String status,
                             @Schema(format = "date-time") String at,
                             @Schema(format = "date-time", nullable = true) String smscTimestamp) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "RecipientDeliveryReport", requiredProperties = {"to", "status", "code", "parts", "smsc_message_id",
            "smsc_timestamp", "updated_at", "history"})
    public record RecipientReportView(@Schema(description = "E.164 digits without `+`", examples = "2348020000000") String to,
                                      @Schema(ref = "MessageStatus") String status,
                                      @Schema(nullable = true, description = "The error code, if it failed") String code,
                                      int parts,
                                      @Schema(nullable = true) String smscMessageId,
                                      @Schema(format = "date-time", nullable = true) String smscTimestamp,
                                      @Schema(format = "date-time", nullable = true) String updatedAt,
                                      @Schema(description = "Its status changes, oldest first (`queued` at acceptance)")
                                      List<ChangeView> history) {
    }

    /** A batch's status, as its status page has it. */
    @Schema(name = "BatchStatus", type = SchemaType.STRING,
            enumeration = {"scheduled", "queued", "dispatching", "completed", "cancelled"})
    interface BatchStatusSchema {
    }

    @Operation(operationId = "listBatches", summary = "List the account's batches",
            description = "Accepted batches, newest first, each with its status and counts. A `status` filter is applied "
                    + "to each page read, so a filtered page may hold fewer than `page_size`.")
    @APIResponse(responseCode = "200", description = "One page of batches",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ListView.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID,
            description = "A bad `page_size` (`invalid_type`, `out_of_range`), `page_token` (`invalid_page_token`), "
                    + "`status` (`invalid_status`), `from` (`invalid_sender`), `created_after` or `created_before` "
                    + "(`invalid_timestamp`; `out_of_range` when not after `created_after`)")
    @GET
    public ListView list(@Parameter(description = "Batches per page; empty means the default", allowEmptyValue = true,
                                 schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "30"))
                         @QueryParam("page_size") String pageSize,
                         @Parameter(description = "The `next_page_token` of the page before", allowEmptyValue = true)
                         @QueryParam("page_token") String pageToken,
                         @Parameter(description = "Only batches in this status (any case)", schema = @Schema(type = SchemaType.STRING))
                         @QueryParam("status") String status,
                         @Parameter(description = "Only batches from this sender ID",
                                 schema = @Schema(type = SchemaType.STRING, maxLength = 15))
                         @QueryParam("from") String from,
                         @Parameter(description = "Only batches accepted at or after this time (ISO-8601 with an offset, "
                                 + "or `yyyy-MM-dd HH:mm:ss` as UTC)") @QueryParam("created_after") String createdAfter,
                         @Parameter(description = "Only batches accepted before this time") @QueryParam("created_before")
                         String createdBefore) {
        BatchListing.Page page = listing.list(caller.id(), new BatchListing.Query(
                PageTokens.pageSize(pageSize, BatchListing.DEFAULT_PAGE_SIZE), PageTokens.decodeListing(pageToken), status,
                from, createdAfter, createdBefore));
        return new ListView(page.batches().stream().map(ListedView::of).toList(), PageTokens.encode(page.nextPageToken()));
    }

    @Operation(operationId = "cancelBatch", summary = "Cancel what is not yet sent",
            description = "Every message not yet dispatched ends `cancelled` and is refunded (a scheduled batch is cancelled "
                    + "whole); messages already dispatched go on. Cancelling again changes nothing.")
    @APIResponse(responseCode = "200", description = "The batch's status after the cancellation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatusResource.StatusView.class)))
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND)
    @POST
    @Path("/{reference_id}/cancel")
    public StatusResource.StatusView cancel(@PathParam("reference_id") String referenceId) {
        return StatusResource.render(cancellation.cancel(caller.id(), referenceId).view());
    }

    @Operation(operationId = "getDeliveryReport", summary = "Read a batch's delivery report",
            description = "Its messages counted by status and error code; with `type=full`, with their recipients.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID,
            description = "A bad `type` (`invalid_type`) or `status` (`invalid_status`)")
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND)
    @GET
    @Path("/{reference_id}/delivery_report")
    public ReportView deliveryReport(@PathParam("reference_id") String referenceId,
                                     @Parameter(description = "`summary`: counts only; `full`: with the recipients",
                                             schema = @Schema(type = SchemaType.STRING, enumeration = {"summary", "full"},
                                                     defaultValue = "summary"))
                                     @QueryParam("type") String type,
                                     @Parameter(description = "Only these message statuses, comma-separated (any case)",
                                             examples = @ExampleObject(name = "failed", value = "failed,expired"))
                                     @QueryParam("status") String status) {
        DeliveryReportView.Report r = reports.batch(caller.id(), referenceId, type, status);
        return new ReportView(r.referenceId(), r.totalMessageCount(), r.statuses().stream()
                .map(g -> new StatusGroupView(g.status().wire(), g.code(), g.count(), g.recipients())).toList());
    }

    @Operation(operationId = "getRecipientDeliveryReport", summary = "Read one recipient's delivery report",
            description = "Its message as it stands and the history of its status changes.")
    @APIResponse(responseCode = "200", description = "The recipient's report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecipientReportView.class)))
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND,
            description = "No such batch of this account, or the number is not one of its recipients")
    @GET
    @Path("/{reference_id}/delivery_report/{number}")
    public RecipientReportView recipientReport(@PathParam("reference_id") String referenceId,
                                               @Parameter(description = "The recipient, in any form the send accepts",
                                                       examples = @ExampleObject(name = "e164", value = "2348020000000"))
                                               @PathParam("number") String number) {
        DeliveryReportView.RecipientReport r = reports.recipient(caller.id(), referenceId, number);
        MessageState m = r.state();
        return new RecipientReportView(m.to(), m.status().wire(), m.errorCode(), m.parts(), m.smscMessageId(),
                Timestamps.out(m.smscTimestamp()), Timestamps.out(m.updatedAt()), r.history().stream()
                .map(c -> new ChangeView(c.status().wire(), Timestamps.out(c.at()), Timestamps.out(c.smscTimestamp())))
                .toList());
    }
}
