package com.ninebits.sms.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.error.DomainException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import com.ninebits.sms.adapters.logging.LogContext;
import jakarta.ws.rs.GET;
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

import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /ng/v1/sendsms/status/{reference_id}}: the batch, its counts, its recipients paged. */
@Path("/ng/v1/sendsms/status/{reference_id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Batches")
@SecurityRequirement(name = ApiDescription.BEARER)
public class StatusResource {

    private final BatchReport report;
    private final RequestAccount caller;

    public StatusResource(BatchReport report, RequestAccount caller) {
        this.report = report;
        this.caller = caller;
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = {"to", "status", "parts", "smsc_message_id", "smsc_timestamp", "updated_at", "error_code"})
    public record RecipientView(@Schema(description = "E.164 digits without `+`", examples = "2348020000000") String to,
                                @Schema(ref = "MessageStatus") String status,
                                int parts,
                                @Schema(nullable = true) String smscMessageId,
                                @Schema(format = "date-time", nullable = true) String smscTimestamp,
                                @Schema(format = "date-time", nullable = true) String updatedAt,
                                @Schema(nullable = true) String errorCode,
                                @Schema(format = "date-time", nullable = true,
                                        description = "while queued and held for the account's quiet hours: when it goes") String heldUntil) {
        static RecipientView of(MessageState m) {
            // When a message waiting out its recipient's quiet hours goes; once it has gone, the status says the rest.
            Instant heldUntil = m.status() == MessageState.Status.QUEUED ? m.heldUntil() : null;
            return new RecipientView(m.to(), m.status().wire(), m.parts(), m.smscMessageId(), Timestamps.out(m.smscTimestamp()),
                    Timestamps.out(m.updatedAt()), m.errorCode(), Timestamps.out(heldUntil));
        }
    }

    /** A message's status: `cancelled` before dispatch; `delivered`, `failed`, `expired`, `rejected`, `cancelled` are final. */
    @Schema(name = "MessageStatus", type = SchemaType.STRING,
            enumeration = {"queued", "dispatched", "delivered", "failed", "rejected", "expired", "cancelled", "unknown"})
    interface MessageStatusSchema {
    }

    @Schema(name = "MessageCounts", description = "How many of the batch's messages are in each status")
    record Counts(int queued, int dispatched, int delivered, int failed, int rejected, int expired, int cancelled, int unknown) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = {"reference_id", "status", "from", "body", "encoding", "parts", "delivery_report", "created_at",
            "send_at", "expire_at", "recipients_total", "counts", "recipients", "next_page_token"})
    public record StatusView(String referenceId,
                             @Schema(enumeration = {"scheduled", "queued", "dispatching", "completed", "cancelled"}) String status,
                             String from, String body,
                             @Schema(enumeration = {"GSM7", "UCS2"}) String encoding, int parts,
                             @Schema(enumeration = {"none", "yes"}) String deliveryReport,
                             @Schema(format = "date-time") String createdAt,
                             @Schema(format = "date-time", nullable = true) String sendAt,
                             @Schema(format = "date-time") String expireAt,
                             int recipientsTotal,
                             @Schema(implementation = Counts.class) Map<String, Integer> counts,
                             @Schema(description = "One page of recipients, in `to` order") List<RecipientView> recipients,
                             @Schema(nullable = true, description = "Pass as `page_token` for the next page; null on the last") String nextPageToken) {
    }

    @Operation(operationId = "getBatchStatus", summary = "Read a batch's status",
            description = "The batch, its counts per status, and its recipients a page at a time.")
    @APIResponse(responseCode = "200", description = "The batch",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatusView.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID,
            description = "A bad `page_size` (`invalid_type`, `out_of_range`), `page_token` (`invalid_page_token`) or `status` (`invalid_status`)")
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND)
    @GET
    public StatusView get(@PathParam("reference_id") String referenceId,
                          @Parameter(description = "Recipients per page", schema = @Schema(type = SchemaType.INTEGER,
                                  minimum = "1", maximum = "1000", defaultValue = "100"))
                          @QueryParam("page_size") String pageSize,
                          @Parameter(description = "The `next_page_token` of the page before", allowEmptyValue = true) @QueryParam("page_token") String pageToken,
                          @Parameter(description = "Only recipients in this status", schema = @Schema(ref = "MessageStatus"))
                          @QueryParam("status") String status) {
        LogContext.put(LogContext.REFERENCE_ID, referenceId);
        return render(report.read(caller.id(), referenceId, pageSizeOf(pageSize), startOf(pageToken), status));
    }

    /** The status page of a batch as its view has it: also the answer of a cancel. */
    static StatusView render(BatchReport.View view) {
        Batch b = view.batch();
        return new StatusView(b.referenceId(), view.status(), b.from(), b.body(), b.encoding().name(), b.parts(),
                b.deliveryReport() ? "yes" : "none", Timestamps.out(b.createdAt()), Timestamps.out(b.sendAt()),
                Timestamps.out(b.expireAt()), b.recipients().size(), counts(view.counts()),
                view.recipients().stream().map(RecipientView::of).toList(),
                view.nextIndex() == null ? null : PageTokens.encode(Integer.toString(view.nextIndex())));
    }

    /** Counts by wire status, in the statuses' order. */
    static Map<String, Integer> counts(Map<MessageState.Status, Integer> byStatus) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        byStatus.forEach((s, n) -> counts.put(s.wire(), n));
        return counts;
    }

    private static Integer pageSizeOf(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw DomainException.Invalid.of("page_size", "invalid_type", "page_size must be a whole number");
        }
    }

    private static int startOf(String token) {
        String decoded = PageTokens.decode(token);
        if (decoded == null) {
            return 0;
        }
        try {
            return Integer.parseInt(decoded);
        } catch (NumberFormatException e) {
            throw DomainException.Invalid.of("page_token", "invalid_page_token", "page_token is not one this API gave out");
        }
    }
}
