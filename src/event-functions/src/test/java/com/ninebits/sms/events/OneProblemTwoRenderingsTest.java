package com.ninebits.sms.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.adapters.http.ProblemBody;
import com.ninebits.sms.adapters.http.ProblemResponses;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import com.ninebits.sms.domain.error.Problem;
import com.ninebits.sms.domain.error.Problems;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The HTTP functions and the send-request dead-letter queue tell a failure from the same
 * {@link Problem}: the same status, code, detail and fields, whichever path the request took.
 */
class OneProblemTwoRenderingsTest {

    private static final List<DomainException> ONE_OF_EACH = List.of(
            new DomainException.Invalid("2 fields are invalid", List.of(
                    new FieldError("from", "invalid_sender_id", "from must be 1 to 11 letters and digits"),
                    new FieldError("to", "empty", "to must name at least one recipient"))),
            new DomainException.Unauthorized("the account no longer exists"),
            new DomainException.InsufficientCredit(5, 2),
            new DomainException.Forbidden("sender_not_registered", "myCode is not an approved sender ID"),
            new DomainException.NotFound("group"),
            new DomainException.Conflict("reference_conflict", "reference_id was used for another request"),
            new DomainException.TooLarge("the batch is too large"),
            new DomainException.Unavailable("temporarily_unavailable", "the store is down", 2),
            new DomainException.TooManyRequests("the token's request rate is spent", 1));

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theSamplesHoldEveryKindOfDomainException() {
        assertEquals(Set.of(DomainException.class.getPermittedSubclasses()),
                ONE_OF_EACH.stream().map(Object::getClass).collect(Collectors.toSet()));
    }

    @Test
    void problemJsonAndDeadLetterAttributesSayTheSame() throws Exception {
        for (DomainException failure : ONE_OF_EACH) {
            Problem problem = Problems.of(failure);
            Response http = ProblemResponses.of(problem);
            ProblemBody body = (ProblemBody) http.getEntity();
            Map<String, MessageAttributeValue> queue = ProblemAttributes.attributes(problem, "ref-1", "{}", json);
            String which = failure.getClass().getSimpleName();

            assertEquals(http.getStatus(), body.status(), which);
            assertEquals(Integer.toString(http.getStatus()), queue.get(ProblemAttributes.STATUS).stringValue(), which);
            assertEquals(body.code(), queue.get(ProblemAttributes.CODE).stringValue(), which);
            assertEquals(body.detail(), queue.get(ProblemAttributes.DETAIL).stringValue(), which);
            assertEquals(fields(body.errors()), fields(queue.get(ProblemAttributes.ERRORS)), which);
            assertEquals(problem.retryAfter() == null ? null : Long.toString(problem.retryAfter().toSeconds()),
                    http.getHeaderString("Retry-After"), which);
        }
    }

    @Test
    void aQueuedRequestIsToldWhatTheApiWouldHaveAnsweredAndAnUnknownAccountIsNotFound() {
        for (DomainException failure : ONE_OF_EACH) {
            Problem queued = ProblemAttributes.of(failure);
            if (failure instanceof DomainException.Unauthorized) {
                assertEquals(Problems.unknownAccount(), queued);
            } else {
                assertEquals(Problems.of(failure), queued, failure.getClass().getSimpleName());
            }
        }
    }

    @Test
    void aProblemWithoutBadFieldsHasNoErrorsOnEitherPath() {
        Problem problem = Problems.of(new DomainException.NotFound("group"));

        assertNull(((ProblemBody) ProblemResponses.of(problem).getEntity()).errors());
        assertNull(ProblemAttributes.attributes(problem, null, "{}", json).get(ProblemAttributes.ERRORS));
    }

    private static List<String> fields(List<FieldError> errors) {
        List<String> out = new ArrayList<>();
        if (errors != null) {
            errors.forEach(e -> out.add(e.field() + "/" + e.code() + "/" + e.message()));
        }
        return out;
    }

    private List<String> fields(MessageAttributeValue errors) throws Exception {
        List<String> out = new ArrayList<>();
        if (errors != null) {
            for (JsonNode e : json.readTree(errors.stringValue())) {
                out.add(e.get("field").asText() + "/" + e.get("code").asText() + "/" + e.get("message").asText());
            }
        }
        return out;
    }
}
