package com.ninebits.sms.adapters.metrics;

import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.telemetry.Telemetry;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@link Telemetry} as CloudWatch Embedded Metric Format lines on stdout, through AWS's
 * {@code aws-embedded-metrics} library: in Lambda, CloudWatch Logs turns each line into metrics;
 * in the local run and the tests the same lines are in the function's output. Events are kept
 * until {@link #flush} (the end of each invocation or HTTP response): an invocation's events of
 * one kind make one line with a value each, not one line (and one write under stdout's lock) each.
 *
 * <p>Dimensions are only ever low-cardinality values (channel, SMSC answer, error code, how a
 * report applied); the account id is a property of the line, so Logs Insights can still count
 * per account without a custom metric per account.
 */
public final class EmfTelemetry implements Telemetry {

    public static final String NAMESPACE = "SmsGateway";
    /** Error codes come partly from SMSCs: anything outside this shape is counted as "other". */
    private static final Pattern CODE = Pattern.compile("[a-z0-9_.:-]{1,40}");
    private static final Logger LOG = Logger.getLogger(EmfTelemetry.class.getName());

    /** Past this many values waiting, they are written at once, so that a long invocation keeps little. */
    static final int MAX_BUFFERED = 1_000;

    private final Environment environment;
    private Map<Document, List<Datum>> pending = new LinkedHashMap<>();
    private int buffered;

    public EmfTelemetry(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void batchAccepted(String accountId, String channel, int messages, long parts) {
        emit(accountId, "Channel", channel, fill -> fill.put(Metric.BATCHES_ACCEPTED, 1)
                .put(Metric.MESSAGES_ACCEPTED, messages)
                .put(Metric.PARTS_CHARGED, parts));
    }

    @Override
    public void dispatched(String accountId, int submitted, Duration sinceDue) {
        emit(accountId, null, null, fill -> {
            fill.put(Metric.MESSAGES_DISPATCHED, submitted);
            if (submitted > 0 && sinceDue != null && !sinceDue.isNegative()) {
                fill.put(Metric.ACCEPT_TO_SUBMIT_TIME, sinceDue.toMillis());
            }
        });
    }

    @Override
    public void smscAnswered(String connector, String answer, Duration took) {
        emit(null, "Answer", answer, fill -> fill.property("connector", connector)
                .put(Metric.SMSC_ANSWER_TIME, took.toMillis()));
    }

    @Override
    public void messageEnded(String accountId, MessageState.Status status, String code) {
        Metric metric = switch (status) {
            case DELIVERED -> Metric.MESSAGES_DELIVERED;
            case FAILED -> Metric.MESSAGES_FAILED;
            case REJECTED -> Metric.MESSAGES_REJECTED;
            case EXPIRED -> Metric.MESSAGES_EXPIRED;
            case UNKNOWN -> Metric.MESSAGES_UNKNOWN;
            case QUEUED, DISPATCHED, CANCELLED -> null;
        };
        if (metric == null) {
            return;
        }
        String dimension = metric.dimension();
        emit(accountId, dimension, dimension == null ? null : code(code), fill -> fill.put(metric, 1));
    }

    @Override
    public void receiptApplied(String connector, MessageState.Status status, String applied, Duration lag) {
        emit(null, "Applied", applied, fill -> {
            fill.property("connector", connector).property("status", status.wire()).put(Metric.DLR_REPORTS, 1);
            if (lag != null && !lag.isNegative()) {
                fill.put(Metric.DLR_LAG, lag.toMillis());
            }
        });
    }

    @Override
    public void receiptRefused(String connector, int httpStatus) {
        emit(null, null, null, fill -> fill.property("connector", connector).property("http_status", httpStatus)
                .put(Metric.DLR_SERVER_ERRORS, 1));
    }

    @Override
    public void callback(String accountId, String outcome) {
        Metric metric = switch (outcome) {
            case "delivered" -> Metric.CALLBACKS_DELIVERED;
            case "retried" -> Metric.CALLBACKS_RETRIED;
            case "deferred" -> Metric.CALLBACKS_DEFERRED;
            case "given_up" -> Metric.CALLBACKS_GIVEN_UP;
            default -> null;
        };
        if (metric == null) {
            // A metric never fails the work it measures: an outcome this table does not know is only logged.
            LOG.warning(() -> "metric not emitted: unknown callback outcome " + outcome);
            return;
        }
        emit(accountId, null, null, fill -> fill.put(metric, 1));
    }

    /** Error codes as a bounded dimension value. */
    static String code(String code) {
        if (code == null || code.isBlank()) {
            return "none";
        }
        String lower = code.toLowerCase(Locale.ROOT);
        return CODE.matcher(lower).matches() ? lower : "other";
    }

    @Override
    public void flush() {
        Map<Document, List<Datum>> due;
        synchronized (this) {
            due = pending;
            pending = new LinkedHashMap<>();
            buffered = 0;
        }
        due.forEach(this::write);
    }

    /** What shares one EMF document: its dimension (if any) and its properties. */
    private record Document(String dimension, String value, Map<String, Object> properties) {
    }

    private record Datum(Metric metric, double value) {
    }

    /** Collects one event's values and properties. */
    private static final class Fill {
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final List<Datum> data = new ArrayList<>();

        Fill property(String name, Object value) {
            properties.put(name, value);
            return this;
        }

        Fill put(Metric metric, double value) {
            data.add(new Datum(metric, value));
            return this;
        }
    }

    /**
     * Records one event's metrics, in total and split by {@code dimension} when it has a value, to be
     * written at the next {@link #flush}: events of the same document (dimension and properties)
     * become one EMF line with several values per metric, which the library splits at EMF's limits.
     */
    private void emit(String accountId, String dimension, String value, java.util.function.Consumer<Fill> event) {
        try {
            Fill fill = new Fill();
            if (accountId != null) {
                fill.property("account_id", accountId);
            }
            event.accept(fill);
            boolean full;
            synchronized (this) {
                pending.computeIfAbsent(new Document(dimension, value, Map.copyOf(fill.properties)), d -> new ArrayList<>())
                        .addAll(fill.data);
                buffered += fill.data.size();
                full = buffered >= MAX_BUFFERED;
            }
            if (full) {
                flush();
            }
        } catch (RuntimeException e) {
            // A metric never fails the work it measures.
            LOG.log(Level.WARNING, "metric not emitted: " + e);
        }
    }

    /** One document's lines on stdout. */
    private void write(Document document, List<Datum> data) {
        try {
            MetricsLogger logger = new MetricsLogger(environment);
            logger.setNamespace(NAMESPACE);
            if (document.dimension() != null && document.value() != null) {
                logger.setDimensions(false, new DimensionSet(), DimensionSet.of(document.dimension(), document.value()));
            } else {
                logger.setDimensions(false, new DimensionSet());
            }
            document.properties().forEach(logger::putProperty);
            data.forEach(d -> logger.putMetric(d.metric().metricName(), d.value(), d.metric().unit()));
            logger.flush();
        } catch (RuntimeException e) {
            // A metric never fails the work it measures.
            LOG.log(Level.WARNING, "metric not emitted: " + e);
        }
    }

}
