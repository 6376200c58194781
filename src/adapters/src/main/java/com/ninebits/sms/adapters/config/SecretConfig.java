package com.ninebits.sms.adapters.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The key that guards the gateway's stored secrets. */
@ConfigMapping(prefix = "sms.secret")
public interface SecretConfig {

    /** Base64 of the 32-byte AES key that encrypts webhook secrets at rest (env {@code SMS_SECRET_KEY}). */
    Optional<String> key();
}
