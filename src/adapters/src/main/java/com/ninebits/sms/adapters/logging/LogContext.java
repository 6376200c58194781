package com.ninebits.sms.adapters.logging;

import org.jboss.logging.MDC;

/**
 * The ids every log line of one record carries, in the MDC (JSON fields in Lambda): the Lambda
 * request id, and the account, batch reference and message the record is about. Ids only: never a
 * number, a body or a secret. MDC is per thread, so each record's worker sets its own. The HTTP
 * functions put the Lambda request id, API Gateway's and the caller's account the same way.
 */
public final class LogContext implements AutoCloseable {

    public static final String REQUEST_ID = "request_id";
    public static final String ACCOUNT_ID = "account_id";
    public static final String REFERENCE_ID = "reference_id";
    public static final String MESSAGE_ID = "message_id";
    /** API Gateway's id of an HTTP request, which its access log and the client's support ticket quote. */
    public static final String API_REQUEST_ID = "api_request_id";

    private LogContext() {
    }

    /** Puts the ids given (null ones left out) until closed. */
    public static LogContext of(String requestId, String accountId, String referenceId, String messageId) {
        put(REQUEST_ID, requestId);
        put(ACCOUNT_ID, accountId);
        put(REFERENCE_ID, referenceId);
        put(MESSAGE_ID, messageId);
        return new LogContext();
    }

    /** Adds the ids learnt once the record is read; the enclosing {@link #of} removes them. */
    public static void add(String accountId, String referenceId, String messageId) {
        put(ACCOUNT_ID, accountId);
        put(REFERENCE_ID, referenceId);
        put(MESSAGE_ID, messageId);
    }

    /** Puts one id (null: left out) until the enclosing context closes or {@link #clear} removes it. */
    public static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, LogText.loggable(value));
        }
    }

    /** Removes every id this class puts. */
    public static void clear() {
        MDC.remove(API_REQUEST_ID);
        MDC.remove(REQUEST_ID);
        MDC.remove(ACCOUNT_ID);
        MDC.remove(REFERENCE_ID);
        MDC.remove(MESSAGE_ID);
    }

    @Override
    public void close() {
        clear();
    }
}
