package com.ninebits.sms.domain.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * API tokens have the form {@code sk_<token id>_<secret>}. The id finds the stored record in one
 * read; only a SHA-256 hash of the whole token is stored, and the hash is compared in constant
 * time. The token itself is shown once, when issued.
 */
public final class ApiToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private ApiToken() {
    }

    /** What the store keeps of a token. */
    public record Stored(String tokenId, String accountId, String hash, Instant createdAt) {
    }

    /** A freshly issued token: the plain text (shown once) and what to store. */
    public record Issued(String token, Stored stored) {
    }

    public static Issued issue(String accountId, Instant now) {
        String tokenId = Ids.random(10).toLowerCase();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return fromParts(tokenId, URL_SAFE.encodeToString(secret), accountId, now);
    }

    /** A token with a chosen secret part: only for the local demo account, whose token is configured. */
    public static Issued withSecret(String tokenId, String secret, String accountId, Instant now) {
        return fromParts(tokenId, secret, accountId, now);
    }

    private static Issued fromParts(String tokenId, String secret, String accountId, Instant now) {
        String token = "sk_" + tokenId + "_" + secret;
        return new Issued(token, new Stored(tokenId, accountId, hash(token), now));
    }

    /** The token id inside a presented token, if it has the token's shape. */
    public static Optional<String> idOf(String token) {
        if (token == null || !token.startsWith("sk_")) {
            return Optional.empty();
        }
        int end = token.indexOf('_', 3);
        if (end <= 3 || end == token.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(token.substring(3, end));
    }

    public static boolean matches(String token, Stored stored) {
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                stored.hash().getBytes(StandardCharsets.US_ASCII));
    }

    static String hash(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
