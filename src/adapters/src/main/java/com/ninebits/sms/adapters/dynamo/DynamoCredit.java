package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.Credit;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.Map;
import java.util.Optional;

/**
 * The balance on the account's profile item ({@code ACC#id / PROFILE}), with the {@code reservations}
 * map beside it: a batch's reservation under its token, a paid refund under {@code refund~<id>}. Each
 * note is written in the same conditional update as the balance change it records, so the two can
 * never be separated.
 */
@ApplicationScoped
public class DynamoCredit implements Credit {

    private static final String REFUND_NOTE = "refund~";
    private static final String BALANCE = ProfileItem.BALANCE;
    /** A note in the reservations map, named by the placeholder {@code #note}. */
    private static final String NOTE = ProfileItem.RESERVATIONS + ".#note";

    private final Table accounts;

    public DynamoCredit(Tables tables) {
        this.accounts = tables.accounts();
    }

    @Override
    public long balance(String accountId) {
        return Item.number(accounts.getConsistent(Keys.profile(accountId), BALANCE, Map.of()), BALANCE);
    }

    @Override
    public long add(String accountId, long amount) {
        return Item.number(accounts.update(Keys.profile(accountId))
                .add(BALANCE + " :amount").value(":amount", amount)
                .when("attribute_exists(pk)")
                .returning(ReturnValue.UPDATED_NEW)
                .apply(), BALANCE);
    }

    @Override
    public Optional<Long> debitIfCovered(String accountId, long amount) {
        return accounts.update(Keys.profile(accountId))
                .set(BALANCE + " = " + BALANCE + " - :amount").value(":amount", amount)
                .when("attribute_exists(pk) AND " + BALANCE + " >= :amount")
                .returning(ReturnValue.UPDATED_NEW)
                .applyIfAllowed()
                .map(balance -> Item.number(balance, BALANCE));
    }

    @Override
    public boolean reserve(String accountId, String token, long amount) {
        return accounts.update(Keys.profile(accountId))
                .set(BALANCE + " = " + BALANCE + " - :amount").set(NOTE + " = :amount")
                .name("#note", token).value(":amount", amount)
                .when("attribute_exists(pk) AND " + BALANCE + " >= :amount")
                .applyIf();
    }

    @Override
    public void settle(String accountId, String token) {
        forget(accountId, token);
    }

    @Override
    public boolean refundReservation(String accountId, String token) {
        Map<String, AttributeValue> item = accounts.getConsistent(Keys.profile(accountId), NOTE, Map.of("#note", token));
        AttributeValue reservations = item.get(ProfileItem.RESERVATIONS);
        AttributeValue amount = reservations == null || !reservations.hasM() ? null : reservations.m().get(token);
        if (amount == null) {
            return false;
        }
        // Only the amount read, still recorded: a concurrent refund or settle makes this one give nothing.
        return accounts.update(Keys.profile(accountId))
                .set(BALANCE + " = " + BALANCE + " + :amount").remove(NOTE)
                .name("#note", token).value(":amount", amount)
                .when(NOTE + " = :amount")
                .applyIf();
    }

    @Override
    public boolean refundOnce(String accountId, String refundId, long amount) {
        return accounts.update(Keys.profile(accountId))
                .set(BALANCE + " = " + BALANCE + " + :amount").set(NOTE + " = :amount")
                .name("#note", REFUND_NOTE + refundId).value(":amount", amount)
                .when("attribute_exists(pk) AND attribute_not_exists(" + NOTE + ")")
                .applyIf();
    }

    @Override
    public void forgetRefund(String accountId, String refundId) {
        forget(accountId, REFUND_NOTE + refundId);
    }

    private void forget(String accountId, String note) {
        accounts.update(Keys.profile(accountId)).remove(NOTE).name("#note", note).apply();
    }
}
