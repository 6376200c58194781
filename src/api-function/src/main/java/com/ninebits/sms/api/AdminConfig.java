package com.ninebits.sms.api;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The operator API's key. */
@ConfigMapping(prefix = "sms.admin")
public interface AdminConfig {

    /** The value of {@code X-Admin-Key} the operator API requires (env {@code SMS_ADMIN_KEY}); unset disables the operator API. */
    Optional<String> key();
}
