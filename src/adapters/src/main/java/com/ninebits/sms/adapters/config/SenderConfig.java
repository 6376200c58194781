package com.ninebits.sms.adapters.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sender ID policy. */
@ConfigMapping(prefix = "sms.sender")
public interface SenderConfig {

    /** Approve requested sender IDs at once instead of waiting for the operator (env {@code SMS_SENDER_AUTOAPPROVE}). */
    @WithDefault("false")
    boolean autoapprove();
}
