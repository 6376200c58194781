package com.ninebits.sms.adapters.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rules for calling customers' URLs. */
@ConfigMapping(prefix = "sms.webhook")
public interface WebhookConfig {

    /** Admit plain http and loopback webhook URLs: local runs only (env {@code SMS_WEBHOOK_ALLOWINSECURE}). */
    @WithDefault("false")
    boolean allowinsecure();
}
