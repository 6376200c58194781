package com.ninebits.sms.adapters.cache;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.batch.SendingAccounts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariant: an account and its sender ID are taken from memory for at most the ttl; a sender ID
 * not approved is read again every time, so that its approval is seen at once.
 */
class RecentSendingAccountsTest {

    private static final Duration TTL = Duration.ofSeconds(5);
    private static final Account ACCOUNT = new Account("acc_1", "Acme", "NG", 10, Account.DEFAULT_DISPATCH_WINDOW, 10, 100, Instant.EPOCH);

    private static final class Store implements SendingAccounts {
        final Map<String, Sending> bySender = new HashMap<>();
        int reads;

        @Override
        public Optional<Sending> load(String accountId, String senderId) {
            reads++;
            return Optional.ofNullable(bySender.get(accountId + "/" + senderId));
        }
    }

    private final Store store = new Store();
    private final MovingClock clock = new MovingClock();
    private final RecentSendingAccounts accounts = new RecentSendingAccounts(store, TTL, clock);

    @Test
    void anApprovedSenderIsTakenFromMemoryUntilTheTtlIsOver() {
        store.bySender.put("acc_1/myCode", new SendingAccounts.Sending(ACCOUNT, true, false));

        accounts.load("acc_1", "myCode");
        clock.advance(TTL.minusMillis(1));
        store.bySender.put("acc_1/myCode", new SendingAccounts.Sending(ACCOUNT, false, false));
        assertTrue(accounts.load("acc_1", "myCode").orElseThrow().senderApproved(), "within the ttl: as it was");
        assertEquals(1, store.reads);

        clock.advance(Duration.ofMillis(1));
        assertFalse(accounts.load("acc_1", "myCode").orElseThrow().senderApproved(), "a refusal is seen after the ttl");
    }

    @Test
    void aSenderNotApprovedIsReadAgainSoThatItsApprovalIsSeenAtOnce() {
        store.bySender.put("acc_1/myCode", new SendingAccounts.Sending(ACCOUNT, false, false));
        assertFalse(accounts.load("acc_1", "myCode").orElseThrow().senderApproved());

        store.bySender.put("acc_1/myCode", new SendingAccounts.Sending(ACCOUNT, true, false));

        assertTrue(accounts.load("acc_1", "myCode").orElseThrow().senderApproved());
    }

    @Test
    void eachSenderOfAnAccountIsItsOwnEntry() {
        store.bySender.put("acc_1/myCode", new SendingAccounts.Sending(ACCOUNT, true, true));
        store.bySender.put("acc_1/Other", new SendingAccounts.Sending(ACCOUNT, false, true));
        accounts.load("acc_1", "myCode");

        assertFalse(accounts.load("acc_1", "Other").orElseThrow().senderApproved());
        assertEquals(Optional.empty(), accounts.load("acc_2", "myCode"), "an unknown account is never remembered");
    }
    @Test
    void forgettingAnAccountReadsEveryOneOfItsSendersAgainAndNoOtherAccount() {
        Account other = new Account("acc_2", "Other", "NG", 10, Account.DEFAULT_DISPATCH_WINDOW, 10, 100, Instant.EPOCH);
        store.bySender.put("acc_1/myCode", new SendingAccounts.Sending(ACCOUNT, true, false));
        store.bySender.put("acc_1/Other", new SendingAccounts.Sending(ACCOUNT, true, false));
        store.bySender.put("acc_2/myCode", new SendingAccounts.Sending(other, true, false));
        accounts.load("acc_1", "myCode");
        accounts.load("acc_1", "Other");
        accounts.load("acc_2", "myCode");
        store.bySender.put("acc_1/myCode", new SendingAccounts.Sending(ACCOUNT, true, true));
        store.bySender.put("acc_1/Other", new SendingAccounts.Sending(ACCOUNT, true, true));

        accounts.forget("acc_1");

        assertTrue(accounts.load("acc_1", "myCode").orElseThrow().webhookSet());
        assertTrue(accounts.load("acc_1", "Other").orElseThrow().webhookSet());
        accounts.load("acc_2", "myCode");
        assertEquals(5, store.reads, "the other account is still taken from memory");
    }
}
