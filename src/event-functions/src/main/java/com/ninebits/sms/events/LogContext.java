package com.ninebits.sms.events;

import org.jboss.logging.MDC;

/**
 * The ids every log line of one record carries, in the MDC (JSON fields in Lambda): the Lambda
 * request id, and the account, batch reference and message the record is about. Ids only: never a
 * number, a body or a secret. MDC is per thread, so each record's worker sets its own.
 */
final class LogContext implements AutoCloseable {

    static final String REQUEST_ID = "request_id";
    static final String ACCOUNT_ID = "account_id";
    static final String REFERENCE_ID = "reference_id";
    static final String MESSAGE_ID = "message_id";

    private LogContext() {
    }

    /** Puts the ids given (null ones left out) until closed. */
    static LogContext of(String requestId, String accountId, String referenceId, String messageId) {
        put(REQUEST_ID, requestId);
        put(ACCOUNT_ID, accountId);
        put(REFERENCE_ID, referenceId);
        put(MESSAGE_ID, messageId);
        return new LogContext();
    }

    /** Adds the ids learnt once the record is read; the enclosing {@link #of} removes them. */
    static void add(String accountId, String referenceId, String messageId) {
        put(ACCOUNT_ID, accountId);
        put(REFERENCE_ID, referenceId);
        put(MESSAGE_ID, messageId);
    }

    static String requestId(com.amazonaws.services.lambda.runtime.Context context) {
        return context == null ? null : context.getAwsRequestId();
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, LogText.loggable(value));
        }
    }

    @Override
    public void close() {
        MDC.remove(REQUEST_ID);
        MDC.remove(ACCOUNT_ID);
        MDC.remove(REFERENCE_ID);
        MDC.remove(MESSAGE_ID);
    }
}
