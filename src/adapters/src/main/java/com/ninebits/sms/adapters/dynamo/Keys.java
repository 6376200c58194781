package com.ninebits.sms.adapters.dynamo;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Every key of the three tables, as infra/template.yaml describes them: the one place where a key
 * prefix is spelled. Stores build their keys here, and so do tests that read a stored item back.
 */
public final class Keys {

    public static final String PK = "pk";
    public static final String SK = "sk";

    private static final String ACCOUNT = "ACC#";
    private static final String PROFILE = "PROFILE";
    static final String SENDER_ID = "SENDER#";
    static final String GROUP = "GROUP#";
    static final String MEMBER = "MEMBER#";
    static final String FAILED_CALLBACK = "CBFAIL#";
    private static final String TOKEN = "TOKEN#";
    private static final String RATE = "RATE#";
    private static final String TOKEN_RATE = "TOKENRATE#";
    private static final String BATCH = "BATCH#";
    private static final String SINCH_BATCH = "XMS#";
    private static final String SCHEDULE = "SCHED";
    static final String OPT_OUT = "OPTOUT#";
    private static final String QUIET_HOURS = "QUIET";
    private static final String HOLD = "HOLD";
    private static final String MESSAGES = "MSG#";
    private static final String UNMATCHED = "UNMATCHED#";
    private static final String PORTAL_USER = "PUSER#";
    private static final String PORTAL_SESSION = "PSESSION#";
    private static final String PORTAL_LINK = "PLINK#";
    /** The partition of callback tasks kept while the callback queue refuses them (messages table). */
    public static final String CALLBACK_OUTBOX = "CBOUTBOX";

    /** The batches table's sparse index of claims still PENDING, and its few partitions. */
    static final String PENDING_CLAIMS = "PendingClaims";
    static final int PENDING_SHARDS = 4;

    /**
     * The batches table's sparse index of ACCEPTED batches by account, newest first: only an
     * accepted batch carries its keys, so a claim still PENDING or WITHDRAWN is never listed.
     */
    static final String ACCOUNT_BATCHES = "AccountBatches";

    private Keys() {
    }

    /** A primary key: partition and sort key, both strings in every table. */
    public record Key(String pk, String sk) {

        /** The key as the low-level client takes it. */
        public Map<String, AttributeValue> attributes() {
            return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
        }
    }

    // ---- accounts table

    /** The partition of an account: its profile, sender IDs, groups and failed callbacks. */
    public static String account(String accountId) {
        return ACCOUNT + accountId;
    }

    /** The profile: account settings, balance, reservations, webhook. */
    public static Key profile(String accountId) {
        return new Key(account(accountId), PROFILE);
    }

    static boolean isProfile(Map<String, AttributeValue> item) {
        return PROFILE.equals(item.get(SK).s());
    }

    public static Key senderId(String accountId, String senderId) {
        return new Key(account(accountId), SENDER_ID + senderId);
    }

    public static Key group(String accountId, String groupId) {
        return new Key(account(accountId), GROUP + groupId);
    }

    /** The partition holding a group's members, one item each. */
    public static String members(String groupId) {
        return GROUP + groupId;
    }

    public static Key member(String groupId, String number) {
        return new Key(members(groupId), MEMBER + number);
    }

    /** The number a member item is filed under. */
    static String memberNumber(Map<String, AttributeValue> item) {
        return item.get(SK).s().substring(MEMBER.length());
    }

    public static Key token(String tokenId) {
        return new Key(TOKEN + tokenId, "TOKEN");
    }

    /** The dispatch limiter's one-second window of an account. */
    public static Key rateWindow(String accountId) {
        return new Key(RATE + accountId, "RATE");
    }

    /** The request-rate timeline of an API token (see RequestAllowance). */
    public static Key tokenRate(String tokenId) {
        return new Key(TOKEN_RATE + tokenId, "RATE");
    }

    public static Key failedCallback(String accountId, String eventId) {
        return new Key(account(accountId), FAILED_CALLBACK + eventId);
    }

    /** A number on the account's opt-out list. */
    public static Key optOut(String accountId, String number) {
        return new Key(account(accountId), OPT_OUT + number);
    }

    /** The number an opt-out item is filed under. */
    static String optOutNumber(Map<String, AttributeValue> item) {
        return item.get(SK).s().substring(OPT_OUT.length());
    }

    /** The account's quiet hours setting. */
    public static Key quietHours(String accountId) {
        return new Key(account(accountId), QUIET_HOURS);
    }

    /** A portal user, filed under its lower-cased email (the name it signs in with). */
    public static Key portalUser(String email) {
        return new Key(PORTAL_USER + email, "USER");
    }

    /** A portal session, filed under the hash of the id its cookie holds. */
    public static Key portalSession(String idHash) {
        return new Key(PORTAL_SESSION + idHash, "SESSION");
    }

    /** A first-password link, filed under the id its token begins with. */
    public static Key firstPasswordLink(String linkId) {
        return new Key(PORTAL_LINK + linkId, "LINK");
    }

    // ---- batches table

    /** A batch, which is also the idempotency record of its reference. */
    public static Key batch(String accountId, String referenceId) {
        return new Key(account(accountId), BATCH + referenceId);
    }

    /** What a batch created through the Sinch-compatible API asked for beyond the batch itself. */
    public static Key sinchBatch(String accountId, String batchId) {
        return new Key(account(accountId), SINCH_BATCH + batchId);
    }

    /** The reference a batch's sort key names. */
    static String referenceOf(String batchSortKey) {
        return batchSortKey.substring(BATCH.length());
    }

    /** The minute a scheduled batch is filed under: the release function reads minute by minute. */
    public static String scheduleMinute(Instant sendAt) {
        return SCHEDULE + "#" + sendAt.truncatedTo(ChronoUnit.MINUTES);
    }

    public static Key scheduled(Instant sendAt, String accountId, String referenceId) {
        return new Key(scheduleMinute(sendAt), accountId + "#" + referenceId);
    }

    /** The release function's mark: every minute up to the one it holds was released. */
    public static Key releasedThrough() {
        return new Key(SCHEDULE, "RELEASED");
    }

    /** The minute held messages are filed under, by when they are due (quiet time's end or expiry). */
    public static String heldMinute(Instant due) {
        return HOLD + "#" + due.truncatedTo(ChronoUnit.MINUTES);
    }

    public static Key held(Instant due, String accountId, String referenceId, int index) {
        return new Key(heldMinute(due), accountId + "#" + referenceId + "#" + messageIndex(index));
    }

    /** The held-message release's mark: every minute up to the one it holds was released. */
    public static Key heldReleasedThrough() {
        return new Key(HOLD, "RELEASED");
    }

    /** The index partition a PENDING claim is filed under, so that no one key takes every acceptance's writes. */
    static String pendingShard(String referenceId) {
        return pendingShard(Math.floorMod(referenceId.hashCode(), PENDING_SHARDS));
    }

    static String pendingShard(int shard) {
        return "P" + shard;
    }

    // ---- messages table

    /** The partition of a batch's messages. */
    public static String messages(String accountId, String referenceId) {
        return MESSAGES + accountId + "#" + referenceId;
    }

    /** A message's sort key: its index in the batch, zero-padded so that keys sort as numbers do. */
    public static String messageIndex(int index) {
        return String.format(Locale.ROOT, "%06d", index);
    }

    public static Key message(String accountId, String referenceId, int index) {
        return new Key(messages(accountId, referenceId), messageIndex(index));
    }

    static int indexOf(Map<String, AttributeValue> messageItem) {
        return Integer.parseInt(messageItem.get(SK).s());
    }

    /** The partition of the delivery reports that matched no message, one per UTC day. */
    public static String unmatched(Instant day) {
        return UNMATCHED + day.toString().substring(0, 10);
    }

    /** A report that matched no message, filed by when it came and a random part, so that none overwrites another. */
    public static Key unmatchedReport(Instant at) {
        return new Key(unmatched(at), arrival(at));
    }

    /** A callback task kept while the callback queue refuses it, filed like {@link #unmatchedReport}. */
    public static Key outboxTask(Instant at) {
        return new Key(CALLBACK_OUTBOX, arrival(at));
    }

    private static String arrival(Instant at) {
        return at + "#" + UUID.randomUUID();
    }
}
