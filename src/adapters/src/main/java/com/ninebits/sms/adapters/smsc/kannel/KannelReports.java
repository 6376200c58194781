package com.ninebits.sms.adapters.smsc.kannel;

import com.ninebits.sms.adapters.smsc.SmscReports;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.receipt.DeliveryReceipt;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kannel's delivery reports, both ways: the {@code dlr-url} and {@code dlr-mask} {@link KannelSmsc}
 * asks for with each message, and the reading of the call Kannel makes to that URL. Kannel fills
 * in its escapes: {@code %d} report type (1 delivered, 2 failed, 4 queued on the SMSC, 8 taken by
 * the SMSC, 16 refused by the SMSC), {@code %T} Unix time, {@code %A} the SMSC's reply and
 * {@code %F} the SMSC's own message id.
 */
public final class KannelReports {

    public static final String CONNECTOR = "kannel";
    /** Where, under the gateway's public base URL, Kannel's delivery reports go. */
    public static final String PATH = "/ng/v1/dlr/kannel";

    // The reports that carry news (1 delivered | 2 undelivered | 16 rejected by the SMSC), asked for
    // always: the status endpoint shows them whether or not the customer wants callbacks. 8 (taken
    // by the SMSC) and 4 (queued there) would only repeat what the dispatcher records itself, and
    // would double the webhook's traffic.
    static final String MASK = "19";

    static final String MESSAGE_ID = "message_id";
    static final String TYPE = "type";
    static final String TIMESTAMP = "ts";
    static final String REPLY = "reply";
    static final String SMSC_ID = "smsc_id";
    private static final String ESCAPES = "&" + TYPE + "=%d&" + TIMESTAMP + "=%T&" + REPLY + "=%A&" + SMSC_ID + "=%F";

    private final Optional<String> secret;

    /** @param secret what every report must carry; empty: every report is refused */
    public KannelReports(Optional<String> secret) {
        this.secret = secret;
    }

    /**
     * The report URL Kannel calls for one message, our values in it escaped twice over: once for
     * the URL, and once more ({@code %} as {@code %%}) because Kannel reads every {@code %} in it
     * as one of its escapes.
     *
     * @param base   the gateway's public base URL, without a trailing slash
     * @param secret carried in the URL so that the webhook knows the caller
     */
    static String dlrUrl(String base, Optional<String> secret, String messageId) {
        StringBuilder url = new StringBuilder(base).append(PATH).append('?');
        secret.ifPresent(s -> url.append(SmscReports.SECRET_PARAMETER).append('=').append(forKannel(s)).append('&'));
        url.append(MESSAGE_ID).append('=').append(forKannel(messageId)).append(ESCAPES);
        return url.toString();
    }

    /**
     * The receipt one call to the {@code dlr-url} reports. Throws {@link DomainException.Unauthorized}
     * without the secret and {@link DomainException.Invalid} without a message id or a known type.
     *
     * @param query        the call's query parameters, decoded
     * @param headerSecret the {@code X-DLR-Secret} header, read when the URL carries no secret
     */
    public DeliveryReceipt read(Map<String, List<String>> query, String headerSecret) {
        SmscReports.authenticate(CONNECTOR, secret, query, headerSecret);
        String messageId = SmscReports.first(query, MESSAGE_ID);
        Optional<MessageState.Status> status = status(SmscReports.first(query, TYPE));
        if (status.isEmpty() || messageId == null) {
            throw new DomainException.Invalid("message_id and a Kannel report type are required", List.of());
        }
        boolean failed = status.get() == MessageState.Status.FAILED || status.get() == MessageState.Status.REJECTED;
        return new DeliveryReceipt(CONNECTOR, messageId, status.get(), blankToNull(SmscReports.first(query, SMSC_ID)),
                SmscReports.timestamp(SmscReports.first(query, TIMESTAMP)).orElse(null),
                failed ? errorCode(SmscReports.first(query, REPLY)) : null);
    }

    /** Kannel's {@code %d} in the gateway's terms. */
    static Optional<MessageState.Status> status(String type) {
        if (type == null) {
            return Optional.empty();
        }
        return switch (type.strip()) {
            case "1" -> Optional.of(MessageState.Status.DELIVERED);
            case "2" -> Optional.of(MessageState.Status.FAILED);
            case "4" -> Optional.of(MessageState.Status.QUEUED);
            case "8" -> Optional.of(MessageState.Status.DISPATCHED);
            case "16" -> Optional.of(MessageState.Status.REJECTED);
            default -> Optional.empty();
        };
    }

    /** A short, printable error code from the SMSC's reply text ({@code %A}). */
    static String errorCode(String reply) {
        if (reply == null || reply.isBlank()) {
            return "undelivered";
        }
        String cleaned = reply.strip().replaceAll("[^A-Za-z0-9:/_.-]", "_");
        return SmscReports.bounded(cleaned);
    }

    private static String forKannel(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%", "%%");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
