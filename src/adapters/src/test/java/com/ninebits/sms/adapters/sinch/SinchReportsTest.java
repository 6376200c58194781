package com.ninebits.sms.adapters.sinch;

import com.ninebits.sms.domain.batch.DeliveryReportView;
import com.ninebits.sms.domain.message.MessageState.Status;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The batch's delivery report regrouped in Sinch's statuses and codes, as the endpoint and the callback show it. */
class SinchReportsTest {

    private static final DeliveryReportView.Report REPORT = new DeliveryReportView.Report("B1", 5, List.of(
            new DeliveryReportView.Group(Status.DELIVERED, null, 1, List.of("2348020000001")),
            new DeliveryReportView.Group(Status.FAILED, "smsc_unavailable", 1, List.of("2348020000002")),
            new DeliveryReportView.Group(Status.FAILED, "rejected_by_smsc", 1, List.of("2348020000003")),
            new DeliveryReportView.Group(Status.FAILED, "unreachable", 2, List.of("2348020000004", "2348020000005"))));

    @Test
    void groupsSinchTellsAlikeAreOneWithTheirRecipientsWhenFull() {
        SinchReports.BatchReportBody body = SinchReports.batch(REPORT, true, null, null, "ref-1");
        assertEquals("delivery_report_sms", body.type());
        assertEquals("B1", body.batchId());
        assertEquals(5, body.totalMessageCount());
        assertEquals("ref-1", body.clientReference());
        assertEquals(List.of(
                new SinchReports.StatusCount(0, "Delivered", 1, List.of("2348020000001")),
                new SinchReports.StatusCount(403, "Aborted", 1, List.of("2348020000002")),
                new SinchReports.StatusCount(403, "Failed", 3, List.of("2348020000003", "2348020000004", "2348020000005"))),
                body.statuses());
    }

    @Test
    void aSummaryNamesNoRecipientsAndFiltersKeepOnlyTheNamedStatusesAndCodes() {
        SinchReports.BatchReportBody failed = SinchReports.batch(REPORT, false, Set.of("Failed"), null, null);
        assertEquals(List.of(new SinchReports.StatusCount(403, "Failed", 3, null)), failed.statuses());
        assertNull(failed.clientReference());
        assertEquals(5, failed.totalMessageCount());
        assertEquals(List.of("Aborted", "Failed"), SinchReports.batch(REPORT, false, null, Set.of(403), null)
                .statuses().stream().map(SinchReports.StatusCount::status).toList());
        assertEquals(List.of(), SinchReports.batch(REPORT, false, Set.of("Delivered"), Set.of(403), null).statuses());
    }
}
