package com.ninebits.sms.adapters.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Cancelling a batch ({@code POST /ng/v1/sendsms/{reference_id}/cancel}). */
@ConfigMapping(prefix = "sms.cancel")
public interface CancelConfig {

    /**
     * How long one cancel request cancels messages itself before it hands the rest to the
     * dispatchers (env {@code SMS_CANCEL_BUDGETMS}); well inside the API function's 30 s timeout.
     */
    @WithDefault("10000")
    long budgetms();
}
