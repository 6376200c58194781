package com.ninebits.sms.adapters.metrics;

import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.util.List;

/**
 * Every metric the gateway emits, in namespace {@link EmfTelemetry#NAMESPACE}: its CloudWatch
 * name, unit and the one low-cardinality dimension it is also split by (null: none). Each is
 * always emitted without dimensions too, which is what the alarms and the dashboard's totals read.
 */
public enum Metric {
    BATCHES_ACCEPTED("BatchesAccepted", Unit.COUNT, "Channel"),
    MESSAGES_ACCEPTED("MessagesAccepted", Unit.COUNT, "Channel"),
    PARTS_CHARGED("PartsCharged", Unit.COUNT, "Channel"),
    MESSAGES_DISPATCHED("MessagesDispatched", Unit.COUNT, null),
    ACCEPT_TO_SUBMIT_TIME("AcceptToSubmitTime", Unit.MILLISECONDS, null),
    SMSC_ANSWER_TIME("SmscAnswerTime", Unit.MILLISECONDS, "Answer"),
    MESSAGES_DELIVERED("MessagesDelivered", Unit.COUNT, null),
    MESSAGES_FAILED("MessagesFailed", Unit.COUNT, "Code"),
    MESSAGES_REJECTED("MessagesRejected", Unit.COUNT, "Code"),
    MESSAGES_EXPIRED("MessagesExpired", Unit.COUNT, "Code"),
    MESSAGES_UNKNOWN("MessagesUnknown", Unit.COUNT, "Code"),
    DLR_REPORTS("DlrReports", Unit.COUNT, "Applied"),
    DLR_LAG("DlrLag", Unit.MILLISECONDS, null),
    DLR_SERVER_ERRORS("DlrServerErrors", Unit.COUNT, null),
    CALLBACKS_DELIVERED("CallbacksDelivered", Unit.COUNT, null),
    CALLBACKS_RETRIED("CallbacksRetried", Unit.COUNT, null),
    CALLBACKS_DEFERRED("CallbacksDeferred", Unit.COUNT, null),
    CALLBACKS_GIVEN_UP("CallbacksGivenUp", Unit.COUNT, null);

    private final String metricName;
    private final Unit unit;
    private final String dimension;

    Metric(String metricName, Unit unit, String dimension) {
        this.metricName = metricName;
        this.unit = unit;
        this.dimension = dimension;
    }

    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** The dimension this metric is split by besides its total, or null. */
    public String dimension() {
        return dimension;
    }

    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(Metric::metricName).toList();
    }
}
