package com.ninebits.sms.dlr;

import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.batch.SendRequest;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.domain.sender.SenderId;
import com.ninebits.sms.domain.sender.SenderIdRegistry;
import com.ninebits.sms.domain.webhook.WebhookSettings;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages as the dispatcher leaves them for the DLR webhook: a new account's accepted batch whose
 * messages are claimed (the record the SMSC's reports find) and, if answered, dispatched under the
 * gateway's own id.
 */
@Singleton
class SentMessages {

    private final AccountAdministration administration;
    private final SenderIdRegistry senderIds;
    private final BatchSubmission submission;
    private final MessageLedger ledger;
    private final WebhookSettings webhooks;

    SentMessages(AccountAdministration administration, SenderIdRegistry senderIds, BatchSubmission submission,
                 MessageLedger ledger, WebhookSettings webhooks) {
        this.administration = administration;
        this.senderIds = senderIds;
        this.submission = submission;
        this.ledger = ledger;
        this.webhooks = webhooks;
    }

    /**
     * @param answered   the SMSC's answer is recorded (else its attempt is still under way)
     * @param subscribed the batch asked for delivery reports, to the account's webhook
     */
    Batch batch(int size, boolean answered, boolean subscribed) {
        String account = administration.open(new AccountAdministration.NewAccount("dlr", "NG", 100, null, 10, 1_000L))
                .account().id();
        senderIds.decide(account, "myCode", SenderId.Status.APPROVED);
        if (subscribed) {
            webhooks.set(account, "http://127.0.0.1:9/hook");
        }
        List<String> to = IntStream.range(0, size).mapToObj(i -> String.format("2348021%06d", i)).toList();
        Batch batch = submission.submit(account, new SendRequest("myCode", to, "Hi", null, subscribed ? "yes" : "none",
                null, null, "dlr-" + UUID.randomUUID(), null, List.of())).batch();
        for (int index = 0; index < size; index++) {
            MessageKey key = new MessageKey(account, batch.referenceId(), index);
            assertTrue(ledger.claim(key, to.get(index), 1, subscribed ? new Subscription(null) : null, 1, Instant.now()));
            if (answered) {
                assertTrue(ledger.dispatched(key, 1, key.messageId(), Instant.now()).isPresent());
            }
        }
        return batch;
    }

    /** The first message of a one-message batch. */
    MessageKey one(boolean answered, boolean subscribed) {
        Batch batch = batch(1, answered, subscribed);
        return new MessageKey(batch.accountId(), batch.referenceId(), 0);
    }
}
