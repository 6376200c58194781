package com.ninebits.sms.adapters.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of one batch. */
@ConfigMapping(prefix = "sms.send")
public interface SendConfig {

    /** Most recipients one batch may have, after groups are expanded (env {@code SMS_SEND_MAXRECIPIENTS}); at most 20,000, since the recipients are kept in the batch's one item. */
    @WithDefault("10000")
    int maxrecipients();

    /** Recipients per dispatch-queue message (env {@code SMS_SEND_CHUNK}). */
    @WithDefault("250")
    int chunk();
}
