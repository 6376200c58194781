package com.ninebits.sms.domain.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiTokenTest {

    private static final Instant NOW = Instant.parse("2026-01-01T17:48:14Z");

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anIssuedTokenHasTheDocumentedShape() {
        ApiToken.Issued issued = ApiToken.issue("acc_1", NOW);
        // sk_, a 10-character lower-case id, _, then 32 random bytes in base64url (43 characters).
        assertTrue(issued.token().matches("sk_[0-9a-hjkmnp-tv-z]{10}_[A-Za-z0-9_-]{43}"), issued.token());
        assertEquals("sk_" + issued.stored().tokenId() + "_", issued.token().substring(0, 14));
    }

    @Test
    void storesOnlyAHashOfTheWholeToken() throws Exception {
        ApiToken.Issued issued = ApiToken.issue("acc_1", NOW);
        ApiToken.Stored stored = issued.stored();
        assertEquals("acc_1", stored.accountId());
        assertEquals(NOW, stored.createdAt());
        assertEquals(sha256(issued.token()), stored.hash());
        String secret = issued.token().substring(("sk_" + stored.tokenId() + "_").length());
        assertFalse(stored.hash().contains(secret));
        assertFalse(stored.toString().contains(secret));
    }

    @Test
    void everyIssuedTokenIsDifferent() {
        Set<String> tokens = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ApiToken.Issued issued = ApiToken.issue("acc_1", NOW);
            tokens.add(issued.token());
            ids.add(issued.stored().tokenId());
        }
        assertEquals(200, tokens.size());
        assertEquals(200, ids.size());
    }

    @Test
    void findsTheIdInsideAnIssuedToken() {
        ApiToken.Issued issued = ApiToken.issue("acc_1", NOW);
        assertEquals(Optional.of(issued.stored().tokenId()), ApiToken.idOf(issued.token()));
    }

    @Test
    void theIdEndsAtTheFirstUnderscoreEvenWhenTheSecretHasMore() {
        assertEquals(Optional.of("abc"), ApiToken.idOf("sk_abc_de_f-g"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "sk_", "sk__secret", "sk_abc_", "sk_abc", "pk_abc_secret", "SK_abc_secret",
            "Bearer sk_abc_secret", "abc"})
    void findsNoIdInSomethingThatIsNotAToken(String token) {
        assertEquals(Optional.empty(), ApiToken.idOf(token));
    }

    @Test
    void theTokenMatchesWhatWasStored() {
        ApiToken.Issued issued = ApiToken.issue("acc_1", NOW);
        assertTrue(ApiToken.matches(issued.token(), issued.stored()));
    }

    @Test
    void aWrongSecretDoesNotMatch() {
        ApiToken.Issued issued = ApiToken.issue("acc_1", NOW);
        String token = issued.token();
        String lastChanged = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        assertFalse(ApiToken.matches(lastChanged, issued.stored()));
        assertFalse(ApiToken.matches(token + "x", issued.stored()));
        assertFalse(ApiToken.matches("sk_" + issued.stored().tokenId() + "_", issued.stored()));
    }

    @Test
    void anotherTokenDoesNotMatch() {
        ApiToken.Issued first = ApiToken.issue("acc_1", NOW);
        ApiToken.Issued second = ApiToken.issue("acc_1", NOW);
        assertFalse(ApiToken.matches(second.token(), first.stored()));
        assertNotEquals(first.stored().hash(), second.stored().hash());
    }

    @Test
    void aChosenSecretMakesThatToken() throws Exception {
        ApiToken.Issued demo = ApiToken.withSecret("demo000001", "s3cret", "acc_demo", NOW);
        assertEquals("sk_demo000001_s3cret", demo.token());
        assertEquals("demo000001", demo.stored().tokenId());
        assertEquals("acc_demo", demo.stored().accountId());
        assertEquals(sha256("sk_demo000001_s3cret"), demo.stored().hash());
        assertTrue(ApiToken.matches("sk_demo000001_s3cret", demo.stored()));
        assertFalse(ApiToken.matches("sk_demo000001_s3creT", demo.stored()));
    }
}
