package com.ninebits.sms.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shapes the generated document at build time, so that a new endpoint needs only its own
 * annotations: only {@code /ng/v1} paths are described (the portal's pages and the Sinch-compatible
 * API are not this API), and every operation gets the problem answers any endpoint can give, unless
 * it states its own (an operation stating its own 403 names {@code account_suspended} itself). Unused schemas are then dropped by SmallRye's own filter.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiDescriptionFilter implements OASFilter {

    static final String PREFIX = "/ng/v1/";

    // Sorted, so that the document is the same on every build.
    /** Every operation: a bad or missing credential, too many requests, an outage, the unexpected. */
    private static final Map<String, String> ALWAYS = new TreeMap<>(Map.of(
            "401", ApiDescription.UNAUTHORIZED, "429", ApiDescription.TOO_MANY,
            "500", ApiDescription.SERVER_ERROR, "503", ApiDescription.UNAVAILABLE));
    /** Every operation that takes an account's token: the operator may have suspended the account. */
    private static final Map<String, String> WITH_TOKEN = Map.of("403", ApiDescription.SUSPENDED);
    /** Every operation that reads a body. */
    private static final Map<String, String> WITH_BODY = new TreeMap<>(Map.of(
            "400", ApiDescription.INVALID, "413", ApiDescription.TOO_LARGE, "415", ApiDescription.UNSUPPORTED));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (String path : List.copyOf(openAPI.getPaths().getPathItems().keySet())) {
            if (!path.startsWith(PREFIX)) {
                openAPI.getPaths().removePathItem(path);
            }
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            item.getOperations().values().forEach(ApiDescriptionFilter::addSharedAnswers);
        }
    }

    private static void addSharedAnswers(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        addAbsent(operation.getResponses(), ALWAYS);
        if (takesToken(operation)) {
            addAbsent(operation.getResponses(), WITH_TOKEN);
        }
        if (operation.getRequestBody() != null) {
            addAbsent(operation.getResponses(), WITH_BODY);
        }
    }

    private static boolean takesToken(Operation operation) {
        return operation.getSecurity() != null && operation.getSecurity().stream()
                .anyMatch(requirement -> requirement.hasScheme(ApiDescription.BEARER));
    }

    private static void addAbsent(APIResponses responses, Map<String, String> answers) {
        answers.forEach((status, name) -> {
            if (!responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(name));
            }
        });
    }
}
