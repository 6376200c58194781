package com.ninebits.sms.testsupport;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validator bites on a 3.1 document: wrong types, a null where none is allowed, a missing field, an unknown status. */
class OpenApiValidationTest {

    private static final String DOCUMENT = """
            openapi: 3.1.0
            info: {title: t, version: "1"}
            paths:
              /ng/v1/thing:
                get:
                  parameters:
                  - {name: page_size, in: query, allowEmptyValue: true, schema: {type: integer}}
                  responses:
                    "200":
                      description: OK
                      content:
                        application/json:
                          schema:
                            type: object
                            required: [id, note]
                            properties:
                              id: {type: integer}
                              note: {type: [string, "null"], examples: [hello]}
            """;

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiValidation.validator(DOCUMENT);

    private static ValidationReport answer(int status, String body) {
        return VALIDATOR.validate(SimpleRequest.Builder.get("/ng/v1/thing").build(),
                SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body).build());
    }

    @Test
    void acceptsWhatTheDocumentDescribes() {
        assertFalse(answer(200, "{\"id\": 1, \"note\": \"x\"}").hasErrors());
        assertFalse(answer(200, "{\"id\": 1, \"note\": null}").hasErrors(), "a field that may be null");
    }

    @Test
    void refusesWhatItDoesNot() {
        assertTrue(answer(200, "{\"id\": \"1\", \"note\": \"x\"}").hasErrors(), "a string for an integer");
        assertTrue(answer(200, "{\"id\": null, \"note\": \"x\"}").hasErrors(), "null where none is allowed");
        assertTrue(answer(200, "{\"note\": \"x\"}").hasErrors(), "a required field missing");
        assertTrue(answer(201, "{\"id\": 1, \"note\": \"x\"}").hasErrors(), "a status the operation does not give");
    }

    @Test
    void anEmptyIntegerParameterIsAllowedWhereTheDocumentSaysSo() {
        ValidationReport empty = VALIDATOR.validate(SimpleRequest.Builder.get("/ng/v1/thing").withQueryParam("page_size", "").build(),
                SimpleResponse.Builder.status(200).withContentType("application/json").withBody("{\"id\": 1, \"note\": null}").build());
        assertFalse(empty.hasErrors(), empty.getMessages().toString());
        ValidationReport word = VALIDATOR.validate(SimpleRequest.Builder.get("/ng/v1/thing").withQueryParam("page_size", "ten").build(),
                SimpleResponse.Builder.status(200).withContentType("application/json").withBody("{\"id\": 1, \"note\": null}").build());
        assertTrue(word.hasErrors(), "a word for an integer");
    }

    @Test
    void theValidatorIsGivenOpenApi30() {
        String converted = OpenApiValidation.asOpenApi30(DOCUMENT);
        assertTrue(converted.contains("openapi: 3.0.3"), converted);
        assertTrue(converted.contains("nullable: true"), converted);
    }
}
