package com.ninebits.sms.events;

import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.batch.SendRequest;
import com.ninebits.sms.domain.sender.SenderIdRegistry;
import com.ninebits.sms.domain.webhook.WebhookSettings;
import com.ninebits.sms.testsupport.TestAccount;
import com.ninebits.sms.testsupport.TestAccounts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Customers and their batches, made through the same use cases the API and the send-request queue call. */
@jakarta.inject.Singleton
class Customers {

    static final String SENDER = TestAccount.SENDER;
    // Numbers differ across tests, and across runs against a store kept on disk.
    private static final AtomicInteger NEXT_NUMBER = new AtomicInteger(ThreadLocalRandom.current().nextInt(9_000));

    private final TestAccounts accountFixture;
    private final BatchSubmission submission;
    private final AccountStore accounts;
    private final BatchReport report;

    Customers(AccountAdministration administration, SenderIdRegistry senderIds, WebhookSettings webhooks,
              BatchSubmission submission, AccountStore accounts, BatchReport report) {
        this.accountFixture = new TestAccounts(administration, senderIds, webhooks);
        this.submission = submission;
        this.accounts = accounts;
        this.report = report;
    }

    /** A new account (its own message group) with {@code myCode} approved; {@code rateLimitMps} null for the default. */
    String open(long balance, Integer rateLimitMps) {
        return open(balance, rateLimitMps, null);
    }

    /** As above, with {@code dispatchWindow} submissions awaiting the SMSC at once at most (1: one at a time). */
    String open(long balance, Integer rateLimitMps, Integer dispatchWindow) {
        return accountFixture.openId(TestAccount.withBalance(balance).rateLimit(rateLimitMps).dispatchWindow(dispatchWindow));
    }

    TestAccount.Opened open(TestAccount account) {
        return accountFixture.open(account);
    }

    Batch send(String account, List<String> to, String body) {
        return send(account, to, body, null, null);
    }

    Batch send(String account, List<String> to, String body, Instant sendAt, Instant expireAt) {
        SendRequest request = new SendRequest(SENDER, to, body, null, "none", sendAt == null ? null : sendAt.toString(),
                expireAt == null ? null : expireAt.toString(), "ref-" + UUID.randomUUID(), null, List.of());
        return submission.submit(account, request).batch();
    }

    /** A batch asking for delivery reports, to the account's webhook (which it must have). */
    Batch sendWithReports(String account, List<String> to, String body) {
        SendRequest request = new SendRequest(SENDER, to, body, null, "yes", null, null, "ref-" + UUID.randomUUID(), null,
                List.of());
        return submission.submit(account, request).batch();
    }

    long balance(String account) {
        return accounts.find(account).orElseThrow().balance();
    }

    BatchReport.View report(String account, Batch batch) {
        return report.read(account, batch.referenceId(), BatchReport.MAX_PAGE_SIZE, 0, null);
    }

    List<MessageState> messages(String account, Batch batch) {
        return report(account, batch).recipients();
    }

    List<MessageState.Status> statuses(String account, Batch batch) {
        return messages(account, batch).stream().map(MessageState::status).toList();
    }

    /** A Nigerian mobile number in E.164 with {@code +}, never ending in the simulator's 998 or 999. */
    static String number() {
        return numberEndingIn("123");
    }

    static String numberEndingIn(String lastThree) {
        return "+234803" + String.format("%04d", NEXT_NUMBER.getAndIncrement() % 10_000) + lastThree;
    }

    /** As the gateway stores and sends it: E.164 digits without {@code +}. */
    static String digits(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }
}
