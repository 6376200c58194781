package com.ninebits.sms.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer account as tests open it, written once for every module: Nigerian by default, funded
 * with {@code balance}, dispatching at {@value #RATE_LIMIT_MPS} parts a second, with the sender ID
 * {@value #SENDER} approved, and a webhook if one is named. Opened through the use cases
 * ({@link TestAccounts}) or through the operator API over HTTP ({@link OperatorApi}).
 *
 * @param rateLimitMps   null for the account default
 * @param dispatchWindow null for the account default (submissions awaiting the SMSC at once)
 * @param maxParts       null for the account default
 * @param approvedSender a sender ID the operator approves on opening, or null for none
 * @param webhookUrl     the webhook the customer sets on opening, or null for none
 */
public record TestAccount(long balance, Integer rateLimitMps, Integer dispatchWindow, Integer maxParts, String approvedSender,
                          String webhookUrl) {

    public static final String SENDER = "myCode";
    public static final String COUNTRY = "NG";
    public static final int RATE_LIMIT_MPS = 100;
    static final String NAME = "Test account";

    /** An account opened: its id, its API token, and its webhook's secret if a webhook was set. */
    public record Opened(String accountId, String apiToken, String webhookSecret) {
    }

    public static TestAccount withBalance(long balance) {
        return new TestAccount(balance, RATE_LIMIT_MPS, null, null, SENDER, null);
    }

    public TestAccount rateLimit(Integer mps) {
        return new TestAccount(balance, mps, dispatchWindow, maxParts, approvedSender, webhookUrl);
    }

    public TestAccount dispatchWindow(Integer window) {
        return new TestAccount(balance, rateLimitMps, window, maxParts, approvedSender, webhookUrl);
    }

    public TestAccount maxParts(Integer parts) {
        return new TestAccount(balance, rateLimitMps, dispatchWindow, parts, approvedSender, webhookUrl);
    }

    /** Approves {@code senderId} instead of {@value #SENDER}. */
    public TestAccount sender(String senderId) {
        return new TestAccount(balance, rateLimitMps, dispatchWindow, maxParts, senderId, webhookUrl);
    }

    public TestAccount withoutSender() {
        return sender(null);
    }

    public TestAccount webhook(String url) {
        return new TestAccount(balance, rateLimitMps, dispatchWindow, maxParts, approvedSender, url);
    }

    /** The body of {@code POST /ng/v1/admin/accounts} that opens this account. */
    public Map<String, Object> operatorRequest() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", NAME);
        body.put("default_country", COUNTRY);
        body.put("balance", balance);
        if (rateLimitMps != null) {
            body.put("rate_limit_mps", rateLimitMps);
        }
        if (dispatchWindow != null) {
            body.put("dispatch_window", dispatchWindow);
        }
        if (maxParts != null) {
            body.put("max_parts", maxParts);
        }
        return body;
    }
}
