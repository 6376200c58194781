package com.ninebits.sms.domain.dispatch;

/** An upstream SMSC the gateway submits messages to. */
public interface Smsc {

    SubmitResult submit(Submission submission);
}
