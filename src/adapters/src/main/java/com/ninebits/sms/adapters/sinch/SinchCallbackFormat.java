package com.ninebits.sms.adapters.sinch;

import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.batch.DeliveryReportView;
import com.ninebits.sms.domain.callback.CallbackBody;
import com.ninebits.sms.domain.callback.CallbackFormat;
import com.ninebits.sms.domain.callback.StatusEvent;

import java.util.Optional;

/**
 * Callbacks of batches created through {@code /xms} in Sinch's shapes, as their
 * {@code delivery_report} asks; every other batch's in the gateway's own. Rendered when each POST is
 * made, so a retried or re-sent event is told the same way.
 *
 * <p>summary and full: the event of the message that leaves the batch all final finds every message
 * final and tells the batch's report. Events are queued only after their message's move is
 * stored, so at least one final event finds the batch so; two found together each tell it
 * (at least once, as every callback here). Each final event of such a batch reads its messages'
 * statuses (through {@link DeliveryReportView}, as the
 * delivery-report endpoint does): a cost that grows with the square of the batch's size.
 */
public final class SinchCallbackFormat implements CallbackFormat {

    private final SinchBatches batches;
    private final BatchReport report;
    private final DeliveryReportView reports;

    public SinchCallbackFormat(SinchBatches batches, BatchReport report, DeliveryReportView reports) {
        this.batches = batches;
        this.report = report;
        this.reports = reports;
    }

    @Override
    public Optional<String> body(StatusEvent event) {
        Optional<SinchBatch> sinch = batches.find(event.accountId(), event.referenceId());
        if (sinch.isEmpty()) {
            return Optional.of(CallbackBody.json(event));
        }
        SinchBatch batch = sinch.get();
        return switch (batch.deliveryReport()) {
            case NONE -> Optional.empty();
            case PER_RECIPIENT -> Optional.of(recipient(event, batch));
            case PER_RECIPIENT_FINAL -> event.status().isFinal() ? Optional.of(recipient(event, batch)) : Optional.empty();
            case SUMMARY, FULL -> event.status().isFinal() ? batchReport(event, batch) : Optional.empty();
        };
    }

    private static String recipient(StatusEvent event, SinchBatch batch) {
        return SinchReports.json(SinchReports.recipient(event, batch.clientReference()));
    }

    private Optional<String> batchReport(StatusEvent event, SinchBatch batch) {
        // The counts first (a read of each message's status only); every message only once all are final.
        BatchReport.View counted = report.read(event.accountId(), event.referenceId(), 1, 0, null);
        if (counted.counts().entrySet().stream().anyMatch(c -> !c.getKey().isFinal() && c.getValue() > 0)) {
            return Optional.empty();
        }
        DeliveryReportView.Report all = reports.batch(event.accountId(), event.referenceId(), "full", null);
        return Optional.of(SinchReports.json(SinchReports.batch(all, batch.deliveryReport() == SinchReport.FULL,
                null, null, batch.clientReference())));
    }
}
