package com.ninebits.sms.adapters.sinch;

/**
 * What a batch created through {@code /xms} asked for beyond what the gateway's own batch keeps:
 * Sinch's kind of delivery report, its {@code client_reference}, its part limit. Kept beside the
 * batch under the same id (its {@code reference_id}).
 */
public record SinchBatch(String accountId, String batchId, SinchReport deliveryReport, String clientReference,
                         Integer maxParts) {
}
