package com.ninebits.sms.dlr;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The secrets SMSCs present when they call the DLR webhook; a connector without one refuses every call. */
@ConfigMapping(prefix = "sms.dlr")
public interface DlrConfig {

    /** Secret of the {@code kannel} connector, in Kannel's dlr-url (env {@code SMS_DLR_KANNELSECRET}). */
    Optional<String> kannelsecret();

    /** Secret of the generic JSON connector {@code http}, also used by the simulator (env {@code SMS_DLR_HTTPSECRET}). */
    Optional<String> httpsecret();
}
