package com.ninebits.sms.domain.callback;

import com.ninebits.sms.domain.batch.Timestamps;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The body a customer's webhook receives and its signature:
 * {@code X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>}.
 */
public final class CallbackBody {

    private CallbackBody() {
    }

    public static String json(StatusEvent e) {
        StringBuilder out = new StringBuilder(320).append('{');
        field(out, "type", "delivery_report").append(',');
        field(out, "event_id", e.eventId()).append(',');
        field(out, "reference_id", e.referenceId()).append(',');
        field(out, "to", e.to()).append(',');
        field(out, "status", e.status().wire()).append(',');
        field(out, "error_code", e.errorCode()).append(',');
        out.append("\"parts\":").append(e.parts()).append(',');
        field(out, "smsc_message_id", e.smscMessageId()).append(',');
        field(out, "smsc_timestamp", Timestamps.out(e.smscTimestamp())).append(',');
        field(out, "updated_at", Timestamps.out(e.updatedAt()));
        return out.append('}').toString();
    }

    public static String signature(String secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
