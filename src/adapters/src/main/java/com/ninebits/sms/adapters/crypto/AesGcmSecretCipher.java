package com.ninebits.sms.adapters.crypto;

import com.ninebits.sms.adapters.config.SecretConfig;
import com.ninebits.sms.domain.webhook.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM with a random 96-bit nonce per secret, stored as {@code v1:<base64(nonce|ciphertext)>}.
 * The key comes from configuration (Secrets Manager in AWS), never from the table.
 */
@ApplicationScoped
public class AesGcmSecretCipher implements SecretCipher {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretConfig config;

    public AesGcmSecretCipher(SecretConfig config) {
        this.config = config;
    }

    @Override
    public String encrypt(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    @Override
    public String decrypt(String sealed) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalStateException("unknown secret format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a secret: wrong key or damaged value", e);
        }
    }

    private SecretKeySpec key() {
        String encoded = config.key()
                .orElseThrow(() -> new IllegalStateException("sms.secret.key (SMS_SECRET_KEY) is not set"));
        byte[] key = Base64.getDecoder().decode(encoded.strip());
        if (key.length != 32) {
            throw new IllegalStateException("sms.secret.key must be 32 bytes, base64-encoded");
        }
        return new SecretKeySpec(key, "AES");
    }
}
