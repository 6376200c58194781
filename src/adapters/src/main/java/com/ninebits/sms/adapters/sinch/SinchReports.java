package com.ninebits.sms.adapters.sinch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.domain.batch.DeliveryReportView;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.message.MessageState;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sinch's delivery-report bodies, as its callbacks carry them and its delivery-report
 * endpoints answer them: {@code recipient_delivery_report_sms} for one message,
 * {@code delivery_report_sms} for a batch.
 */
public final class SinchReports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SinchReports() {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecipientReport(String type, String batchId, String recipient, int code, String status, String at,
                                  String operatorStatusAt, String clientReference,
                                  Integer numberOfMessageParts) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusCount(int code, String status, int count, List<String> recipients) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchReportBody(String type, String batchId, int totalMessageCount, List<StatusCount> statuses,
                                  String clientReference) {
    }

    public static RecipientReport recipient(StatusEvent e, String clientReference) {
        SinchStatus s = SinchStatus.of(e.status(), e.errorCode());
        return new RecipientReport("recipient_delivery_report_sms", e.referenceId(), e.to(), s.code(), s.status(),
                Timestamps.out(e.updatedAt()), Timestamps.out(e.smscTimestamp()), clientReference, e.parts());
    }

    /**
     * A batch's delivery report ({@link DeliveryReportView}, read {@code full}) regrouped by Sinch
     * status and code: gateway groups that Sinch tells alike (failures with different error codes)
     * are one. {@code statuses}/{@code codes} keep only those Sinch groups (null: all); recipients
     * only with {@code full}.
     */
    public static BatchReportBody batch(DeliveryReportView.Report report, boolean full, Set<String> statuses,
                                        Set<Integer> codes, String clientReference) {
        Map<SinchStatus, List<String>> groups = new LinkedHashMap<>();
        Map<SinchStatus, Integer> counts = new LinkedHashMap<>();
        for (DeliveryReportView.Group g : report.statuses()) {
            SinchStatus s = SinchStatus.of(g.status(), g.code());
            if ((statuses == null || statuses.contains(s.status())) && (codes == null || codes.contains(s.code()))) {
                counts.merge(s, g.count(), Integer::sum);
                List<String> to = g.recipients() == null ? List.of() : g.recipients();
                groups.computeIfAbsent(s, k -> new ArrayList<>()).addAll(to);
            }
        }
        List<StatusCount> out = new ArrayList<>();
        counts.forEach((s, n) -> out.add(new StatusCount(s.code(), s.status(), n,
                full ? List.copyOf(groups.get(s)) : null)));
        return new BatchReportBody("delivery_report_sms", report.referenceId(), report.totalMessageCount(), out,
                clientReference);
    }

    /** One recipient's report as {@code GET /batches/{id}/delivery_report/{recipient}} answers it. */
    public static RecipientReport recipient(String batchId, DeliveryReportView.RecipientReport report,
                                            String clientReference) {
        MessageState m = report.state();
        SinchStatus s = SinchStatus.of(m.status(), m.errorCode());
        // The last move's time: a message without a record yet is queued since its batch's acceptance.
        Instant at = report.history().get(report.history().size() - 1).at();
        return new RecipientReport("recipient_delivery_report_sms", batchId, m.to(), s.code(), s.status(),
                Timestamps.out(at), Timestamps.out(m.smscTimestamp()), clientReference, m.parts());
    }

    /** Sinch's status names, as a filter of its delivery-report endpoint may name them. */
    public static final Set<String> STATUS_NAMES = Set.of("Queued", "Dispatched", "Aborted", "Cancelled", "Failed",
            "Delivered", "Expired", "Rejected", "Deleted", "Unknown");

    public static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
