package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.error.DomainException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.ninebits.sms.domain.batch.AcceptanceRig.ACCOUNT;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N0;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N1;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N2;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N3;
import static com.ninebits.sms.domain.batch.AcceptanceRig.OTHER_ACCOUNT;
import static com.ninebits.sms.domain.batch.AcceptanceRig.T0;
import static com.ninebits.sms.domain.batch.AcceptanceRig.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A number on the account's opt-out list is rejected alone at acceptance, and not charged. */
class OptedOutRecipientsTest {

    private static final long INITIAL = 100;
    private final AcceptanceRig rig = new AcceptanceRig(INITIAL);

    @Test
    void anOptedOutNumberIsRejectedAloneAndNotCharged() {
        rig.optOuts.add(ACCOUNT, List.of(N1), T0);

        Batch batch = rig.submit(request().to("+" + N0, "08020000001", N2)).batch();

        assertEquals(List.of(N0, N2), batch.recipients());
        assertEquals(List.of(new Batch.Rejected("08020000001", "opted_out")), batch.rejected(),
                "named as the customer wrote it");
        assertEquals(2, batch.cost());
        assertEquals(INITIAL - 2, rig.balance());
    }

    @Test
    void aGroupMemberOnTheListIsRejectedUnderItsNumber() {
        rig.group(ACCOUNT, "grp_team", N2, N3);
        rig.optOuts.add(ACCOUNT, List.of(N3), T0);

        Batch batch = rig.submit(request().to("+" + N0, "grp_team")).batch();

        assertEquals(List.of(N0, N2), batch.recipients());
        assertEquals(List.of(new Batch.Rejected(N3, "opted_out")), batch.rejected());
        assertEquals(INITIAL - 2, rig.balance());
    }

    @Test
    void anotherAccountsListDoesNotApply() {
        rig.optOuts.add(OTHER_ACCOUNT, List.of(N0), T0);

        Batch batch = rig.submit(request().to("+" + N0)).batch();

        assertEquals(List.of(N0), batch.recipients());
        assertEquals(INITIAL - 1, rig.balance());
    }

    @Test
    void onlyOptedOutRecipientsIsABadRequestAndChargesNothing() {
        rig.optOuts.add(ACCOUNT, List.of(N0, N1), T0);

        DomainException.Invalid e = assertThrows(DomainException.Invalid.class,
                () -> rig.submit(request().to("+" + N0, "+" + N1)));

        assertEquals(List.of("opted_out", "opted_out"), e.errors().stream().map(f -> f.code()).toList());
        assertEquals(INITIAL, rig.balance());
        assertEquals(0, rig.queue.enqueue.calls());
    }

    @Test
    void tenThousandRecipientsAreCheckedInOneRead() {
        List<String> to = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            to.add("+23480300" + String.format("%05d", i));
        }
        rig.optOuts.add(ACCOUNT, List.of("23480300" + "00042"), T0);
        rig.topUp(20_000);
        rig.maxRecipients = 10_000;

        Batch batch = rig.submit(request().to(to)).batch();

        assertEquals(9_999, batch.recipients().size());
        assertEquals(1, rig.optOuts.reads.get(), "the store is asked once for the whole batch (it batches its reads)");
    }
}
