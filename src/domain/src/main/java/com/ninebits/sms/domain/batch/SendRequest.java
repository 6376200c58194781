package com.ninebits.sms.domain.batch;

import java.util.List;

/**
 * A send request as the customer wrote it, before validation: what {@code POST /ng/v1/sendsms}
 * and the send-request queue both carry. Type errors found while reading the JSON come along in
 * {@code typeErrors}, so that one answer names every bad field. {@code quietHours}: {@code "account"}
 * (also when absent) or {@code "ignore"}.
 */
public record SendRequest(String from, List<String> to, String body, String content, String deliveryReport,
                          String sendAt, String expireAt, String referenceId, String callbackUrl,
                          List<com.ninebits.sms.domain.error.FieldError> typeErrors, String quietHours) {

    /** A request that leaves quiet hours to the account. */
    public SendRequest(String from, List<String> to, String body, String content, String deliveryReport,
                       String sendAt, String expireAt, String referenceId, String callbackUrl,
                       List<com.ninebits.sms.domain.error.FieldError> typeErrors) {
        this(from, to, body, content, deliveryReport, sendAt, expireAt, referenceId, callbackUrl, typeErrors, null);
    }
}
