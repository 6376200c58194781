package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.portal.FirstPasswordLink;
import com.ninebits.sms.domain.portal.PortalUser;
import com.ninebits.sms.domain.portal.PortalUserStore;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Portal users ({@code PUSER#email / USER}) and their first-password links
 * ({@code PLINK#id / LINK}, kept until they expire: TTL), in the accounts table.
 */
@ApplicationScoped
public class DynamoPortalUserStore implements PortalUserStore {

    private static final String FAILED = "failed_sign_ins";
    private static final String LOCKED_UNTIL = "locked_until";

    private final Table accounts;

    public DynamoPortalUserStore(Tables tables) {
        this.accounts = tables.accounts();
    }

    @Override
    public boolean create(PortalUser user) {
        return accounts.putIfAbsent(Item.at(Keys.portalUser(user.email()))
                .put("user_id", user.userId())
                .put("account_id", user.accountId())
                .put("email", user.email())
                .putIfPresent("password_hash", user.passwordHash())
                .put(FAILED, user.failedSignIns())
                .putIfPresent(LOCKED_UNTIL, user.lockedUntil())
                .put("created_at", user.createdAt()));
    }

    @Override
    public Optional<PortalUser> find(String email) {
        return accounts.getConsistent(Keys.portalUser(email)).map(item -> new PortalUser(Item.string(item, "user_id"),
                Item.string(item, "account_id"), Item.string(item, "email"), Item.string(item, "password_hash"),
                Item.integer(item, FAILED), Item.instant(item, LOCKED_UNTIL), Item.instant(item, "created_at")));
    }

    @Override
    public int countFailedSignIn(String email) {
        Map<String, AttributeValue> after = accounts.update(Keys.portalUser(email))
                .add(FAILED + " :one").value(":one", 1)
                .when("attribute_exists(pk)")
                .returning(ReturnValue.UPDATED_NEW)
                .apply();
        return Item.integer(after, FAILED);
    }

    @Override
    public void lock(String email, Instant until) {
        accounts.update(Keys.portalUser(email))
                .set(LOCKED_UNTIL + " = :until").set(FAILED + " = :zero")
                .value(":until", until.toString()).value(":zero", 0)
                .when("attribute_exists(pk)")
                .applyIf();
    }

    @Override
    public void clearFailures(String email) {
        accounts.update(Keys.portalUser(email))
                .set(FAILED + " = :zero").remove(LOCKED_UNTIL)
                .value(":zero", 0)
                .when("attribute_exists(pk)")
                .applyIf();
    }

    @Override
    public void setPassword(String email, String passwordHash) {
        accounts.update(Keys.portalUser(email))
                .set("password_hash = :hash").set(FAILED + " = :zero").remove(LOCKED_UNTIL)
                .value(":hash", passwordHash).value(":zero", 0)
                .when("attribute_exists(pk)")
                .apply();
    }

    @Override
    public void saveLink(FirstPasswordLink link) {
        accounts.put(Item.at(Keys.firstPasswordLink(link.linkId()))
                .put("email", link.email())
                .put("token_hash", link.tokenHash())
                .put("expires_at", link.expiresAt())
                .put("expires_at_epoch", link.expiresAt().getEpochSecond()));
    }

    /** A conditional delete: of two browsers using the same link at once, one wins. */
    @Override
    public Optional<String> consumeLink(String linkId, String tokenHash, Instant now) {
        try {
            var deleted = accounts.client().deleteItem(b -> b.tableName(accounts.name())
                    .key(Keys.firstPasswordLink(linkId).attributes())
                    .conditionExpression("token_hash = :hash AND expires_at > :now")
                    .expressionAttributeValues(Map.of(":hash", Docs.s(tokenHash), ":now", Docs.s(now.toString())))
                    .returnValues(ReturnValue.ALL_OLD));
            return Optional.ofNullable(Item.string(deleted.attributes(), "email"));
        } catch (ConditionalCheckFailedException refused) {
            return Optional.empty();
        }
    }
}
