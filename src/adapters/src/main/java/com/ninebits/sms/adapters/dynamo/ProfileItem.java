package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountStore.Webhook;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

/**
 * The account's profile item ({@code ACC#id / PROFILE}) and {@link Account}. The same item holds
 * the balance with its {@code reservations} map (written by {@link DynamoCredit}) and the webhook.
 */
final class ProfileItem {

    static final String BALANCE = "balance";
    static final String RATE_LIMIT = "rate_limit_mps";
    static final String DISPATCH_WINDOW = "dispatch_window";
    static final String MAX_PARTS = "max_parts";
    static final String RESERVATIONS = "reservations";
    static final String WEBHOOK_URL = "webhook_url";
    static final String WEBHOOK_SECRET = "webhook_secret";
    static final String STATUS = "status";
    static final String API_RATE_LIMIT = "api_rate_limit";

    private ProfileItem() {
    }

    static Item write(Account account) {
        return Item.at(Keys.profile(account.id()))
                .put("account_id", account.id())
                .put("name", account.name())
                .put("default_country", account.defaultCountry())
                .put(RATE_LIMIT, account.rateLimitMps())
                .put(DISPATCH_WINDOW, account.dispatchWindow())
                .put(MAX_PARTS, account.maxParts())
                .put(BALANCE, account.balance())
                .put(STATUS, account.status().word())
                .put(API_RATE_LIMIT, account.apiRateLimit())
                .put("created_at", account.createdAt())
                // Credit reservations of batches under way and refund notes (see DynamoCredit).
                .put(RESERVATIONS, Docs.map(Map.of()));
    }

    /**
     * The account held by a profile item; one written before windows, statuses or request rates
     * existed has the default window, is active and has the default request rate.
     */
    static Account account(Map<String, AttributeValue> item) {
        int window = item.containsKey(DISPATCH_WINDOW) ? Item.integer(item, DISPATCH_WINDOW) : Account.DEFAULT_DISPATCH_WINDOW;
        int apiRate = item.containsKey(API_RATE_LIMIT) ? Item.integer(item, API_RATE_LIMIT) : Account.DEFAULT_API_RATE_LIMIT;
        return new Account(Item.string(item, "account_id"), Item.string(item, "name"), Item.string(item, "default_country"),
                Item.integer(item, RATE_LIMIT), window, Item.integer(item, MAX_PARTS), Item.number(item, BALANCE),
                Item.instant(item, "created_at"), status(Item.string(item, STATUS)), apiRate);
    }

    private static Account.Status status(String word) {
        return word == null ? Account.Status.ACTIVE : Account.Status.valueOf(word.toUpperCase(java.util.Locale.ROOT));
    }

    static Optional<Webhook> webhook(Map<String, AttributeValue> item) {
        String url = Item.string(item, WEBHOOK_URL);
        return url == null ? Optional.empty() : Optional.of(new Webhook(url, Item.string(item, WEBHOOK_SECRET)));
    }

    static boolean hasWebhook(Map<String, AttributeValue> item) {
        return item.containsKey(WEBHOOK_URL);
    }
}
