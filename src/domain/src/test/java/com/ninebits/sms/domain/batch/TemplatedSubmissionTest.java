package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.ninebits.sms.domain.batch.AcceptanceRig.ACCOUNT;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N0;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N1;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Templating at acceptance and in the dry run: whose value a recipient gets, and what is refused. */
class TemplatedSubmissionTest {

    private final AcceptanceRig rig = new AcceptanceRig(100, 2);

    @Test
    void eachRecipientGetsItsOwnValueElseItsGroupsElseTheDefault() {
        rig.group(ACCOUNT, "grp_a", "2348030000001", N1);
        Batch b = rig.submit(AcceptanceRig.request().to("+" + N0, N1, "grp_a").body("Hi ${name}")
                .parameters(Map.of("name", Map.of("0" + N0.substring(3), "Ada", "grp_a", "team", "default", "friend")))).batch();
        assertEquals(List.of(N0, N1, "2348030000001"), b.recipients());
        assertEquals(List.of("Hi Ada", "Hi friend", "Hi team"), List.of(b.textFor(0), b.textFor(1), b.textFor(2)));
    }

    @Test
    void aRecipientWithNoValueAndNoDefaultIsRejectedAloneAndNotCharged() {
        Batch b = rig.submit(AcceptanceRig.request().to(N0, N1).body("Code ${code}")
                .parameters(Map.of("code", Map.of(N0, "1234")))).batch();
        assertEquals(List.of(N0), b.recipients());
        assertEquals(List.of(new Batch.Rejected(N1, "missing_parameter")), b.rejected());
        assertEquals(99, rig.balance());
    }

    @Test
    void nobodyWithAValueIsRefusedWhole() {
        var refused = assertThrows(DomainException.Invalid.class, () -> rig.submit(AcceptanceRig.request().to(N0)
                .body("Code ${code}").parameters(Map.of("code", Map.of(N1, "1")))));
        assertEquals("missing_parameter", refused.errors().get(0).code());
        rig.assertNothingStored("ref-1");
    }

    @Test
    void badNamesAndTooLongValuesAreEachNamed() {
        var refused = assertThrows(DomainException.Invalid.class, () -> rig.submit(AcceptanceRig.request().body("Hi")
                .parameters(Map.of("first name", Map.of("default", "x"), "name", Map.of(N0, "x".repeat(161))))));
        assertEquals(List.of("parameters.first name", "parameters.name." + N0),
                refused.errors().stream().map(FieldError::field).sorted().toList());
    }

    @Test
    void maxPartsAppliesToEveryRecipientsText() {
        var refused = assertThrows(DomainException.Invalid.class, () -> rig.submit(AcceptanceRig.request().to(N0, N1)
                .body("x".repeat(150) + "${name}").parameters(Map.of("name", Map.of(N0, "short", N1, "y".repeat(160))))));
        assertEquals("too_many_parts", refused.errors().get(0).code());
        rig.assertNothingStored("ref-1");
    }

    @Test
    void theSameReferenceWithOtherParametersIsAConflict() {
        AcceptanceRig.Req first = AcceptanceRig.request().to(N0).body("Hi ${name}").parameters(Map.of("name", Map.of("default", "a")));
        rig.submit(first);
        assertEquals(true, rig.submit(first).replayed());
        var conflict = assertThrows(DomainException.Conflict.class, () -> rig.submit(AcceptanceRig.request().to(N0)
                .body("Hi ${name}").parameters(Map.of("name", Map.of("default", "b")))));
        assertEquals("reference_conflict", conflict.code());
    }

    @Test
    void aDryRunStoresQueuesAndChargesNothing() {
        SendPreview.Preview seen = rig.preview().preview(ACCOUNT, AcceptanceRig.request().to(N0, N1, N2, "12")
                .body("Hello ${name}").parameters(Map.of("name", Map.of(N0, "é", "default", "you"))).build(), true);
        assertEquals(3, seen.plan().batch().recipients().size());
        assertEquals(3, seen.plan().cost());
        assertEquals(100, seen.balance());
        assertEquals("Hello é", seen.perRecipient().get(0).body());
        assertEquals(100, rig.balance());
        assertEquals(List.of(), rig.queue.enqueued());
        rig.assertNothingStored("ref-1");
    }

    @Test
    void aDryRunOfReportsNeedsTheWebhookAsTheSendDoes() {
        AcceptanceRig bare = new AcceptanceRig(100);
        bare.accounts.add(new com.ninebits.sms.domain.account.Account("acc_3", "Bare", "NG", 10,
                com.ninebits.sms.domain.account.Account.DEFAULT_DISPATCH_WINDOW, 10, 100, AcceptanceRig.T0));
        bare.accounts.approve("acc_3", AcceptanceRig.SENDER);
        var refused = assertThrows(DomainException.Invalid.class, () -> bare.preview().preview("acc_3",
                AcceptanceRig.request().deliveryReport("yes").build(), false));
        assertEquals("no_webhook", refused.errors().get(0).code());
    }

    @Test
    void aDryRunListsAtMostAThousandRecipientsButPricesThemAll() {
        rig.maxRecipients = 2000;
        List<String> to = java.util.stream.IntStream.range(0, 1200).mapToObj(i -> "23480210" + String.format("%05d", i)).toList();
        SendPreview.Preview seen = rig.preview().preview(ACCOUNT, AcceptanceRig.request().to(to).body("Hi").build(), true);
        assertEquals(1200, seen.plan().cost());
        assertEquals(SendPreview.MAX_LISTED, seen.perRecipient().size());
        assertEquals(List.of(), rig.preview().preview(ACCOUNT, AcceptanceRig.request().to(to).body("Hi").build(), false)
                .perRecipient());
    }
}
