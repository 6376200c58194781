package com.ninebits.sms.adapters.sinch;

import com.ninebits.sms.adapters.http.ProblemResponses;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import com.ninebits.sms.domain.error.Problems;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SinchErrorsTest {

    private static SinchErrors.Rendered render(DomainException e) {
        var problem = Problems.of(e);
        return SinchErrors.of(ProblemResponses.body(problem, problem.status()));
    }

    @Test
    void oneAnswerNamesEveryBadFieldUnderTheMostBasicFaultsCode() {
        SinchErrors.Rendered r = render(new DomainException.Invalid("3 fields are invalid", List.of(
                new FieldError("from", "required", "from is required"),
                new FieldError("send_at", "invalid_timestamp", "send_at must be ISO-8601"),
                new FieldError("body", "too_many_parts", "body needs 11 parts"))));

        assertEquals(400, r.status());
        assertEquals("syntax_invalid_parameter_format", r.body().code());
        assertEquals("from: from is required; send_at: send_at must be ISO-8601; body: body needs 11 parts", r.body().text());

        SinchErrors.Rendered json = render(new DomainException.Invalid("2", List.of(
                new FieldError("from", "required", "from is required"),
                new FieldError("to", "invalid_type", "to must be an array"))));
        assertEquals("syntax_invalid_json", json.body().code());
    }

    @Test
    void refusalsSinchHasAWordForAreItsWordAtTheStatusItsSdksRead() {
        assertEquals(new SinchErrors.Rendered(401, new SinchErrors.Body("unauthorized", "no token")),
                render(new DomainException.Unauthorized("no token")));
        assertEquals(404, render(new DomainException.NotFound("batch")).status());
        assertEquals("not_found", render(new DomainException.NotFound("batch")).body().code());
        SinchErrors.Rendered credit = render(new DomainException.InsufficientCredit(10, 2));
        assertEquals(403, credit.status());
        assertEquals("insufficient_credit", credit.body().code());
        SinchErrors.Rendered noHook = render(DomainException.Invalid.of("delivery_report", "no_webhook", "needs a webhook"));
        assertEquals(new SinchErrors.Rendered(403, new SinchErrors.Body("missing_callback_url", "delivery_report: needs a webhook")),
                noHook);
    }

    @Test
    void anyOtherFailureKeepsTheGatewaysCodeAndStatus() {
        SinchErrors.Rendered r = render(new DomainException.Forbidden("sender_not_registered", "from: not approved"));
        assertEquals(new SinchErrors.Rendered(403, new SinchErrors.Body("sender_not_registered", "from: not approved")), r);
        SinchErrors.Rendered busy = SinchErrors.of(ProblemResponses.body(Problems.backendUnavailable(), 503));
        assertEquals(503, busy.status());
        assertEquals("temporarily_unavailable", busy.body().code());
        assertEquals("syntax_invalid_json", SinchErrors.of(ProblemResponses.body(Problems.malformedJson(), 400)).body().code());
    }
}
