package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.error.FieldError;

import java.util.List;
import java.util.Map;

/**
 * A send request as the customer wrote it, before validation: what {@code POST /ng/v1/sendsms}
 * and the send-request queue both carry. Type errors found while reading the JSON come along in
 * {@code typeErrors}, so that one answer names every bad field. {@code parameters}: for each
 * placeholder name, values by recipient key (a number in any form, a group ID, or
 * {@code default}); null when absent. {@code quietHours}: {@code "account"} (also when absent) or
 * {@code "ignore"}.
 */
public record SendRequest(String from, List<String> to, String body, String content, String deliveryReport,
                          String sendAt, String expireAt, String referenceId, String callbackUrl,
                          List<FieldError> typeErrors, Map<String, Map<String, String>> parameters,
                          String quietHours) {

    /** A request with parameters that leaves quiet hours to the account. */
    public SendRequest(String from, List<String> to, String body, String content, String deliveryReport,
                       String sendAt, String expireAt, String referenceId, String callbackUrl,
                       List<FieldError> typeErrors, Map<String, Map<String, String>> parameters) {
        this(from, to, body, content, deliveryReport, sendAt, expireAt, referenceId, callbackUrl, typeErrors, parameters, null);
    }

    /** A request without parameters. */
    public SendRequest(String from, List<String> to, String body, String content, String deliveryReport,
                       String sendAt, String expireAt, String referenceId, String callbackUrl,
                       List<FieldError> typeErrors, String quietHours) {
        this(from, to, body, content, deliveryReport, sendAt, expireAt, referenceId, callbackUrl, typeErrors, null, quietHours);
    }

    /** A request without parameters that leaves quiet hours to the account. */
    public SendRequest(String from, List<String> to, String body, String content, String deliveryReport,
                       String sendAt, String expireAt, String referenceId, String callbackUrl,
                       List<FieldError> typeErrors) {
        this(from, to, body, content, deliveryReport, sendAt, expireAt, referenceId, callbackUrl, typeErrors, null, null);
    }
}
