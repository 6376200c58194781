package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.OpenApiValidation;
import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;

import java.nio.file.Path;
import java.util.List;

/**
 * Before every {@code @QuarkusTest} of this module (a service entry in {@code META-INF/services}):
 * every REST Assured answer from {@code /ng/v1} is checked against the committed API description.
 */
public class AnswersMatchApiDescription implements QuarkusTestBeforeClassCallback {

    /** The committed document; {@link ApiDescriptionTest} keeps it equal to the generated one. */
    static final Path DOCUMENT = OpenApiValidation.inRepository("src/api-function/src/main/openapi/openapi.yaml");

    @Override
    public void beforeClass(Class<?> testClass) {
        OpenApiValidation.install(DOCUMENT, ApiDescriptionFilter.PREFIX, List.of("/ng/v1/openapi"));
    }
}
