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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /ng/v1/sendsms/status/{reference_id}}: the batch, its counts, its recipients paged. */
@Path("/ng/v1/sendsms/status/{referenceId}")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    private final BatchReport report;
    private final RequestAccount caller;

    public StatusResource(BatchReport report, RequestAccount caller) {
        this.report = report;
        this.caller = caller;
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecipientView(String to, String status, int parts, String smscMessageId, String smscTimestamp,
                                String updatedAt, String errorCode) {
        static RecipientView of(MessageState m) {
            return new RecipientView(m.to(), m.status().wire(), m.parts(), m.smscMessageId(), Timestamps.out(m.smscTimestamp()),
                    Timestamps.out(m.updatedAt()), m.errorCode());
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StatusView(String referenceId, String status, String from, String body, String encoding, int parts,
                             String deliveryReport, String createdAt, String sendAt, String expireAt,
                             int recipientsTotal, Map<String, Integer> counts, List<RecipientView> recipients,
                             String nextPageToken) {
    }

    @GET
    public StatusView get(@PathParam("referenceId") String referenceId,
                          @QueryParam("page_size") String pageSize,
                          @QueryParam("page_token") String pageToken,
                          @QueryParam("status") String status) {
        LogContext.put(LogContext.REFERENCE_ID, referenceId);
        BatchReport.View view = report.read(caller.id(), referenceId, pageSizeOf(pageSize), startOf(pageToken), status);
        Batch b = view.batch();
        Map<String, Integer> counts = new LinkedHashMap<>();
        view.counts().forEach((s, n) -> counts.put(s.wire(), n));
        return new StatusView(b.referenceId(), view.status(), b.from(), b.body(), b.encoding().name(), b.parts(),
                b.deliveryReport() ? "yes" : "none", Timestamps.out(b.createdAt()), Timestamps.out(b.sendAt()),
                Timestamps.out(b.expireAt()), b.recipients().size(), counts,
                view.recipients().stream().map(RecipientView::of).toList(),
                view.nextIndex() == null ? null : PageTokens.encode(Integer.toString(view.nextIndex())));
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
