package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.batch.AcceptanceRig.Req;
import com.ninebits.sms.domain.batch.BatchSubmission.Accepted;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.ninebits.sms.domain.batch.AcceptanceRig.ACCOUNT;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N0;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N1;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N2;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N3;
import static com.ninebits.sms.domain.batch.AcceptanceRig.OTHER_ACCOUNT;
import static com.ninebits.sms.domain.batch.AcceptanceRig.SENDER;
import static com.ninebits.sms.domain.batch.AcceptanceRig.T0;
import static com.ninebits.sms.domain.batch.AcceptanceRig.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a request must be to be accepted, and what it becomes: fields, times, recipients, parts and
 * sender. Every refusal here comes before any write: nothing claimed, reserved or queued.
 */
class BatchSubmissionRequestTest {

    private static final long INITIAL = 100;

    private final AcceptanceRig rig = new AcceptanceRig(INITIAL);

    /** Invariant of a refusal: no store, credit or queue call was made, so nothing can be half-done. */
    private void assertNoWrite() {
        assertEquals(0, rig.batches.writes(), "batch store writes");
        assertEquals(0, rig.credit.reserve.calls(), "reservations");
        assertEquals(0, rig.queue.enqueue.calls(), "queue calls");
        assertEquals(INITIAL, rig.balance());
    }

    private DomainException.Invalid invalid(Req request) {
        DomainException.Invalid e = assertThrows(DomainException.Invalid.class, () -> rig.submit(request));
        assertEquals("invalid_request", e.code());
        assertNoWrite();
        return e;
    }

    /** Each bad field once, by its code; a field named twice fails here. */
    private static Map<String, String> codes(DomainException.Invalid e) {
        return e.errors().stream().collect(Collectors.toMap(FieldError::field, FieldError::code));
    }

    private Batch accepted(Req request) {
        Accepted accepted = rig.submit(request);
        assertFalse(accepted.replayed());
        return accepted.batch();
    }

    // Fields

    @Test
    void namesEveryBadFieldAtOnce() {
        DomainException.Invalid e = invalid(request()
                .from("not-a-sender!")
                .body("one").content("other")
                .to(List.of())
                .deliveryReport("maybe")
                .sendAt("next tuesday")
                .expireAt("2025-12-31T00:00:00Z")
                .reference("has space")
                .callbackUrl("https://intranet.example.com/dlr"));

        assertEquals(Map.of(
                "from", "invalid_sender_id",
                "content", "conflicting_fields",
                "to", "empty",
                "delivery_report", "invalid_value",
                "send_at", "invalid_timestamp",
                "expire_at", "before_send_time",
                "reference_id", "invalid_reference",
                "callback_url", "forbidden_address"), codes(e));
        assertEquals(0, rig.accounts.load.calls(), "the account is read only for a valid request");
    }

    @Test
    void namesEveryMissingRequiredField() {
        DomainException.Invalid e = invalid(request().from(null).to((List<String>) null).body(null));

        assertEquals(Map.of("from", "required", "to", "required", "body", "required"), codes(e));
    }

    @Test
    void doesNotRepeatAFieldTheJsonReaderAlreadyFlagged() {
        DomainException.Invalid e = invalid(request().from(null).to((List<String>) null).body(null)
                .typeError("from", "invalid_type").typeError("to[1]", "invalid_type").typeError("content", "invalid_type"));

        assertEquals(Map.of("from", "invalid_type", "to[1]", "invalid_type", "content", "invalid_type"), codes(e));
    }

    @Test
    void refusesAnEmptyBody() {
        assertEquals(Map.of("body", "empty"), codes(invalid(request().body(""))));
    }

    @Test
    void takesContentAsTheBodyAlias() {
        assertEquals("Hi there", accepted(request().body(null).content("Hi there")).body());
    }

    @Test
    void acceptsBodyAndContentThatAgree() {
        assertEquals("Hi", accepted(request().body("Hi").content("Hi")).body());
    }

    @Test
    void refusesBodyAndContentThatDiffer() {
        assertEquals(Map.of("content", "conflicting_fields"), codes(invalid(request().body("a").content("b"))));
    }

    @Test
    void refusesMoreToEntriesThanABatchTakes() {
        rig.maxRecipients = 2;

        assertEquals(Map.of("to", "too_many_recipients"), codes(invalid(request().to(N0, N1, N2))));
    }

    @ParameterizedTest
    @CsvSource({"yes,true", "YES,true", "true,true", "none,false", "false,false", "no,false"})
    void readsDeliveryReportWords(String word, boolean wanted) {
        assertEquals(wanted, accepted(request().deliveryReport(word)).deliveryReport());
    }

    @Test
    void sendsNoDeliveryReportUnlessAsked() {
        assertFalse(accepted(request()).deliveryReport());
    }

    @ParameterizedTest
    @ValueSource(strings = {"r", "ok.ref_1:2-3", "0123456789012345678901234567890123456789012345678901234567890123"})
    void acceptsAReferenceOfTheAllowedShape(String reference) {
        assertEquals(reference, accepted(request().reference(reference)).referenceId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-01-01T00:00:00Z", "2026-04-01T12:00:01Z"})
    void anExpiryMoreThanNinetyDaysAfterSendingIsRefused(String expireAt) {
        assertEquals(Map.of("expire_at", "too_far_ahead"), codes(invalid(request().expireAt(expireAt))));
    }

    @Test
    void anExpiryNinetyDaysAfterSendingIsAccepted() {
        assertEquals(T0.plus(Duration.ofDays(90)), accepted(request().expireAt(T0.plus(Duration.ofDays(90)).toString())).expireAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/ref", "naïve", "01234567890123456789012345678901234567890123456789012345678901234"})
    void refusesAReferenceOfAnotherShape(String reference) {
        assertEquals(Map.of("reference_id", "invalid_reference"), codes(invalid(request().reference(reference))));
    }

    /** "." and ".." would name the status path itself or its parent: such a batch could never be read. */
    @ParameterizedTest
    @ValueSource(strings = {".", "..", "..."})
    void dotReferencesAreRefused(String reference) {
        assertEquals(Map.of("reference_id", "invalid_reference"), codes(invalid(request().reference(reference))));
    }

    @Test
    void aReferenceWithDotsAmongOtherCharactersIsAccepted() {
        assertEquals("..a", accepted(request().reference("..a")).referenceId());
    }

    /** Invariant: without a reference every request is its own batch, under a fresh ULID. */
    @Test
    void generatesAReferenceWhenNoneIsGiven() {
        Batch first = accepted(request().reference(null));
        Batch second = accepted(request().reference(null));

        assertEquals(26, first.referenceId().length());
        assertTrue(BatchSubmission.isValidReference(first.referenceId()));
        assertNotEquals(first.referenceId(), second.referenceId());
        assertEquals(INITIAL - 6, rig.balance());
        rig.assertWhole();
    }

    @ParameterizedTest
    @CsvSource({
            "http://hooks.example.com/dlr, insecure_url",
            "https://intranet.example.com/dlr, forbidden_address",
            "https://nowhere.example.com/dlr, unresolvable_host",
            "not a url, invalid_url"})
    void refusesACallbackUrlTheGatewayMayNotCall(String url, String code) {
        assertEquals(Map.of("callback_url", code), codes(invalid(request().callbackUrl(url))));
    }

    @Test
    void keepsAnAllowedCallbackUrlOnTheBatch() {
        assertEquals("https://hooks.example.com/dlr", accepted(request().callbackUrl("https://hooks.example.com/dlr")).callbackUrl());
    }

    // Times

    /** Invariant: a past send_at is now: queued at once, not scheduled, expiring 72 h from now. */
    @ParameterizedTest
    @ValueSource(strings = {"2025-12-31T12:00:00Z", "2026-01-01 12:00:00", "2026-01-01 11:59:59"})
    void takesASendAtInThePastAsNow(String sendAt) {
        Batch batch = accepted(request().sendAt(sendAt));

        assertNull(batch.sendAt());
        assertFalse(batch.scheduled());
        assertEquals(1, rig.queue.enqueued().size());
        assertEquals(List.of(), rig.batches.scheduled());
        assertEquals(T0.plus(Duration.ofHours(72)), batch.expireAt());
    }

    /** Invariant: the plain form is UTC, and a scheduled batch is filed, not queued, and expires 72 h after it goes. */
    @Test
    void readsThePlainTimestampFormAsUtc() {
        Batch batch = accepted(request().sendAt("2026-01-02 10:00:00"));

        assertEquals(Instant.parse("2026-01-02T10:00:00Z"), batch.sendAt());
        assertEquals(Instant.parse("2026-01-05T10:00:00Z"), batch.expireAt());
        assertEquals(1, rig.batches.scheduled().size());
        assertEquals(List.of(), rig.queue.enqueued());
        rig.assertWhole();
    }

    @Test
    void readsAnOffsetTimestampAsTheInstantItNames() {
        assertEquals(Instant.parse("2026-01-02T10:00:00Z"),
                accepted(request().sendAt("2026-01-02T11:00:00+01:00")).sendAt());
    }

    @Test
    void schedulesUpToNinetyDaysAhead() {
        Instant limit = T0.plus(BatchPlanning.MAX_SCHEDULE_AHEAD);

        assertEquals(limit, accepted(request().sendAt(limit.toString())).sendAt());
    }

    @Test
    void refusesASendAtMoreThanNinetyDaysAhead() {
        String beyond = T0.plus(BatchPlanning.MAX_SCHEDULE_AHEAD).plusSeconds(1).toString();

        assertEquals(Map.of("send_at", "too_far_ahead"), codes(invalid(request().sendAt(beyond))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomorrow", "2026-01-02", "2026-01-02T10:00:00", "2026-13-01 10:00:00", "02/01/2026 10:00:00"})
    void refusesATimestampItCannotRead(String text) {
        assertEquals(Map.of("send_at", "invalid_timestamp", "expire_at", "invalid_timestamp"),
                codes(invalid(request().sendAt(text).expireAt(text))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-02 10:00:00", "2026-01-02 09:59:59", "2026-01-01 13:00:00"})
    void refusesAnExpiryNotAfterTheScheduledSendTime(String expireAt) {
        assertEquals(Map.of("expire_at", "before_send_time"),
                codes(invalid(request().sendAt("2026-01-02 10:00:00").expireAt(expireAt))));
    }

    /** A past send_at is now, so an expiry between it and now is already over. */
    @Test
    void measuresTheExpiryOfAnImmediateBatchFromNow() {
        assertEquals(Map.of("expire_at", "before_send_time"),
                codes(invalid(request().sendAt("2025-12-31 12:00:00").expireAt("2026-01-01 11:00:00"))));
    }

    @Test
    void keepsAnExpiryGiven() {
        assertEquals(Instant.parse("2026-01-02T10:00:01Z"),
                accepted(request().sendAt("2026-01-02 10:00:00").expireAt("2026-01-02 10:00:01")).expireAt());
    }

    // Recipients

    /** Invariant: recipients are distinct, in to order, groups expanded where they stand; charged per recipient. */
    @Test
    void expandsGroupsWhereTheyStandAndDropsDuplicates() {
        rig.group(ACCOUNT, "grp_a", N3, N1);
        rig.group(ACCOUNT, "grp_b", N2, N0);

        Batch batch = accepted(request().to("08020000002", "grp_a", "+" + N1, "grp_b", "00" + N3));

        assertEquals(List.of(N2, N1, N3, N0), batch.recipients());
        assertEquals(List.of(), batch.rejected());
        assertEquals(List.of(N2, N1, N3, N0), rig.queue.enqueued().get(0).recipients());
        assertEquals(4, batch.cost());
        rig.assertWhole();
    }

    /** Invariant: a bad entry is rejected alone and listed in to order; the rest go, and only they are charged. */
    @Test
    void listsUnknownGroupsAndInvalidNumbersAsRejected() {
        rig.group(OTHER_ACCOUNT, "grp_theirs", N3);

        Batch batch = accepted(request().to("grp_missing", "12", N0, "grp_theirs", "not a number"));

        assertEquals(List.of(N0), batch.recipients());
        assertEquals(List.of(
                new Batch.Rejected("grp_missing", "unknown_group"),
                new Batch.Rejected("12", "invalid_number"),
                new Batch.Rejected("grp_theirs", "unknown_group"),
                new Batch.Rejected("not a number", "invalid_number")), batch.rejected());
        assertEquals(INITIAL - 1, rig.balance());
        rig.assertWhole();
    }

    @Test
    void refusesABatchWithNoValidRecipient() {
        DomainException.Invalid e = invalid(request().to("12", "grp_missing"));

        assertEquals(List.of("invalid_number", "unknown_group"), e.errors().stream().map(FieldError::code).toList());
        assertTrue(e.errors().stream().allMatch(err -> err.field().equals("to")));
    }

    @Test
    void refusesABatchThatExpandsBeyondTheRecipientLimit() {
        rig.maxRecipients = 3;
        rig.group(ACCOUNT, "grp_big", N1, N2, N3);

        assertEquals(Map.of("to", "too_many_recipients"), codes(invalid(request().to(N0, "grp_big"))));
    }

    @Test
    void acceptsABatchThatExpandsToExactlyTheRecipientLimit() {
        rig.maxRecipients = 3;
        rig.group(ACCOUNT, "grp_big", N1, N2, N3);

        assertEquals(3, accepted(request().to(N1, "grp_big")).recipients().size());
    }

    // Parts and sender

    @Test
    void refusesABodyOverTheAccountsMaxPartsBeforeAnyWrite() {
        AcceptanceRig twoParts = new AcceptanceRig(INITIAL, 2);
        String threeParts = "x".repeat(2 * 153 + 1);

        DomainException.Invalid e = assertThrows(DomainException.Invalid.class,
                () -> twoParts.submit(request().body(threeParts)));

        assertEquals(Map.of("body", "too_many_parts"), codes(e));
        assertEquals(0, twoParts.batches.writes());
        assertEquals(0, twoParts.credit.reserve.calls());
        assertEquals(INITIAL, twoParts.balance());
    }

    @Test
    void acceptsABodyOfExactlyMaxParts() {
        AcceptanceRig twoParts = new AcceptanceRig(INITIAL, 2);

        Batch batch = twoParts.submit(request().body("x".repeat(2 * 153))).batch();

        assertEquals(2, batch.parts());
        assertEquals(INITIAL - 2 * 3, twoParts.balance());
    }

    @Test
    void refusesAnUnapprovedSenderBeforeAnyWrite() {
        rig.accounts.approve(OTHER_ACCOUNT, "TheirBrand");

        DomainException.Forbidden e = assertThrows(DomainException.Forbidden.class,
                () -> rig.submit(request().from("TheirBrand")));

        assertEquals("sender_not_registered", e.code());
        assertNoWrite();
    }

    @Test
    void refusesDeliveryReportsWithoutAWebhookToSignThemBeforeAnyWrite() {
        rig.accounts.approve(OTHER_ACCOUNT, SENDER);

        DomainException.Invalid e = assertThrows(DomainException.Invalid.class,
                () -> rig.submission().submit(OTHER_ACCOUNT, request().deliveryReport("yes").build()));

        assertEquals(Map.of("delivery_report", "no_webhook"), codes(e));
        assertNoWrite();
    }

    @Test
    void refusesAnAccountThatNoLongerExists() {
        assertThrows(DomainException.Unauthorized.class,
                () -> rig.submission().submit("acc_gone", request().build()));
        assertNoWrite();
    }
}
