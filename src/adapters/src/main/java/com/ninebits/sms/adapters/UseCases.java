package com.ninebits.sms.adapters;

import com.ninebits.sms.adapters.cache.ForgetOnAccountChange;
import com.ninebits.sms.adapters.cache.RecentSendingAccounts;
import com.ninebits.sms.adapters.cache.RecentStandings;
import com.ninebits.sms.adapters.config.AccessConfig;
import com.ninebits.sms.adapters.dynamo.DynamoRateLimiter;
import com.ninebits.sms.adapters.dynamo.Tables;
import com.ninebits.sms.domain.access.ApiAdmission;
import com.ninebits.sms.domain.access.FailedAuthentications;
import com.ninebits.sms.domain.access.RequestAllowance;
import com.ninebits.sms.adapters.cache.RecentTokens;
import com.ninebits.sms.adapters.config.CacheConfig;
import com.ninebits.sms.adapters.config.WebhookConfig;
import com.ninebits.sms.adapters.config.SendConfig;
import com.ninebits.sms.adapters.config.SenderConfig;
import com.ninebits.sms.adapters.config.CancelConfig;
import com.ninebits.sms.adapters.metrics.CountedMessageLedger;
import com.ninebits.sms.domain.batch.BatchListing;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.batch.DeliveryReportView;
import com.ninebits.sms.domain.callback.CallbackQueue;
import com.ninebits.sms.domain.dispatch.BatchCancellation;
import com.ninebits.sms.domain.dispatch.CancellationQueue;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.domain.telemetry.Telemetry;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.MessageStore;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.batch.DispatchQueue;
import com.ninebits.sms.domain.batch.Recipients;
import com.ninebits.sms.domain.batch.SendPreview;
import com.ninebits.sms.domain.batch.SendingAccounts;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.account.Authentication;
import com.ninebits.sms.domain.account.TokenStore;
import com.ninebits.sms.domain.group.GroupManagement;
import com.ninebits.sms.domain.group.GroupStore;
import com.ninebits.sms.domain.optout.OptOutList;
import com.ninebits.sms.domain.optout.OptOutStore;
import com.ninebits.sms.domain.quiet.QuietHoursSettings;
import com.ninebits.sms.domain.quiet.QuietHoursStore;
import com.ninebits.sms.domain.sender.SenderIdRegistry;
import com.ninebits.sms.domain.sender.SenderIdStore;
import com.ninebits.sms.domain.webhook.HostResolver;
import com.ninebits.sms.domain.webhook.SecretCipher;
import com.ninebits.sms.domain.webhook.WebhookSettings;
import com.ninebits.sms.domain.webhook.WebhookUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** Wires the plain-Java use cases to their adapters; the domain itself knows nothing of CDI. */
@ApplicationScoped
public class UseCases {

    /** One per instance, shared by authentication and by revocation, which must forget what it revokes. */
    @Produces
    @Singleton
    @Typed(RecentTokens.class)
    RecentTokens recentTokens(TokenStore store, CacheConfig config, Clock clock) {
        return new RecentTokens(store, Duration.ofMillis(config.ttlms()), clock);
    }

    /** One per instance, shared by acceptance and by what changes an account, which must forget it. */
    @Produces
    @Singleton
    @Typed(RecentSendingAccounts.class)
    RecentSendingAccounts recentSendingAccounts(SendingAccounts accounts, CacheConfig config, Clock clock) {
        return new RecentSendingAccounts(accounts, Duration.ofMillis(config.ttlms()), clock);
    }

    /** One per instance, shared by admission and by the operator's changes, which must be seen here at once. */
    @Produces
    @Singleton
    @Typed(RecentStandings.class)
    RecentStandings recentStandings(AccountStore store, CacheConfig config, Clock clock) {
        return new RecentStandings(store, Duration.ofMillis(config.ttlms()), clock);
    }

    @Produces
    @Singleton
    AccountAdministration accountAdministration(RecentStandings accounts, Credit credit, RecentTokens tokens,
                                                RecentSendingAccounts recent, Clock clock) {
        // Both caches of this instance forget an account it changes: its standing and its sending view.
        return new AccountAdministration(new ForgetOnAccountChange(accounts, recent), credit, tokens, clock);
    }

    @Produces
    @Singleton
    Authentication authentication(RecentTokens tokens) {
        return new Authentication(tokens);
    }

    @Produces
    @Singleton
    ApiAdmission apiAdmission(Authentication authentication, RecentStandings standings, Tables tables, AccessConfig config,
                              Clock clock) {
        return new ApiAdmission(authentication, standings, new RequestAllowance(DynamoRateLimiter.forTokens(tables)),
                new FailedAuthentications(config.failures(), Duration.ofMillis(config.failurewindowms())), clock);
    }

    @Produces
    @Singleton
    SenderIdRegistry senderIds(SenderIdStore store, Clock clock, SenderConfig config) {
        return new SenderIdRegistry(store, clock, config.autoapprove());
    }

    @Produces
    @Singleton
    WebhookUrls webhookUrls(WebhookConfig config) {
        return new WebhookUrls(HostResolver.SYSTEM, config.allowinsecure());
    }

    @Produces
    @Singleton
    WebhookSettings webhookSettings(AccountStore accounts, RecentSendingAccounts recent, WebhookUrls urls,
                                    SecretCipher cipher) {
        return new WebhookSettings(new ForgetOnAccountChange(accounts, recent), urls, cipher);
    }

    @Produces
    @Singleton
    BatchSubmission batchSubmission(RecentSendingAccounts accounts, GroupStore groups, BatchStore batches,
                                    Credit credit, DispatchQueue queue, WebhookUrls urls, Clock clock,
                                    SendConfig config, OptOutStore optOuts) {
        // Off the accept's path: the account read (kept per instance); the settle is the dispatcher's.
        return new BatchSubmission(accounts, new Recipients(groups, optOuts), batches, credit, queue, urls, clock,
                Math.min(config.maxrecipients(), 20_000));
    }

    /** The dry run plans with the acceptance's own planning step, so that its cost is the charge. */
    @Produces
    @Singleton
    SendPreview sendPreview(BatchSubmission submission, Credit credit) {
        return new SendPreview(submission.planning(), credit);
    }

    @Produces
    @Singleton
    BatchReport batchReport(BatchStore batches, MessageStore messages, Clock clock) {
        return new BatchReport(batches, messages, clock);
    }

    @Produces
    @Singleton
    BatchListing batchListing(BatchStore batches, BatchReport report) {
        return new BatchListing(batches, report);
    }

    @Produces
    @Singleton
    DeliveryReportView deliveryReportView(BatchReport report, MessageStore messages, AccountStore accounts) {
        return new DeliveryReportView(report, messages, accounts);
    }

    @Produces
    @Singleton
    BatchCancellation batchCancellation(BatchStore batches, BatchReport report, MessageLedger ledger, Credit credit,
                                        CallbackQueue callbacks, CancellationQueue queue, Clock clock, CancelConfig config,
                                        Telemetry telemetry) {
        return new BatchCancellation(batches, report, new CountedMessageLedger(ledger, telemetry), credit, callbacks, queue,
                clock, Duration.ofMillis(config.budgetms()));
    }

    @Produces
    @Singleton
    GroupManagement groups(GroupStore store, Clock clock) {
        return new GroupManagement(store, clock);
    }

    @Produces
    @Singleton
    OptOutList optOutList(OptOutStore store, Clock clock) {
        return new OptOutList(store, clock);
    }

    @Produces
    @Singleton
    QuietHoursSettings quietHoursSettings(QuietHoursStore store) {
        return new QuietHoursSettings(store);
    }
}
