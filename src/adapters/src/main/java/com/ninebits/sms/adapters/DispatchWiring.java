package com.ninebits.sms.adapters;

import com.ninebits.sms.adapters.logging.MdcCarryingExecutor;
import com.ninebits.sms.adapters.metrics.CountedMessageLedger;
import com.ninebits.sms.adapters.sinch.SinchBatches;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.adapters.sinch.SinchCallbackFormat;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.batch.AcceptanceRecovery;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.DeliveryReportView;
import com.ninebits.sms.domain.batch.DispatchQueue;
import com.ninebits.sms.domain.callback.CallbackDelivery;
import com.ninebits.sms.domain.callback.CallbackQueue;
import com.ninebits.sms.domain.callback.CallbackRedelivery;
import com.ninebits.sms.domain.callback.CallbackSender;
import com.ninebits.sms.domain.callback.FailedCallbacks;
import com.ninebits.sms.adapters.config.SendConfig;
import com.ninebits.sms.domain.dispatch.AbandonedDispatch;
import com.ninebits.sms.domain.dispatch.DispatchRequeue;
import com.ninebits.sms.domain.dispatch.HeldMessages;
import com.ninebits.sms.domain.dispatch.HeldRelease;
import com.ninebits.sms.domain.dispatch.QuietHold;
import com.ninebits.sms.domain.quiet.QuietHoursStore;
import com.ninebits.sms.domain.quiet.RegionZones;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Wires the dispatch use cases to their adapters. */
@ApplicationScoped
public class DispatchWiring {

    /**
     * Runs each message's claim, SMSC call and the recording of its answer, up to the account's
     * dispatch window at once. Every task gets a thread the moment it is handed over (no queue to
     * reorder them); past the bound, the dispatching thread runs it itself.
     */
    private static final ExecutorService SUBMITTERS = new ThreadPoolExecutor(0, 256, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "dispatch-submitter");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    @Produces
    @Singleton
    MessageDispatch messageDispatch(BatchStore batches, AccountStore accounts, Credit credit, MessageLedger ledger,
                                    RateLimiter limiter, Smsc smsc, CallbackQueue callbacks, Clock clock,
                                    Telemetry telemetry, QuietHoursStore quietHours, HeldMessages held) {
        // Rounded up to the millisecond: a message never starts before its share of the pace.
        return new MessageDispatch(batches, accounts, credit, new CountedMessageLedger(ledger, telemetry), limiter, smsc,
                callbacks, clock, d -> TimeUnit.NANOSECONDS.sleep(d.toNanos()), new MdcCarryingExecutor(SUBMITTERS),
                new QuietHold(quietHours, held, RegionZones.tzdata()));
    }

    @Produces
    @Singleton
    HeldRelease heldRelease(HeldMessages held, DispatchRequeue queue, Clock clock, SendConfig config) {
        return new HeldRelease(held, queue, clock, config.chunk());
    }

    @Produces
    @Singleton
    AbandonedDispatch abandonedDispatch(BatchStore batches, MessageLedger ledger, Credit credit,
                                        CallbackQueue callbacks, Clock clock, Telemetry telemetry) {
        return new AbandonedDispatch(batches, new CountedMessageLedger(ledger, telemetry), credit, callbacks, clock);
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
                                      CallbackQueue queue, FailedCallbacks failed, Clock clock,
                                      SinchBatches sinch, BatchReport report, DeliveryReportView reports) {
        // Batches created through /xms are told in Sinch's shapes, the others in the gateway's own.
        return new CallbackDelivery(accounts, urls, cipher, sender, queue, failed, clock,
                new SinchCallbackFormat(sinch, report, reports));
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
