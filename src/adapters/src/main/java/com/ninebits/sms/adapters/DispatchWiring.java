package com.ninebits.sms.adapters;

import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.batch.AcceptanceRecovery;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.CreditReservations;
import com.ninebits.sms.domain.batch.DispatchQueue;
import com.ninebits.sms.domain.dispatch.MessageDispatch;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.domain.dispatch.RateLimiter;
import com.ninebits.sms.domain.dispatch.ReleaseSchedule;
import com.ninebits.sms.domain.dispatch.ScheduleRelease;
import com.ninebits.sms.domain.dispatch.Smsc;
import com.ninebits.sms.domain.receipt.ReceiptApplication;
import com.ninebits.sms.domain.receipt.ReceiptLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Wires the dispatch use cases to their adapters. */
@ApplicationScoped
public class DispatchWiring {

    @Produces
    @Singleton
    MessageDispatch messageDispatch(BatchStore batches, AccountStore accounts, MessageLedger ledger, RateLimiter limiter,
                                    Smsc smsc, Clock clock) {
        return new MessageDispatch(batches, accounts, ledger, limiter, smsc, clock, d -> Thread.sleep(d.toMillis()));
    }

    @Produces
    @Singleton
    AcceptanceRecovery acceptanceRecovery(BatchStore batches, CreditReservations credit, Clock clock) {
        return new AcceptanceRecovery(batches, credit, clock);
    }

    @Produces
    @Singleton
    ReceiptApplication receiptApplication(ReceiptLedger ledger, Clock clock) {
        return new ReceiptApplication(ledger, clock);
    }

    @Produces
    @Singleton
    ScheduleRelease scheduleRelease(ReleaseSchedule schedule, BatchStore batches, DispatchQueue queue, Clock clock) {
        return new ScheduleRelease(schedule, batches, queue, clock);
    }
}
