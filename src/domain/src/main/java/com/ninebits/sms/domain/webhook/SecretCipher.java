package com.ninebits.sms.domain.webhook;

/** Encrypts secrets the gateway must read back (webhook signing secrets), so none is stored in clear. */
public interface SecretCipher {

    String encrypt(String plain);

    String decrypt(String sealed);
}
