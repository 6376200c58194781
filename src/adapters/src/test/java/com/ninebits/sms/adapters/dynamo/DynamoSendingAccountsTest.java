package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountStore.Webhook;
import com.ninebits.sms.domain.batch.SendingAccounts.Sending;
import com.ninebits.sms.domain.sender.SenderId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DynamoSendingAccountsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private final Tables tables = LocalTables.tables();
    private final DynamoSendingAccounts sending = new DynamoSendingAccounts(tables);
    private final DynamoAccountStore accounts = new DynamoAccountStore(tables);
    private final DynamoSenderIdStore senderIds = new DynamoSenderIdStore(tables);
    private final Account account = new Account(LocalTables.unique("acc"), "Acme", "NG", 10, Account.DEFAULT_DISPATCH_WINDOW, 6, 40, T0);

    @BeforeEach
    void anAccountWithSenderIds() {
        accounts.create(account);
        senderIds.save(new SenderId(account.id(), "Approved", SenderId.Status.APPROVED, T0, T0));
        senderIds.save(new SenderId(account.id(), "Waiting", SenderId.Status.PENDING, T0, T0));
    }

    @Test
    void theAccountAndItsApprovedSenderIdAreReadTogether() {
        assertEquals(Optional.of(new Sending(account, true, false)), sending.load(account.id(), "Approved"));
    }

    @Test
    void aSenderIdNotApprovedOrNotRegisteredMayNotSend() {
        assertEquals(Optional.of(new Sending(account, false, false)), sending.load(account.id(), "Waiting"));
        assertEquals(Optional.of(new Sending(account, false, false)), sending.load(account.id(), "Unknown"));
    }

    @Test
    void theAccountsWebhookIsSeen() {
        accounts.saveWebhook(account.id(), new Webhook("https://hooks.example.com/sms", "sealed"));

        assertEquals(Optional.of(new Sending(account, true, true)), sending.load(account.id(), "Approved"));
    }

    @Test
    void anUnknownAccountSendsNothing() {
        assertEquals(Optional.empty(), sending.load(LocalTables.unique("acc"), "Approved"));
    }
}
