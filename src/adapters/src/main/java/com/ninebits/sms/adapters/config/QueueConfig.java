package com.ninebits.sms.adapters.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** SQS queue URLs, set by the SAM template (env {@code SMS_QUEUE_*}). */
@ConfigMapping(prefix = "sms.queue")
public interface QueueConfig {

    /** The FIFO dispatch queue (message group = account). */
    String dispatch();

    /** The dispatch queue's dead-letter queue, where the dispatcher puts a message it cannot read (env {@code SMS_QUEUE_DISPATCHDLQ}). */
    Optional<String> dispatchdlq();

    /** The send-request queue that producers inside the AWS account send batches to. */
    Optional<String> sendrequests();

    /** The callback queue: status events on their way to customers' webhooks (env {@code SMS_QUEUE_CALLBACKS}). */
    Optional<String> callbacks();

    /** Its dead-letter queue, which also takes requests that cannot be accepted, with the problem. */
    Optional<String> sendrequestsdlq();
}
