package com.ninebits.sms.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import com.ninebits.sms.domain.error.Problem;
import com.ninebits.sms.domain.error.Problems;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemAttributesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void givesTheStatusTheApiWouldAnswer() {
        assertEquals(400, ProblemAttributes.of(DomainException.Invalid.of("to", "empty", "to is empty")).status());
        assertEquals(402, ProblemAttributes.of(new DomainException.InsufficientCredit(2, 1)).status());
        assertEquals(403, ProblemAttributes.of(new DomainException.Forbidden("sender_not_registered", "no")).status());
        assertEquals(404, ProblemAttributes.of(new DomainException.NotFound("group")).status());
        assertEquals(409, ProblemAttributes.of(new DomainException.Conflict("reference_conflict", "used")).status());
        assertEquals(413, ProblemAttributes.of(new DomainException.TooLarge("big")).status());
    }

    @Test
    void anUnauthorisedAccountIsAnUnknownOne() {
        Problem problem = ProblemAttributes.of(new DomainException.Unauthorized("the account no longer exists"));
        assertEquals("unknown_account", problem.code());
        assertEquals(404, problem.status());
    }

    @Test
    void retriesOnlyWhatARedeliveryMayFix() {
        assertTrue(ProblemAttributes.retryable(new DomainException.Unavailable("temporarily_unavailable", "down", 1)));
        assertTrue(ProblemAttributes.retryable(new DomainException.Conflict("request_in_progress", "twin")));
        assertFalse(ProblemAttributes.retryable(new DomainException.Conflict("reference_conflict", "used")));
        assertFalse(ProblemAttributes.retryable(new DomainException.InsufficientCredit(2, 1)));
        assertFalse(ProblemAttributes.retryable(DomainException.Invalid.of("to", "empty", "to is empty")));
    }

    @Test
    void cutsFieldErrorsToWhatFitsBesideALargeBody() throws Exception {
        List<FieldError> errors = IntStream.range(0, 10_000)
                .mapToObj(i -> new FieldError("to", "invalid_number", "\"12" + i + "\" is not a valid recipient"))
                .toList();
        String body = "x".repeat(250 * 1024);

        Map<String, MessageAttributeValue> attributes = ProblemAttributes.attributes(
                Problems.of(new DomainException.Invalid("no entry of to is a valid recipient", errors)),
                "ref-1", body, json);

        int kept = json.readTree(attributes.get(ProblemAttributes.ERRORS).stringValue()).size();
        assertTrue(kept > 0 && kept < errors.size(), "kept " + kept);
        assertEquals(Integer.toString(errors.size() - kept), attributes.get(ProblemAttributes.ERRORS_OMITTED).stringValue());
        assertTrue(size(body, attributes) <= ProblemAttributes.MAX_MESSAGE_BYTES, "fits one SQS message");
    }

    @Test
    void leavesOutErrorsThatCannotFitAtAllButSaysHowMany() {
        List<FieldError> errors = List.of(new FieldError("to", "empty", "to must name at least one recipient"));
        String body = "x".repeat(ProblemAttributes.MAX_MESSAGE_BYTES - 200);

        Map<String, MessageAttributeValue> attributes = ProblemAttributes.attributes(
                Problems.of(new DomainException.Invalid("to is empty", errors)), null, body, json);

        assertFalse(attributes.containsKey(ProblemAttributes.ERRORS));
        assertEquals("1", attributes.get(ProblemAttributes.ERRORS_OMITTED).stringValue());
        assertFalse(attributes.containsKey(ProblemAttributes.REFERENCE_ID));
    }

    @Test
    void replacesCharactersSqsRefuses() {
        assertEquals("a\uFFFDb\uFFFDc\tü😀", ProblemAttributes.sqsSafe("a\u0000b\uD800c\tü😀"));
    }

    private static int size(String body, Map<String, MessageAttributeValue> attributes) {
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
            bytes += e.getKey().length() + e.getValue().dataType().length()
                    + e.getValue().stringValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }
}
