package com.ninebits.sms.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.ninebits.sms.adapters.callback.SqsCallbackQueue;
import com.ninebits.sms.domain.batch.AcceptanceRecovery;
import com.ninebits.sms.domain.dispatch.HeldRelease;
import com.ninebits.sms.domain.dispatch.ScheduleRelease;
import com.ninebits.sms.adapters.metrics.FlushesTelemetry;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * Runs every minute (EventBridge schedule): hands the scheduled batches that are due to the
 * dispatch queue, and the messages held for quiet hours whose quiet time has ended, undoes acceptances abandoned half-way past their lease, and sends the callback
 * tasks kept in the outbox while the callback queue refused them.
 */
@FlushesTelemetry
@Named("schedule-release")
public class ScheduleReleaseHandler implements RequestHandler<ScheduledEvent, Integer> {

    private static final Logger LOG = Logger.getLogger(ScheduleReleaseHandler.class);

    private final ScheduleRelease release;
    private final AcceptanceRecovery recovery;
    private final SqsCallbackQueue callbacks;
    private final HeldRelease held;

    public ScheduleReleaseHandler(ScheduleRelease release, AcceptanceRecovery recovery, SqsCallbackQueue callbacks,
                                  HeldRelease held) {
        this.release = release;
        this.recovery = recovery;
        this.callbacks = callbacks;
        this.held = held;
    }

    @Override
    public Integer handleRequest(ScheduledEvent event, Context context) {
        int released = release.releaseDue();
        int unheld = releaseHeld();
        int undone = recovery.undoAbandoned();
        int resent = 0;
        try {
            resent = callbacks.drainOutbox();
        } catch (RuntimeException e) {
            // Still refused: the outbox keeps them for the next minute.
            LOG.warnf("callback outbox not drained: %s", e.toString());
        }
        LOG.infof("schedule release released=%d held_released=%d abandoned_undone=%d callbacks_resent=%d", released, unheld,
                undone, resent);
        return released;
    }

    /** A failure here must not keep scheduled batches or the sweep from their turn: the next minute tries again. */
    private int releaseHeld() {
        try {
            return held.releaseDue();
        } catch (RuntimeException e) {
            LOG.warnf("held messages not released: %s", e.toString());
            return 0;
        }
    }
}
