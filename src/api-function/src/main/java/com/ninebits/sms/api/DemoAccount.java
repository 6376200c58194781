package com.ninebits.sms.api;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.account.ApiToken;
import com.ninebits.sms.domain.account.TokenStore;
import com.ninebits.sms.domain.portal.PortalUsers;
import com.ninebits.sms.domain.sender.SenderId;
import com.ninebits.sms.domain.sender.SenderIdRegistry;
import com.ninebits.sms.domain.webhook.WebhookSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Local runs: makes sure the demo account ({@code acc_demo}, sender ID {@code myCode} approved,
 * the configured token, the configured webhook and portal user) exists, so that README's curl examples work as
 * written, delivery reports included.
 */
public class DemoAccount {

    public static final String ACCOUNT_ID = "acc_demo";
    public static final String SENDER_ID = "myCode";
    static final long STARTING_BALANCE = 1_000_000;

    private static final Logger LOG = Logger.getLogger(DemoAccount.class);

    void onStart(@Observes StartupEvent event, DemoConfig config, AccountStore accounts, TokenStore tokens,
                 SenderIdRegistry senderIds, WebhookSettings webhooks, Clock clock, PortalUsers portalUsers) {
        if (!config.enabled()) {
            return;
        }
        String token = config.token().orElseThrow(() -> new IllegalStateException("sms.demo.token is required with sms.demo.enabled"));
        String tokenId = ApiToken.idOf(token).orElseThrow(() -> new IllegalStateException("sms.demo.token must look like sk_<id>_<secret>"));
        String secret = token.substring(("sk_" + tokenId + "_").length());
        if (accounts.find(ACCOUNT_ID).isEmpty()) {
            try {
                accounts.create(new Account(ACCOUNT_ID, "Demo", "NG", 50, Account.DEFAULT_DISPATCH_WINDOW,
                        Account.DEFAULT_MAX_PARTS, STARTING_BALANCE, clock.instant()));
                LOG.infof("demo account %s created", ACCOUNT_ID);
            } catch (RuntimeException e) {
                // Another instance starting at the same moment created it first (the create is conditional).
                if (accounts.find(ACCOUNT_ID).isEmpty()) {
                    throw e;
                }
            }
        }
        tokens.save(ApiToken.withSecret(tokenId, secret, ACCOUNT_ID, clock.instant()).stored());
        senderIds.decide(ACCOUNT_ID, SENDER_ID, SenderId.Status.APPROVED);
        config.webhook().filter(url -> !url.isBlank()).ifPresent(url -> {
            // Keeps the secret of an earlier run: set() makes one only for an account without.
            if (accounts.webhook(ACCOUNT_ID).map(w -> !w.url().equals(url)).orElse(true)) {
                webhooks.set(ACCOUNT_ID, url);
            }
        });
        config.portalpassword().filter(p -> !p.isBlank()).ifPresent(password -> {
            // Every start sets the configured password, so that the one the local run prints is the one that works.
            portalUsers.ensure(ACCOUNT_ID, config.portalemail(), password);
            LOG.infof("demo portal user ready account=%s", ACCOUNT_ID);
        });
    }
}
