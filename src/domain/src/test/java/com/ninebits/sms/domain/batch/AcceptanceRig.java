package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.TestClock;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.InMemoryCredit;
import com.ninebits.sms.domain.error.FieldError;
import com.ninebits.sms.domain.group.Group;
import com.ninebits.sms.domain.webhook.HostResolver;
import com.ninebits.sms.domain.webhook.WebhookUrls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One account's world for acceptance: every port faked in memory, a clock that moves on demand,
 * and the checks that say whether the world is whole.
 */
final class AcceptanceRig {

    static final String ACCOUNT = "acc_1";
    static final String OTHER_ACCOUNT = "acc_2";
    static final String SENDER = "myCode";
    static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    static final String N0 = "2348020000000";
    static final String N1 = "2348020000001";
    static final String N2 = "2348020000002";
    static final String N3 = "2348020000003";

    final TestClock clock = new TestClock(T0);
    final InMemorySendingAccounts accounts = new InMemorySendingAccounts();
    final InMemoryGroups groups = new InMemoryGroups();
    final com.ninebits.sms.domain.optout.InMemoryOptOuts optOuts = new com.ninebits.sms.domain.optout.InMemoryOptOuts();
    final InMemoryBatchStore batches = new InMemoryBatchStore();
    final InMemoryCredit credit = new InMemoryCredit();
    final RecordingDispatchQueue queue = new RecordingDispatchQueue();
    private final Map<String, List<InetAddress>> dns = new HashMap<>();
    private final HostResolver resolver = host -> {
        List<InetAddress> addresses = dns.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses;
    };
    final WebhookUrls webhookUrls = new WebhookUrls(resolver, false);

    int maxRecipients = 1000;
    private long funded;

    AcceptanceRig(long balance, int maxParts) {
        accounts.add(new Account(ACCOUNT, "Acme", "NG", 10, Account.DEFAULT_DISPATCH_WINDOW, maxParts, balance, T0));
        accounts.approve(ACCOUNT, SENDER);
        accounts.setWebhook(ACCOUNT);
        credit.open(ACCOUNT, balance);
        accounts.add(new Account(OTHER_ACCOUNT, "Other", "NG", 10, Account.DEFAULT_DISPATCH_WINDOW, 10, 0, T0));
        credit.open(OTHER_ACCOUNT, 0);
        funded = balance;
        dns.put("hooks.example.com", List.of(address(93, 184, 216, 34)));
        dns.put("intranet.example.com", List.of(address(10, 0, 0, 7)));
    }

    AcceptanceRig(long balance) {
        this(balance, Account.DEFAULT_MAX_PARTS);
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[]{(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    BatchSubmission submission() {
        return new BatchSubmission(accounts, new Recipients(groups, optOuts), batches, credit, queue, webhookUrls, clock,
                maxRecipients);
    }

    SendPreview preview() {
        return new SendPreview(submission().planning(), credit);
    }

    BatchSubmission.Accepted submit(Req request) {
        return submission().submit(ACCOUNT, request.build());
    }

    void group(String accountId, String groupId, String... members) {
        groups.create(new Group(accountId, groupId, groupId, members.length, T0), Arrays.asList(members));
    }

    void topUp(long amount) {
        credit.topUp(ACCOUNT, amount);
        funded += amount;
    }

    long balance() {
        return credit.balance(ACCOUNT);
    }

    long funded() {
        return funded;
    }

    /** Everything handed over for the reference: queued now or filed for later. */
    List<Batch> handedOver(String referenceId) {
        return Stream.concat(queue.enqueued().stream(), batches.scheduled().stream())
                .filter(b -> b.referenceId().equals(referenceId))
                .toList();
    }

    /**
     * What the dispatchers would send: they send a queue message only for an ACCEPTED batch of the
     * same token, so hand-overs of an undone attempt are inert.
     */
    List<Batch> sendable(String referenceId) {
        return batches.peek(ACCOUNT, referenceId)
                .filter(b -> b.state() == Batch.State.ACCEPTED)
                .map(stored -> handedOver(referenceId).stream().filter(h -> h.token().equals(stored.token())).toList())
                .orElse(List.of());
    }

    /**
     * A dispatcher holding a message of the reference's latest queued hand-over (one of its last
     * queue call) finishes that acceptance if it still can; true when the batch is ACCEPTED under
     * that hand-over's token.
     */
    boolean dispatcherFinishes(String referenceId) {
        List<Batch> queued = queue.enqueued().stream().filter(b -> b.referenceId().equals(referenceId)).toList();
        return !queued.isEmpty()
                && batches.dispatcherAccepts(ACCOUNT, referenceId, queued.get(queued.size() - 1).token());
    }

    /** No batch item for the reference: never claimed, or claimed and released. */
    void assertNothingStored(String referenceId) {
        assertEquals(java.util.Optional.empty(), batches.peek(ACCOUNT, referenceId), "stored item for " + referenceId);
        assertEquals(List.of(), sendable(referenceId), "sendable hand-overs of " + referenceId);
    }

    /**
     * The world is whole: no claim is left PENDING, every ACCEPTED batch is handed over exactly
     * once under its own token, the balance is what was funded less the cost of the ACCEPTED
     * batches, and no reservation is left to refund: what is still recorded is the reservation of an
     * ACCEPTED batch for now, which the dispatcher holding its first chunk settles.
     */
    void assertWhole() {
        long spent = 0;
        Map<String, Long> toSettle = new HashMap<>();
        for (Batch stored : batches.all()) {
            if (!stored.accountId().equals(ACCOUNT)) {
                continue;
            }
            assertEquals(Batch.State.ACCEPTED, stored.state(), "a claim was left behind: " + stored.referenceId());
            assertEquals(1, sendable(stored.referenceId()).size(), "hand-overs of " + stored.referenceId());
            spent += stored.cost();
            if (!stored.scheduled()) {
                toSettle.put(stored.token(), stored.cost());
            }
        }
        assertEquals(funded - spent, balance(), "balance = funded − cost of the ACCEPTED batches");
        Map<String, Long> left = new HashMap<>(credit.reservations(ACCOUNT));
        left.entrySet().removeIf(e -> e.getValue().equals(toSettle.get(e.getKey())));
        assertEquals(Map.of(), left, "reservations left recorded that no dispatcher settles");
    }

    static void assertNoField(List<FieldError> errors, String field) {
        assertTrue(errors.stream().noneMatch(e -> e.field().equals(field)), field + " flagged in " + errors);
    }

    /** A send request as a customer would write it, to be changed field by field. */
    static final class Req {
        private String from = SENDER;
        private List<String> to = List.of("+" + N0, "08020000001", N2);
        private String body = "Hello";
        private String content;
        private String deliveryReport;
        private String sendAt;
        private String expireAt;
        private String referenceId = "ref-1";
        private String callbackUrl;
        private List<FieldError> typeErrors = new ArrayList<>();
        private Map<String, Map<String, String>> parameters;

        Req parameters(Map<String, Map<String, String>> v) {
            parameters = v;
            return this;
        }
        private String quietHours;

        Req from(String v) {
            from = v;
            return this;
        }

        Req to(String... v) {
            to = v == null ? null : List.of(v);
            return this;
        }

        Req to(List<String> v) {
            to = v;
            return this;
        }

        Req body(String v) {
            body = v;
            return this;
        }

        Req content(String v) {
            content = v;
            return this;
        }

        Req deliveryReport(String v) {
            deliveryReport = v;
            return this;
        }

        Req sendAt(String v) {
            sendAt = v;
            return this;
        }

        Req expireAt(String v) {
            expireAt = v;
            return this;
        }

        Req reference(String v) {
            referenceId = v;
            return this;
        }

        Req callbackUrl(String v) {
            callbackUrl = v;
            return this;
        }

        Req quietHours(String v) {
            quietHours = v;
            return this;
        }

        Req typeError(String field, String code) {
            typeErrors.add(new FieldError(field, code, field + " has the wrong type"));
            return this;
        }

        SendRequest build() {
            return new SendRequest(from, to, body, content, deliveryReport, sendAt, expireAt, referenceId, callbackUrl,
                    List.copyOf(typeErrors), parameters, quietHours);
        }
    }

    static Req request() {
        return new Req();
    }
}
