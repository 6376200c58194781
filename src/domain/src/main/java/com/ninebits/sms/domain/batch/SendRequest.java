package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.error.FieldError;

import java.util.List;
import java.util.Map;

/**
 * A send request as the customer wrote it, before validation: what {@code POST /ng/v1/sendsms}
 * and the send-request queue both carry. Type errors found while reading the JSON come along in
 * {@code typeErrors}, so that one answer names every bad field. {@code parameters}: for each
 * placeholder name, values by recipient key (a number in any form, a group ID, or
 * {@code default}); null when absent.
 */
public record SendRequest(String from, List<String> to, String body, String content, String deliveryReport,
                          String sendAt, String expireAt, String referenceId, String callbackUrl,
                          List<FieldError> typeErrors, Map<String, Map<String, String>> parameters) {

    /** A request without parameters. */
    public SendRequest(String from, List<String> to, String body, String content, String deliveryReport,
                       String sendAt, String expireAt, String referenceId, String callbackUrl,
                       List<FieldError> typeErrors) {
        this(from, to, body, content, deliveryReport, sendAt, expireAt, referenceId, callbackUrl, typeErrors, null);
    }
}
