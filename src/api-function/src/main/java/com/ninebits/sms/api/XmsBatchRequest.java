package com.ninebits.sms.api;

import com.ninebits.sms.adapters.json.SendRequestReader;
import com.ninebits.sms.adapters.sinch.SinchBatch;
import com.ninebits.sms.adapters.sinch.SinchReport;
import com.ninebits.sms.domain.batch.BatchPlan;
import com.ninebits.sms.domain.batch.SendRequest;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import com.ninebits.sms.domain.text.Segmenter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sinch's {@code POST /batches} body ({@code mt_text}) read as the gateway's send request plus
 * the Sinch options the batch keeps beside it. Every bad field travels with the send request, so
 * the submission's one answer names them all, Sinch's fields and the gateway's together.
 */
record XmsBatchRequest(SendRequest send, SinchBatch options) {

    /** Sinch's limit on {@code client_reference}. */
    static final int MAX_CLIENT_REFERENCE = 2048;

    static XmsBatchRequest read(JsonRequest json, String accountId, String batchId) {
        List<FieldError> errors = new ArrayList<>();
        String type = json.text("type", false);
        if (type != null && !type.equals("mt_text")) {
            errors.add(new FieldError("type", "unsupported_type", "only mt_text batches are supported"));
        }
        SinchReport report = report(json.text("delivery_report", false), errors);
        String clientReference = json.text("client_reference", false);
        if (clientReference != null && clientReference.length() > MAX_CLIENT_REFERENCE) {
            errors.add(new FieldError("client_reference", "too_long",
                    "client_reference is longer than " + MAX_CLIENT_REFERENCE + " characters"));
        }
        String body = json.text("body", false);
        Integer maxParts = maxParts(json.smallWhole("max_number_of_message_parts"), body, json.has("parameters"), errors);
        // Sinch's parameters are the gateway's: ${name}, values by number, and "default".
        Map<String, Map<String, String>> parameters = SendRequestReader.parameters(json.root(), errors);
        List<String> to = json.strings("to", false, false);
        String from = json.text("from", false);
        String sendAt = json.text("send_at", false);
        String expireAt = json.text("expire_at", false);
        String callbackUrl = json.text("callback_url", false);
        errors.addAll(json.validation().errors());
        SendRequest send = new SendRequest(from, to, body, null, report.subscribes() ? "yes" : "none",
                sendAt, expireAt, batchId, callbackUrl, errors, parameters);
        return new XmsBatchRequest(send, new SinchBatch(accountId, batchId, report, clientReference, maxParts));
    }

    private static SinchReport report(String text, List<FieldError> errors) {
        if (text == null) {
            return SinchReport.NONE;
        }
        return SinchReport.parse(text).orElseGet(() -> {
            errors.add(new FieldError("delivery_report", "invalid_value",
                    "delivery_report must be none, summary, full, per_recipient or per_recipient_final"));
            return SinchReport.NONE;
        });
    }

    /**
     * Sinch sends nothing longer than the limit; here the batch is refused at once instead (README).
     * A templated body is checked per recipient once its texts are known ({@link #checkParts}).
     */
    private static Integer maxParts(Integer max, String body, boolean templated, List<FieldError> errors) {
        if (max == null) {
            return null;
        }
        if (max < 1) {
            errors.add(new FieldError("max_number_of_message_parts", "out_of_range",
                    "max_number_of_message_parts must be at least 1"));
            return null;
        }
        if (body != null && !templated && Segmenter.partCount(body) > max) {
            errors.add(new FieldError("body", "too_many_parts",
                    "body needs " + Segmenter.partCount(body) + " parts; max_number_of_message_parts is " + max));
        }
        return max;
    }

    /** Refuses the batch if a recipient's own text needs more parts than {@code max_number_of_message_parts}. */
    void checkParts(Function<SendRequest, BatchPlan> planning) {
        Integer max = options.maxParts();
        if (max == null || send.parameters() == null) {
            return;
        }
        BatchPlan plan = planning.apply(send);
        for (int i = 0; i < plan.batch().recipients().size(); i++) {
            int parts = plan.recipient(i).parts();
            if (parts > max) {
                throw DomainException.Invalid.of("body", "too_many_parts", "the text for recipient " + (i + 1) + " needs "
                        + parts + " parts; max_number_of_message_parts is " + max);
            }
        }
    }
}
