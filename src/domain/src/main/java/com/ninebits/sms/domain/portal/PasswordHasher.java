package com.ninebits.sms.domain.portal;

/** A memory-hard password hash; the encoded form carries its own salt and parameters. */
public interface PasswordHasher {

    String hash(String password);

    boolean matches(String password, String encoded);
}
