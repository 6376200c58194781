package com.ninebits.sms.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.ninebits.sms.domain.dispatch.ScheduleRelease;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/** Runs every minute (EventBridge schedule): hands the scheduled batches that are due to the dispatch queue. */
@Named("schedule-release")
public class ScheduleReleaseHandler implements RequestHandler<ScheduledEvent, Integer> {

    private static final Logger LOG = Logger.getLogger(ScheduleReleaseHandler.class);

    private final ScheduleRelease release;

    public ScheduleReleaseHandler(ScheduleRelease release) {
        this.release = release;
    }

    @Override
    public Integer handleRequest(ScheduledEvent event, Context context) {
        int released = release.releaseDue();
        LOG.infof("schedule release released=%d", released);
        return released;
    }
}
