package com.ninebits.sms.domain.webhook;

import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.error.DomainException;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** An account's webhook for delivery reports: its URL and the secret that signs each call. */
public final class WebhookSettings {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountStore accounts;
    private final WebhookUrls urls;
    private final SecretCipher cipher;

    public WebhookSettings(AccountStore accounts, WebhookUrls urls, SecretCipher cipher) {
        this.accounts = accounts;
        this.urls = urls;
        this.cipher = cipher;
    }

    /** A URL with its secret in clear: returned only when the secret is created or rotated. */
    public record Revealed(String url, String secret) {
    }

    /** Sets the URL. A new secret is made only when the account had none, and is then shown. */
    public Revealed set(String accountId, String url) {
        requireCallable("url", url);
        Optional<AccountStore.Webhook> existing = accounts.webhook(accountId);
        String secret = existing.map(w -> cipher.decrypt(w.encryptedSecret())).orElseGet(WebhookSettings::newSecret);
        accounts.saveWebhook(accountId, new AccountStore.Webhook(url, cipher.encrypt(secret)));
        return new Revealed(url, existing.isPresent() ? null : secret);
    }

    public Revealed rotateSecret(String accountId) {
        AccountStore.Webhook existing = accounts.webhook(accountId)
                .orElseThrow(() -> new DomainException.NotFound("webhook"));
        String secret = newSecret();
        accounts.saveWebhook(accountId, new AccountStore.Webhook(existing.url(), cipher.encrypt(secret)));
        return new Revealed(existing.url(), secret);
    }

    public String url(String accountId) {
        return accounts.webhook(accountId).map(AccountStore.Webhook::url)
                .orElseThrow(() -> new DomainException.NotFound("webhook"));
    }

    public void delete(String accountId) {
        accounts.webhook(accountId).orElseThrow(() -> new DomainException.NotFound("webhook"));
        accounts.deleteWebhook(accountId);
    }

    /** Refuses, naming the field, a URL the gateway may not call. */
    public void requireCallable(String field, String url) {
        urls.check(url).ifPresent(refusal -> {
            throw DomainException.Invalid.of(field, refusal.code(), field + ": " + refusal.message());
        });
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
