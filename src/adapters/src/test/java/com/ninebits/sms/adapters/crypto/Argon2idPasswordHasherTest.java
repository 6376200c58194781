package com.ninebits.sms.adapters.crypto;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Argon2idPasswordHasherTest {

    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher();

    @Test
    void aHashMatchesItsPasswordOnlyAndCarriesItsParameters() {
        String hash = hasher.hash("a long portal password");

        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertFalse(hash.contains("a long portal password"));
        assertTrue(hasher.matches("a long portal password", hash));
        assertFalse(hasher.matches("a long portal passwore", hash));
        assertFalse(hasher.matches("", hash));
    }

    @Test
    void thePasswordIsSaltedSoTwoHashesDiffer() {
        assertNotEquals(hasher.hash("same password!"), hasher.hash("same password!"));
    }

    @Test
    void aHashKeepsTheParametersItWasMadeWith() {
        String cheaper = "$argon2id$v=19$m=8,t=1,p=1$" + hasher.hash("x").split("\\$")[4] + "$";
        // Not a hash of anything: malformed or foreign encodings never match and never throw.
        assertFalse(hasher.matches("x", cheaper));
        assertFalse(hasher.matches("x", "$2a$10$bcryptlookingthing"));
        assertFalse(hasher.matches("x", null));
        assertFalse(hasher.matches("x", "$argon2id$v=19$m=abc,t=2,p=1$AAAA$AAAA"));
    }
}
