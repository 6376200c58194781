package com.ninebits.sms.adapters;

import com.ninebits.sms.adapters.metrics.CountedMessageLedger;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.batch.AcceptanceRecovery;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.DispatchQueue;
import com.ninebits.sms.domain.callback.CallbackDelivery;
import com.ninebits.sms.domain.callback.CallbackQueue;
import com.ninebits.sms.domain.callback.CallbackRedelivery;
import com.ninebits.sms.domain.callback.CallbackSender;
import com.ninebits.sms.domain.callback.FailedCallbacks;
import com.ninebits.sms.domain.dispatch.MessageDispatch;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.domain.dispatch.RateLimiter;
import com.ninebits.sms.domain.dispatch.ReleaseSchedule;
import com.ninebits.sms.domain.dispatch.ScheduleRelease;
import com.ninebits.sms.domain.dispatch.Smsc;
import com.ninebits.sms.domain.receipt.ReceiptApplication;
import com.ninebits.sms.domain.receipt.ReceiptLedger;
import com.ninebits.sms.domain.telemetry.Telemetry;
import com.ninebits.sms.domain.webhook.SecretCipher;
import com.ninebits.sms.domain.webhook.WebhookUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Wires the dispatch use cases to their adapters. */
@ApplicationScoped
public class DispatchWiring {

    /** Records SMSC acceptances while the dispatcher goes on to the next message (see MessageDispatch). */
    private static final java.util.concurrent.ExecutorService RECORDER = java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "dispatch-recorder");
        t.setDaemon(true);
        return t;
    });

    @Produces
    @Singleton
    MessageDispatch messageDispatch(BatchStore batches, AccountStore accounts, Credit credit, MessageLedger ledger,
                                    RateLimiter limiter, Smsc smsc, CallbackQueue callbacks, Clock clock,
                                    Telemetry telemetry) {
        return new MessageDispatch(batches, accounts, credit, new CountedMessageLedger(ledger, telemetry), limiter, smsc, callbacks, clock, d -> Thread.sleep(d.toMillis()),
                RECORDER);
    }

    @Produces
    @Singleton
    AcceptanceRecovery acceptanceRecovery(BatchStore batches, Credit credit, Clock clock) {
        return new AcceptanceRecovery(batches, credit, clock);
    }

    @Produces
    @Singleton
    ReceiptApplication receiptApplication(ReceiptLedger ledger, CallbackQueue callbacks, Clock clock) {
        return new ReceiptApplication(ledger, callbacks, clock);
    }

    @Produces
    @Singleton
    CallbackDelivery callbackDelivery(AccountStore accounts, WebhookUrls urls, SecretCipher cipher, CallbackSender sender,
                                      CallbackQueue queue, FailedCallbacks failed, Clock clock) {
        return new CallbackDelivery(accounts, urls, cipher, sender, queue, failed, clock);
    }

    @Produces
    @Singleton
    CallbackRedelivery callbackRedelivery(FailedCallbacks failed, CallbackQueue queue, Clock clock) {
        return new CallbackRedelivery(failed, queue, clock);
    }

    @Produces
    @Singleton
    ScheduleRelease scheduleRelease(ReleaseSchedule schedule, BatchStore batches, DispatchQueue queue, Clock clock) {
        return new ScheduleRelease(schedule, batches, queue, clock);
    }
}
