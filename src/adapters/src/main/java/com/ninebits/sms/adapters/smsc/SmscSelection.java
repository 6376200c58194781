package com.ninebits.sms.adapters.smsc;

import com.ninebits.sms.adapters.metrics.TimedSmsc;
import com.ninebits.sms.domain.telemetry.Telemetry;
import com.ninebits.sms.adapters.smsc.http.HttpSmsc;
import com.ninebits.sms.adapters.smsc.kannel.KannelSmsc;
import com.ninebits.sms.domain.dispatch.Smsc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Picks the SMSC connector the deployment names ({@code sms.smsc.connector}, env {@code SMS_SMSC_CONNECTOR}). */
@ApplicationScoped
public class SmscSelection {

    @Produces
    @Singleton
    Smsc smsc(SmscConfig config, Clock clock, Telemetry telemetry) {
        return new TimedSmsc(config.connector(), connector(config, clock), telemetry);
    }

    private static Smsc connector(SmscConfig config, Clock clock) {
        return switch (config.connector()) {
            case "simulator" -> new SimulatorSmsc(config.dlrurl(), config.dlrsecret(), clock);
            case "kannel" -> new KannelSmsc(config);
            case "http" -> new HttpSmsc(config);
            default -> throw new IllegalStateException("sms.smsc.connector must be simulator, kannel or http, not "
                    + config.connector());
        };
    }

    void close(@Disposes Smsc smsc) throws Exception {
        if (smsc instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
