package com.ninebits.sms.adapters.sinch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.message.MessageState;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sinch's delivery-report bodies, as its callbacks carry them and (phase 2) its delivery-report
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
     * The batch's messages grouped by Sinch status and code, only groups with a message in them;
     * with {@code full}, each group's recipients.
     */
    public static BatchReportBody batch(String batchId, int total, List<MessageState> messages, boolean full,
                                        String clientReference) {
        Map<SinchStatus, List<String>> groups = new LinkedHashMap<>();
        for (MessageState m : messages) {
            groups.computeIfAbsent(SinchStatus.of(m.status(), m.errorCode()), k -> new ArrayList<>()).add(m.to());
        }
        List<StatusCount> statuses = new ArrayList<>();
        groups.forEach((s, numbers) -> statuses.add(new StatusCount(s.code(), s.status(), numbers.size(),
                full ? List.copyOf(numbers) : null)));
        return new BatchReportBody("delivery_report_sms", batchId, total, statuses, clientReference);
    }

    /** Every message of a batch, read a page at a time through the status use case. */
    public static List<MessageState> allMessages(BatchReport report, String accountId, String batchId) {
        List<MessageState> all = new ArrayList<>();
        Integer next = 0;
        while (next != null) {
            BatchReport.View page = report.read(accountId, batchId, BatchReport.MAX_PAGE_SIZE, next, null);
            all.addAll(page.recipients());
            next = page.nextIndex();
        }
        return all;
    }

    public static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
