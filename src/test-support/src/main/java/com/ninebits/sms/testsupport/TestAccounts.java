package com.ninebits.sms.testsupport;

import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.sender.SenderId;
import com.ninebits.sms.domain.sender.SenderIdRegistry;
import com.ninebits.sms.domain.webhook.WebhookSettings;

/**
 * Opens {@link TestAccount}s through the use cases the operator API and the settings API call, for
 * tests that run inside a function (its beans at hand) rather than against its HTTP front.
 */
public final class TestAccounts {

    private final AccountAdministration administration;
    private final SenderIdRegistry senderIds;
    private final WebhookSettings webhooks;

    public TestAccounts(AccountAdministration administration, SenderIdRegistry senderIds, WebhookSettings webhooks) {
        this.administration = administration;
        this.senderIds = senderIds;
        this.webhooks = webhooks;
    }

    public TestAccount.Opened open(TestAccount account) {
        AccountAdministration.Opened opened = administration.open(new AccountAdministration.NewAccount(TestAccount.NAME,
                TestAccount.COUNTRY, account.rateLimitMps(), account.dispatchWindow(), account.maxParts(), account.balance()));
        String id = opened.account().id();
        if (account.approvedSender() != null) {
            senderIds.decide(id, account.approvedSender(), SenderId.Status.APPROVED);
        }
        String secret = account.webhookUrl() == null ? null : webhooks.set(id, account.webhookUrl()).secret();
        return new TestAccount.Opened(id, opened.apiToken(), secret);
    }

    /** {@link #open} for a test that needs only the account's id. */
    public String openId(TestAccount account) {
        return open(account).accountId();
    }
}
