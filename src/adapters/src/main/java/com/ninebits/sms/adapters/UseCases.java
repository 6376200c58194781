package com.ninebits.sms.adapters;

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
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.MessageStore;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.batch.DispatchQueue;
import com.ninebits.sms.domain.batch.Recipients;
import com.ninebits.sms.domain.batch.SendingAccounts;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.account.Authentication;
import com.ninebits.sms.domain.account.TokenStore;
import com.ninebits.sms.domain.group.GroupManagement;
import com.ninebits.sms.domain.group.GroupStore;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Wires the plain-Java use cases to their adapters; the domain itself knows nothing of CDI. */
@ApplicationScoped
public class UseCases {

    /** Settles accepted batches' reservations once the answer is out (see SettleAfterAnswer). */
    private static final ExecutorService SETTLER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reservation-settler");
        t.setDaemon(true);
        return t;
    });

    /** One per instance, shared by authentication and by revocation, which must forget what it revokes. */
    @Produces
    @Singleton
    @Typed(RecentTokens.class)
    RecentTokens recentTokens(TokenStore store, CacheConfig config, Clock clock) {
        return new RecentTokens(store, Duration.ofMillis(config.ttlms()), clock);
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
    AccountAdministration accountAdministration(RecentStandings accounts, Credit credit, RecentTokens tokens, Clock clock) {
        return new AccountAdministration(accounts, credit, tokens, clock);
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
    WebhookSettings webhookSettings(AccountStore accounts, WebhookUrls urls, SecretCipher cipher) {
        return new WebhookSettings(accounts, urls, cipher);
    }

    @Produces
    @Singleton
    BatchSubmission batchSubmission(SendingAccounts accounts, GroupStore groups, BatchStore batches,
                                    Credit credit, DispatchQueue queue, WebhookUrls urls, Clock clock,
                                    SendConfig config, CacheConfig cache) {
        // Off the accept's path: the account read (kept per instance) and the settle (after the answer).
        return new BatchSubmission(new RecentSendingAccounts(accounts, Duration.ofMillis(cache.ttlms()), clock),
                new Recipients(groups), batches, new SettleAfterAnswer(credit, SETTLER), queue, urls, clock,
                Math.min(config.maxrecipients(), 20_000));
    }

    @Produces
    @Singleton
    BatchReport batchReport(BatchStore batches, MessageStore messages, Clock clock) {
        return new BatchReport(batches, messages, clock);
    }

    @Produces
    @Singleton
    GroupManagement groups(GroupStore store, Clock clock) {
        return new GroupManagement(store, clock);
    }
}
