package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountStore;
import jakarta.enterprise.context.ApplicationScoped;

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
    public Optional<Webhook> webhook(String accountId) {
        return accounts.get(Keys.profile(accountId)).flatMap(ProfileItem::webhook);
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
