package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.Account;
import org.junit.jupiter.api.BeforeEach;
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

class DynamoCreditTest {

    private final Tables tables = LocalTables.tables();
    private final DynamoCredit credit = new DynamoCredit(tables);
    private final String account = LocalTables.unique("acc");

    @BeforeEach
    void anAccountWith100() {
        new DynamoAccountStore(tables).create(new Account(account, "Acme", "NG", 10, Account.DEFAULT_DISPATCH_WINDOW, 10, 100,
                Instant.parse("2026-01-01T12:00:00Z")));
    }

    private Map<String, AttributeValue> notes() {
        return LocalTables.stored(tables.accounts(), Keys.profile(account)).get("reservations").m();
    }

    @Test
    void creditIsAddedAndCorrected() {
        assertEquals(150, credit.add(account, 50));
        assertEquals(Optional.of(120L), credit.debitIfCovered(account, 30));
        assertEquals(120, credit.balance(account));
    }

    @Test
    void aCorrectionNeverTakesTheBalanceBelowZero() {
        assertEquals(Optional.empty(), credit.debitIfCovered(account, 101));
        assertEquals(100, credit.balance(account));
    }

    @Test
    void noCreditIsWrittenForAnAccountThatIsNotThere() {
        String nobody = LocalTables.unique("acc");

        assertThrows(ConditionalCheckFailedException.class, () -> credit.add(nobody, 5));
        assertEquals(Optional.empty(), credit.debitIfCovered(nobody, 0));
        assertFalse(credit.reserve(nobody, "tok", 0));
        assertFalse(credit.refundOnce(nobody, "msg", 1));
        assertEquals(0, credit.balance(nobody));
        assertFalse(tables.accounts().getConsistent(Keys.profile(nobody)).isPresent(), "no stray profile item");
    }

    @Test
    void aReservationTakesTheCreditAndIsRecordedInTheSameWrite() {
        assertTrue(credit.reserve(account, "tok-1", 30));

        assertEquals(70, credit.balance(account));
        assertEquals(Map.of("tok-1", Docs.n(30)), notes());
    }

    @Test
    void aReservationTheBalanceDoesNotCoverTakesNothing() {
        assertFalse(credit.reserve(account, "tok-1", 101));

        assertEquals(100, credit.balance(account));
        assertEquals(Map.of(), notes());
    }

    @Test
    void aReservationIsRefundedOnce() {
        credit.reserve(account, "tok-1", 30);

        assertTrue(credit.refundReservation(account, "tok-1"));
        assertFalse(credit.refundReservation(account, "tok-1"));

        assertEquals(100, credit.balance(account));
        assertEquals(Map.of(), notes());
    }

    @Test
    void aSettledReservationStaysSpentAndCannotBeRefunded() {
        credit.reserve(account, "tok-1", 30);

        credit.settle(account, "tok-1");

        assertFalse(credit.refundReservation(account, "tok-1"));
        assertEquals(70, credit.balance(account));
        assertEquals(Map.of(), notes());
    }

    @Test
    void anUnknownReservationRefundsNothing() {
        assertFalse(credit.refundReservation(account, "never-reserved"));
        assertEquals(100, credit.balance(account));
    }

    @Test
    void aRefundAskedTwiceIsPaidOnce() {
        assertTrue(credit.refundOnce(account, "acc~ref~0", 3));
        assertFalse(credit.refundOnce(account, "acc~ref~0", 3));

        assertEquals(103, credit.balance(account));
        assertEquals(Map.of("refund~acc~ref~0", Docs.n(3)), notes(), "the payment's note, beside the balance");
    }

    @Test
    void aForgottenRefundNoteLeavesTheBalanceAlone() {
        credit.refundOnce(account, "acc~ref~0", 3);
        credit.reserve(account, "tok-1", 10);

        credit.forgetRefund(account, "acc~ref~0");

        assertEquals(93, credit.balance(account));
        assertEquals(Map.of("tok-1", Docs.n(10)), notes(), "only that note is gone");
    }
}
