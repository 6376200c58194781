package com.ninebits.sms.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The demo account of local runs: never enabled in the SAM template. */
@ConfigMapping(prefix = "sms.demo")
public interface DemoConfig {

    /** Create the demo account at start (env {@code SMS_DEMO_ENABLED}). */
    @WithDefault("false")
    boolean enabled();

    /** Its API token, {@code sk_<id>_<secret>} (env {@code SMS_DEMO_TOKEN}). */
    Optional<String> token();

    /** Its webhook URL, where its delivery reports go (env {@code SMS_DEMO_WEBHOOK}); local runs print what arrives there. */
    Optional<String> webhook();

    /** The demo portal user's email (env {@code SMS_DEMO_PORTALEMAIL}); local runs print it. */
    @WithDefault("demo@example.com")
    String portalemail();

    /** The demo portal user's password (env {@code SMS_DEMO_PORTALPASSWORD}); none: no demo portal user. */
    Optional<String> portalpassword();
}
