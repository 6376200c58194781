package com.ninebits.sms.testsupport;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks every answer a REST Assured test receives from the API against the committed API
 * description, so that the description cannot drift from what the code does. Installed once, as a
 * global filter, by the function's test setup ({@link #install}).
 *
 * <p>Answers are always checked. A request is checked only when the API accepted it (2xx): then
 * the description must accept it too; tests that send bad requests on purpose get their 4xx
 * checked, not their request. Paths outside the described prefix (the portal, the Sinch-compatible
 * API, the document itself) are left alone.
 *
 * <p>The validator reads OpenAPI 3.0 only (against a 3.1 document it silently checks nothing), so
 * the 3.1 document is rewritten as 3.0.3 by SmallRye's own writer, the one that generated it.
 */
public final class OpenApiValidation implements OrderedFilter {

    private final OpenApiInteractionValidator validator;
    private final String prefix;
    private final List<String> excluded;

    private OpenApiValidation(OpenApiInteractionValidator validator, String prefix, List<String> excluded) {
        this.validator = validator;
        this.prefix = prefix;
        this.excluded = excluded;
    }

    /**
     * Adds the filter to REST Assured's global filters, once per class loader (each Quarkus test
     * application has its own REST Assured).
     *
     * @param document the committed OpenAPI 3.1 document
     * @param prefix   the paths it describes ({@code /ng/v1/})
     * @param excluded paths under the prefix that are not API answers (the document itself)
     */
    public static synchronized void install(Path document, String prefix, List<String> excluded) {
        if (RestAssured.filters().stream().anyMatch(OpenApiValidation.class::isInstance)) {
            return;
        }
        RestAssured.filters(new OpenApiValidation(validator(read(document)), prefix, excluded));
    }

    /** A file of this repository, found from wherever the test runs. */
    public static Path inRepository(String relative) {
        return LocalStack.findRepoRoot().resolve(relative);
    }

    /** A validator for an OpenAPI 3.1 document (as text, YAML or JSON). */
    public static OpenApiInteractionValidator validator(String document31) {
        // REST Assured adds auth().oauth2(...) after the filters run, so a request's credential is
        // not visible here; the API checks credentials itself, and the tests of its 401s are checked.
        return OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(document31))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE).build())
                .withWhitelist(ValidationErrorsWhitelist.create().withRule("empty value allowed", OpenApiValidation::emptyValueAllowed))
                .build();
    }

    /** The same model written as OpenAPI 3.0.3 (`nullable`, single `example`, boolean exclusive bounds). */
    public static String asOpenApi30(String document31) {
        byte[] bytes = document31.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return SmallRyeOpenAPI.builder()
                .withCustomStaticFile(() -> new ByteArrayInputStream(bytes))
                .enableModelReader(false).enableStandardStaticFiles(false).enableAnnotationScan(false)
                .enableStandardFilter(false)
                .addFilter(new OASFilter() {
                    @Override
                    public void filterOpenAPI(OpenAPI openAPI) {
                        openAPI.setOpenapi("3.0.3");
                    }
                })
                .build().toYAML();
    }

    /**
     * The validator honours {@code allowEmptyValue} only for string parameters; the API's
     * {@code page_size=} (empty: the default) is an integer that may be empty.
     */
    private static boolean emptyValueAllowed(ValidationReport.Message message, ApiOperation operation, Request request,
                                             com.atlassian.oai.validator.model.Response response) {
        Optional<Parameter> parameter = message.getContext().flatMap(ValidationReport.MessageContext::getParameter);
        if (!message.getKey().equals("validation.request.parameter.missing") || parameter.isEmpty()
                || !Boolean.TRUE.equals(parameter.get().getAllowEmptyValue()) || !"query".equals(parameter.get().getIn())) {
            return false;
        }
        var values = request.getQueryParameterValues(parameter.get().getName());
        return !values.isEmpty() && values.stream().allMatch(String::isBlank);
    }

    /** What is wrong with one exchange, as the filter judges it; empty when nothing is. */
    public List<String> problems(FilterableRequestSpecification request, Response response) {
        String path = URI.create(request.getURI()).getPath();
        if (!path.startsWith(prefix) || excluded.stream().anyMatch(path::startsWith)) {
            return List.of();
        }
        ValidationReport report = validator.validate(RestAssuredRequest.of(request), RestAssuredResponse.of(response));
        boolean accepted = response.statusCode() < 300;
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> accepted || !m.getKey().startsWith("validation.request"))
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        Response response = context.next(request, responseSpec);
        List<String> problems = problems(request, response);
        if (!problems.isEmpty()) {
            throw new AssertionError(request.getMethod() + " " + URI.create(request.getURI()).getPath() + " answered "
                    + response.statusCode() + ", which the API description does not allow:\n  "
                    + problems.stream().collect(Collectors.joining("\n  ")) + "\nbody: " + response.asString());
        }
        return response;
    }

    /** Last, next to the wire: it sees the request as sent and the answer as received. */
    @Override
    public int getOrder() {
        return OrderedFilter.LOWEST_PRECEDENCE;
    }

    private static String read(Path document) {
        try {
            return Files.readString(document);
        } catch (IOException e) {
            throw new UncheckedIOException("no API description at " + document, e);
        }
    }
}
