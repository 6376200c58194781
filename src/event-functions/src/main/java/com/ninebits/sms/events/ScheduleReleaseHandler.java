package com.ninebits.sms.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.ninebits.sms.domain.batch.AcceptanceRecovery;
import com.ninebits.sms.domain.dispatch.ScheduleRelease;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * Runs every minute (EventBridge schedule): hands the scheduled batches that are due to the
 * dispatch queue, and undoes acceptances abandoned half-way past their lease.
 */
@Named("schedule-release")
public class ScheduleReleaseHandler implements RequestHandler<ScheduledEvent, Integer> {

    private static final Logger LOG = Logger.getLogger(ScheduleReleaseHandler.class);

    private final ScheduleRelease release;
    private final AcceptanceRecovery recovery;

    public ScheduleReleaseHandler(ScheduleRelease release, AcceptanceRecovery recovery) {
        this.release = release;
        this.recovery = recovery;
    }

    @Override
    public Integer handleRequest(ScheduledEvent event, Context context) {
        int released = release.releaseDue();
        int undone = recovery.undoAbandoned();
        LOG.infof("schedule release released=%d abandoned_undone=%d", released, undone);
        return released;
    }
}
