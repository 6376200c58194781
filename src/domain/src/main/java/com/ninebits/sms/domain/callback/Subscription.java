package com.ninebits.sms.domain.callback;

/**
 * A batch's wish for delivery reports ({@code delivery_report: "yes"}): where they go. A null
 * {@code callbackUrl} means the account's webhook, looked up when each report is sent.
 */
public record Subscription(String callbackUrl) {
}
