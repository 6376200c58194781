package com.ninebits.sms.dlr;

import com.ninebits.sms.domain.message.MessageState;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** How each connector words a delivery status, in the gateway's terms. */
final class DlrStatuses {

    private DlrStatuses() {
    }

    /** Kannel's {@code %d}: 1 delivered, 2 undelivered, 4 queued on the SMSC, 8 accepted by the SMSC, 16 rejected by the SMSC. */
    static Optional<MessageState.Status> fromKannelType(String type) {
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

    static Optional<MessageState.Status> fromGeneric(String status) {
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

    /** Unix seconds (Kannel's {@code %T}) or ISO-8601. */
    static Optional<Instant> timestamp(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(t)));
        } catch (NumberFormatException notSeconds) {
            try {
                return Optional.of(Instant.parse(t));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /** A short, printable error code from the SMSC's reply text. */
    static String errorCode(String reply) {
        if (reply == null || reply.isBlank()) {
            return "undelivered";
        }
        String cleaned = reply.strip().replaceAll("[^A-Za-z0-9:/_.-]", "_");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
