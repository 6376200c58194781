package com.ninebits.sms.adapters.smsc.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ninebits.sms.adapters.json.StrictJson;
import com.ninebits.sms.adapters.smsc.SmscReports;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.receipt.DeliveryReceipt;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The generic connector's delivery reports, which the built-in simulator sends too:
 * {@code POST /ng/v1/dlr/http} with {@code {message_id, smsc_message_id, status, timestamp,
 * error_code}}, the secret in {@code X-DLR-Secret} or {@code ?secret=}. Both the writing (for the
 * simulator) and the reading (for the webhook) are here.
 */
public final class HttpReports {

    public static final String CONNECTOR = "http";
    public static final String PATH = "/ng/v1/dlr/http";

    static final int MAX_BODY = 16 * 1024;
    private static final String MESSAGE_ID = "message_id";
    private static final String SMSC_MESSAGE_ID = "smsc_message_id";
    private static final String STATUS = "status";
    private static final String TIMESTAMP = "timestamp";
    private static final String ERROR_CODE = "error_code";
    private static final ObjectMapper WRITER = new ObjectMapper();

    private final Optional<String> secret;
    private final ObjectMapper json;

    /** @param secret what every report must carry; empty: every report is refused */
    public HttpReports(Optional<String> secret, ObjectMapper json) {
        this.secret = secret;
        this.json = json;
    }

    /** Where an SMSC speaking this format reports, under the gateway's public base URL. */
    public static String url(String base, Optional<String> secret) {
        return base.replaceAll("/+$", "") + PATH
                + secret.map(s -> "?" + SmscReports.SECRET_PARAMETER + "=" + URLEncoder.encode(s, StandardCharsets.UTF_8))
                .orElse("");
    }

    /** One report in this format; {@code errorCode} null leaves it out. */
    public static String body(String messageId, String smscMessageId, String status, Instant timestamp, String errorCode) {
        ObjectNode report = WRITER.createObjectNode()
                .put(MESSAGE_ID, messageId)
                .put(SMSC_MESSAGE_ID, smscMessageId)
                .put(STATUS, status)
                .put(TIMESTAMP, timestamp.toString());
        if (errorCode != null) {
            report.put(ERROR_CODE, errorCode);
        }
        return report.toString();
    }

    /**
     * The receipt one report carries. Throws {@link DomainException.Unauthorized} without the
     * secret, {@link DomainException.Invalid} for a missing, oversized or incomplete report, and
     * {@link JsonProcessingException} for one that is not JSON.
     */
    public DeliveryReceipt read(Map<String, List<String>> query, String headerSecret, byte[] body)
            throws JsonProcessingException {
        SmscReports.authenticate(CONNECTOR, secret, query, headerSecret);
        if (body == null || body.length == 0 || body.length > MAX_BODY) {
            throw new DomainException.Invalid("a JSON delivery report is required", List.of());
        }
        JsonNode report = StrictJson.read(json, new String(body, StandardCharsets.UTF_8));
        if (report == null || !report.isObject()) {
            throw new DomainException.Invalid("the delivery report must be a JSON object", List.of());
        }
        Optional<MessageState.Status> status = status(text(report, STATUS));
        String messageId = text(report, MESSAGE_ID);
        if (status.isEmpty() || messageId == null) {
            throw new DomainException.Invalid("message_id and a known status are required", List.of());
        }
        return new DeliveryReceipt(CONNECTOR, messageId, status.get(), text(report, SMSC_MESSAGE_ID),
                SmscReports.timestamp(text(report, TIMESTAMP)).orElse(null), SmscReports.bounded(text(report, ERROR_CODE)));
    }

    /** The status words this format takes, SMPP's short forms among them. */
    static Optional<MessageState.Status> status(String status) {
        if (status == null) {
            return Optional.empty();
        }
        return switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "delivered", "delivrd" -> Optional.of(MessageState.Status.DELIVERED);
            case "failed", "undelivered", "undeliv" -> Optional.of(MessageState.Status.FAILED);
            case "rejected", "rejectd" -> Optional.of(MessageState.Status.REJECTED);
            case "expired" -> Optional.of(MessageState.Status.EXPIRED);
            case "accepted", "dispatched", "enroute" -> Optional.of(MessageState.Status.DISPATCHED);
            case "unknown" -> Optional.of(MessageState.Status.UNKNOWN);
            case "queued" -> Optional.of(MessageState.Status.QUEUED);
            default -> Optional.empty();
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
