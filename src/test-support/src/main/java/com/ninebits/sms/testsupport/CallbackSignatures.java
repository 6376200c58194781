package com.ninebits.sms.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an {@code X-Signature} header as a customer's receiver would:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>}.
 */
public final class CallbackSignatures {

    private CallbackSignatures() {
    }

    /** Throws {@link AssertionError} unless {@code header} signs {@code body} with {@code secret}, at a current time. */
    public static void assertValid(String header, String secret, String body) {
        if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
            throw new AssertionError("not a signature header: " + header);
        }
        String t = header.substring(2, header.indexOf(','));
        if (Math.abs(Long.parseLong(t) - System.currentTimeMillis() / 1000) > 600) {
            throw new AssertionError("signature time " + t + " is not current: a receiver would refuse it");
        }
        String expected = "t=" + t + ",v1=" + hmac(secret, t + "." + body);
        if (!expected.equals(header)) {
            throw new AssertionError("signature " + header + " does not sign the body with the account's secret");
        }
    }

    private static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
