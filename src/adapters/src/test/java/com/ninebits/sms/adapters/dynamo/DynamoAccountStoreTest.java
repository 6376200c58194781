package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration.Limits;
import com.ninebits.sms.domain.account.AccountStore.Webhook;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamoAccountStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private final Tables tables = LocalTables.tables();
    private final DynamoAccountStore store = new DynamoAccountStore(tables);

    private static Account account(String id, long balance) {
        return new Account(id, "Acme", "NG", 25, 7, 6, balance, T0);
    }

    @Test
    void anAccountIsFoundAsCreated() {
        Account account = account(LocalTables.unique("acc"), 500);
        store.create(account);

        assertEquals(Optional.of(account), store.find(account.id()));
        assertEquals(Optional.empty(), store.find(LocalTables.unique("acc")));
    }

    @Test
    void theProfileItemHasTheTemplatesShape() {
        Account account = account(LocalTables.unique("acc"), 500);
        store.create(account);

        Map<String, AttributeValue> item = LocalTables.stored(tables.accounts(), Keys.profile(account.id()));
        assertEquals(account.id(), item.get("account_id").s());
        assertEquals("500", item.get("balance").n());
        assertEquals("25", item.get("rate_limit_mps").n());
        assertEquals("7", item.get("dispatch_window").n());
        assertEquals("2026-01-01T12:00:00Z", item.get("created_at").s());
        assertTrue(item.get("reservations").hasM() && item.get("reservations").m().isEmpty(),
                "an empty reservations map, ready for the credit's notes: " + item.get("reservations"));
    }

    @Test
    void limitsChangeOnlyWhereGivenAndNeverOnAnAccountThatIsNotThere() {
        Account account = account(LocalTables.unique("acc"), 500);
        store.create(account);

        Account changed = store.changeLimits(account.id(), new Limits(null, 64, null)).orElseThrow();

        assertEquals(64, changed.dispatchWindow());
        assertEquals(25, changed.rateLimitMps(), "a limit not given stays");
        assertEquals(6, changed.maxParts());
        assertEquals(changed, store.find(account.id()).orElseThrow());
        assertEquals(Optional.empty(), store.changeLimits(LocalTables.unique("acc"), new Limits(5, null, null)));
    }

    @Test
    void aProfileWrittenBeforeWindowsExistedHasTheDefaultWindow() {
        Account account = account(LocalTables.unique("acc"), 500);
        store.create(account);
        tables.accounts().update(Keys.profile(account.id())).remove("dispatch_window").apply();

        assertEquals(Account.DEFAULT_DISPATCH_WINDOW, store.find(account.id()).orElseThrow().dispatchWindow());
    }

    @Test
    void anAccountIsCreatedOnlyOnce() {
        Account account = account(LocalTables.unique("acc"), 500);
        store.create(account);

        assertThrows(ConditionalCheckFailedException.class, () -> store.create(account(account.id(), 0)));
        assertEquals(500, store.find(account.id()).orElseThrow().balance(), "the first profile stands");
    }

    @Test
    void aWebhookIsSavedReplacedAndDeleted() {
        Account account = account(LocalTables.unique("acc"), 0);
        store.create(account);
        assertEquals(Optional.empty(), store.webhook(account.id()));

        store.saveWebhook(account.id(), new Webhook("https://hooks.example.com/a", "sealed-a"));
        store.saveWebhook(account.id(), new Webhook("https://hooks.example.com/b", "sealed-b"));
        assertEquals(Optional.of(new Webhook("https://hooks.example.com/b", "sealed-b")), store.webhook(account.id()));

        store.deleteWebhook(account.id());
        assertEquals(Optional.empty(), store.webhook(account.id()));
        assertEquals(Optional.of(account), store.find(account.id()), "the rest of the profile stays");
    }

    @Test
    void aWebhookIsNeverWrittenWithoutAnAccount() {
        String nobody = LocalTables.unique("acc");

        assertThrows(ConditionalCheckFailedException.class,
                () -> store.saveWebhook(nobody, new Webhook("https://hooks.example.com/a", "sealed")));
        assertThrows(ConditionalCheckFailedException.class, () -> store.deleteWebhook(nobody));
        assertFalse(tables.accounts().getConsistent(Keys.profile(nobody)).isPresent(), "no stray profile item");
    }
}
