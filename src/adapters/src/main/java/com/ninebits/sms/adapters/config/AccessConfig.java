package com.ninebits.sms.adapters.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the API slows a source address that keeps failing to authenticate (per instance). */
@ConfigMapping(prefix = "sms.access")
public interface AccessConfig {

    /**
     * Failed authentications one source address may make within a window before it is refused
     * with 429 until the window ends (env {@code SMS_ACCESS_FAILURES}).
     */
    @WithDefault("10")
    int failures();

    /** The length of that window in milliseconds (env {@code SMS_ACCESS_FAILUREWINDOWMS}). */
    @WithDefault("60000")
    long failurewindowms();
}
