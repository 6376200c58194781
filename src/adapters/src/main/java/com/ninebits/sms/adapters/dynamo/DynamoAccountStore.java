package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.AccountStore;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.Map;
import java.util.Optional;

/** Account profiles ({@code ACC#id / PROFILE}) and their webhook; the balance on them is {@link DynamoCredit}'s. */
@ApplicationScoped
public class DynamoAccountStore implements AccountStore {

    private final Table accounts;

    public DynamoAccountStore(Tables tables) {
        this.accounts = tables.accounts();
    }

    @Override
    public void create(Account account) {
        accounts.insert(ProfileItem.write(account));
    }

    @Override
    public Optional<Account> find(String accountId) {
        return accounts.get(Keys.profile(accountId)).map(ProfileItem::account);
    }

    @Override
    public Optional<Account> changeLimits(String accountId, AccountAdministration.Limits limits) {
        Update update = accounts.update(Keys.profile(accountId)).when("attribute_exists(pk)").returning(ReturnValue.ALL_NEW);
        boolean any = false;
        if (limits.rateLimitMps() != null) {
            update.set(ProfileItem.RATE_LIMIT + " = :rate").value(":rate", limits.rateLimitMps());
            any = true;
        }
        if (limits.dispatchWindow() != null) {
            update.set(ProfileItem.DISPATCH_WINDOW + " = :window").value(":window", limits.dispatchWindow());
            any = true;
        }
        if (limits.maxParts() != null) {
            update.set(ProfileItem.MAX_PARTS + " = :parts").value(":parts", limits.maxParts());
            any = true;
        }
        if (limits.apiRateLimit() != null) {
            update.set(ProfileItem.API_RATE_LIMIT + " = :apiRate").value(":apiRate", limits.apiRateLimit());
            any = true;
        }
        if (limits.status() != null) {
            // "status" is a reserved word in DynamoDB expressions.
            update.set("#status = :status").name("#status", ProfileItem.STATUS).value(":status", limits.status().word());
            any = true;
        }
        return any ? update.applyIfAllowed().map(ProfileItem::account) : find(accountId);
    }

    @Override
    public Optional<Webhook> webhook(String accountId) {
        // Only the webhook: the profile also carries the reservation and refund notes, read by no callback.
        return ProfileItem.webhook(accounts.get(Keys.profile(accountId),
                ProfileItem.WEBHOOK_URL + ", " + ProfileItem.WEBHOOK_SECRET, Map.of()));
    }

    @Override
    public void saveWebhook(String accountId, Webhook webhook) {
        accounts.update(Keys.profile(accountId))
                .set(ProfileItem.WEBHOOK_URL + " = :url").set(ProfileItem.WEBHOOK_SECRET + " = :secret")
                .value(":url", webhook.url()).value(":secret", webhook.encryptedSecret())
                .when("attribute_exists(pk)")
                .apply();
    }

    @Override
    public void deleteWebhook(String accountId) {
        accounts.update(Keys.profile(accountId))
                .remove(ProfileItem.WEBHOOK_URL).remove(ProfileItem.WEBHOOK_SECRET)
                .when("attribute_exists(pk)")
                .apply();
    }
}
