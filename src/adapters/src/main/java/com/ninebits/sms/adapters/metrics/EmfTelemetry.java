package com.ninebits.sms.adapters.metrics;

import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.telemetry.Telemetry;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;

import java.time.Duration;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@link Telemetry} as CloudWatch Embedded Metric Format lines on stdout, through AWS's
 * {@code aws-embedded-metrics} library: in Lambda, CloudWatch Logs turns each line into metrics;
 * in the local run and the tests the same lines are in the function's output.
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

    private final Environment environment;

    public EmfTelemetry(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void batchAccepted(String accountId, String channel, int messages, long parts) {
        emit(accountId, "Channel", channel, logger -> {
            put(logger, Metric.BATCHES_ACCEPTED, 1);
            put(logger, Metric.MESSAGES_ACCEPTED, messages);
            put(logger, Metric.PARTS_CHARGED, parts);
        });
    }

    @Override
    public void dispatched(String accountId, int submitted, Duration sinceDue) {
        emit(accountId, null, null, logger -> {
            put(logger, Metric.MESSAGES_DISPATCHED, submitted);
            if (submitted > 0 && sinceDue != null && !sinceDue.isNegative()) {
                put(logger, Metric.ACCEPT_TO_SUBMIT_TIME, sinceDue.toMillis());
            }
        });
    }

    @Override
    public void smscAnswered(String connector, String answer, Duration took) {
        emit(null, "Answer", answer, logger -> {
            logger.putProperty("connector", connector);
            put(logger, Metric.SMSC_ANSWER_TIME, took.toMillis());
        });
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
        emit(accountId, dimension, dimension == null ? null : code(code), logger -> put(logger, metric, 1));
    }

    @Override
    public void receiptApplied(String connector, MessageState.Status status, String applied, Duration lag) {
        emit(null, "Applied", applied, logger -> {
            logger.putProperty("connector", connector);
            logger.putProperty("status", status.wire());
            put(logger, Metric.DLR_REPORTS, 1);
            if (lag != null && !lag.isNegative()) {
                put(logger, Metric.DLR_LAG, lag.toMillis());
            }
        });
    }

    @Override
    public void receiptRefused(String connector, int httpStatus) {
        emit(null, null, null, logger -> {
            logger.putProperty("connector", connector);
            logger.putProperty("http_status", httpStatus);
            put(logger, Metric.DLR_SERVER_ERRORS, 1);
        });
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
        emit(accountId, null, null, logger -> put(logger, metric, 1));
    }

    /** Error codes as a bounded dimension value. */
    static String code(String code) {
        if (code == null || code.isBlank()) {
            return "none";
        }
        String lower = code.toLowerCase(Locale.ROOT);
        return CODE.matcher(lower).matches() ? lower : "other";
    }

    private interface Fill {
        void into(MetricsLogger logger);
    }

    /** One EMF line: the metrics in total, and split by {@code dimension} when it has a value. */
    private void emit(String accountId, String dimension, String value, Fill fill) {
        try {
            MetricsLogger logger = new MetricsLogger(environment);
            logger.setNamespace(NAMESPACE);
            if (dimension != null && value != null) {
                logger.setDimensions(false, new DimensionSet(), DimensionSet.of(dimension, value));
            } else {
                logger.setDimensions(false, new DimensionSet());
            }
            if (accountId != null) {
                logger.putProperty("account_id", accountId);
            }
            fill.into(logger);
            logger.flush();
        } catch (RuntimeException e) {
            // A metric never fails the work it measures.
            LOG.log(Level.WARNING, "metric not emitted: " + e);
        }
    }

    private static void put(MetricsLogger logger, Metric metric, double value) {
        logger.putMetric(metric.metricName(), value, metric.unit());
    }
}
