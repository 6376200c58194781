package com.ninebits.sms.api.portal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The portal's cookies. */
@ConfigMapping(prefix = "sms.portal")
public interface PortalConfig {

    /**
     * Mark cookies {@code Secure} (env {@code SMS_PORTAL_SECURECOOKIES}): on behind API Gateway's
     * https; off only in the local run, whose plain http a browser would not send them over.
     */
    @WithDefault("true")
    boolean securecookies();
}
