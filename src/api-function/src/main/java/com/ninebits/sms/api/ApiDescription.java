package com.ninebits.sms.api;

import com.ninebits.sms.adapters.http.ProblemBody;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The parts of the API description no single resource owns: the document's title, the two
 * credentials, and the problem answers many endpoints share (each with its {@code code}s and an
 * example). Resources refer to the answers by name ({@code @APIResponse(responseCode = "404", ref =
 * ApiDescription.NOT_FOUND)}); {@link ApiDescriptionFilter} adds those every endpoint can give.
 */
@OpenAPIDefinition(
        info = @Info(title = "9bits SMS gateway API", version = "1",
                description = "Send SMS batches and follow them to the handset. JSON in and out, snake_case fields; "
                        + "errors are application/problem+json with a stable `code`. See README and API.md."),
        components = @Components(
                securitySchemes = {
                        @SecurityScheme(securitySchemeName = ApiDescription.BEARER, type = SecuritySchemeType.HTTP,
                                scheme = "bearer", description = "An API token of the account: `Authorization: Bearer <token>`."),
                        @SecurityScheme(securitySchemeName = ApiDescription.ADMIN_KEY, type = SecuritySchemeType.APIKEY,
                                in = SecuritySchemeIn.HEADER, apiKeyName = "X-Admin-Key",
                                description = "The operator's key, for /ng/v1/admin/*.")},
                responses = {
                        @APIResponse(name = ApiDescription.INVALID, description = "Malformed or invalid: `invalid_request` "
                                + "names every bad field in `errors`; `malformed_json` for a body that is not JSON.",
                                content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class),
                                        examples = {
                                                @ExampleObject(name = "invalid_request", value = ApiDescription.INVALID_EXAMPLE),
                                                @ExampleObject(name = "malformed_json", value = ApiDescription.MALFORMED_EXAMPLE)})),
                        @APIResponse(name = ApiDescription.UNAUTHORIZED, description = "No credential, or not a valid one (`unauthorized`).",
                                headers = @Header(name = "WWW-Authenticate", description = "`Bearer realm=\"sms\"` on endpoints that take a token",
                                        schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
                                content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class),
                                        examples = @ExampleObject(name = "unauthorized", value = ApiDescription.UNAUTHORIZED_EXAMPLE))),
                        @APIResponse(name = ApiDescription.NOT_FOUND, description = "Unknown, or not this account's (`not_found`).",
                                content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class),
                                        examples = @ExampleObject(name = "not_found", value = ApiDescription.NOT_FOUND_EXAMPLE))),
                        @APIResponse(name = ApiDescription.TOO_LARGE, description = "The request body is too large (`payload_too_large`).",
                                content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class),
                                        examples = @ExampleObject(name = "payload_too_large", value = ApiDescription.TOO_LARGE_EXAMPLE))),
                        @APIResponse(name = ApiDescription.UNSUPPORTED, description = "A body that says it is not JSON (`unsupported_media_type`).",
                                content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class),
                                        examples = @ExampleObject(name = "unsupported_media_type", value = ApiDescription.UNSUPPORTED_EXAMPLE))),
                        @APIResponse(name = ApiDescription.SERVER_ERROR, description = "Unexpected (`server_error`); nothing was changed.",
                                content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class),
                                        examples = @ExampleObject(name = "server_error", value = ApiDescription.SERVER_ERROR_EXAMPLE))),
                        @APIResponse(name = ApiDescription.UNAVAILABLE, description = "A store or queue is unavailable "
                                + "(`temporarily_unavailable`); nothing was changed, and retrying after `Retry-After` is safe.",
                                headers = @Header(name = "Retry-After", description = "Seconds to wait", required = true,
                                        schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
                                content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class),
                                        examples = @ExampleObject(name = "temporarily_unavailable", value = ApiDescription.UNAVAILABLE_EXAMPLE)))}))
public final class ApiDescription {

    public static final String BEARER = "bearer";
    public static final String ADMIN_KEY = "admin_key";

    /** Names of the shared answers in {@code components.responses}. */
    public static final String INVALID = "Invalid";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String NOT_FOUND = "NotFound";
    public static final String TOO_LARGE = "PayloadTooLarge";
    public static final String UNSUPPORTED = "UnsupportedMediaType";
    public static final String SERVER_ERROR = "ServerError";
    public static final String UNAVAILABLE = "Unavailable";

    static final String PROBLEM = ProblemBody.MEDIA_TYPE;
    static final String TYPE = "https://docs.sms-gateway.dev/problems/";

    static final String INVALID_EXAMPLE = "{\"type\": \"" + TYPE + "invalid_request\", \"title\": \"Invalid request\", \"status\": 400, "
            + "\"detail\": \"from is required\", \"code\": \"invalid_request\", "
            + "\"errors\": [{\"field\": \"from\", \"code\": \"required\", \"message\": \"from is required\"}]}";
    static final String MALFORMED_EXAMPLE = "{\"type\": \"" + TYPE + "invalid_request\", \"title\": \"Invalid request\", \"status\": 400, "
            + "\"detail\": \"the request body is not valid JSON\", \"code\": \"invalid_request\", "
            + "\"errors\": [{\"field\": \"body\", \"code\": \"malformed_json\", \"message\": \"the request body is not valid JSON\"}]}";
    static final String UNAUTHORIZED_EXAMPLE = "{\"type\": \"" + TYPE + "unauthorized\", \"title\": \"Unauthorized\", \"status\": 401, "
            + "\"detail\": \"an Authorization: Bearer token is required\", \"code\": \"unauthorized\"}";
    static final String NOT_FOUND_EXAMPLE = "{\"type\": \"" + TYPE + "not_found\", \"title\": \"Not found\", \"status\": 404, "
            + "\"detail\": \"batch not found\", \"code\": \"not_found\"}";
    static final String TOO_LARGE_EXAMPLE = "{\"type\": \"" + TYPE + "payload_too_large\", \"title\": \"Payload too large\", "
            + "\"status\": 413, \"detail\": \"the request body is larger than 1048576 bytes\", \"code\": \"payload_too_large\"}";
    static final String UNSUPPORTED_EXAMPLE = "{\"type\": \"" + TYPE + "unsupported_media_type\", \"title\": \"Unsupported media type\", "
            + "\"status\": 415, \"detail\": \"send application/json\", \"code\": \"unsupported_media_type\"}";
    static final String SERVER_ERROR_EXAMPLE = "{\"type\": \"" + TYPE + "server_error\", \"title\": \"Server error\", \"status\": 500, "
            + "\"detail\": \"the request could not be completed; nothing was changed\", \"code\": \"server_error\"}";
    static final String UNAVAILABLE_EXAMPLE = "{\"type\": \"" + TYPE + "temporarily_unavailable\", \"title\": \"Service unavailable\", "
            + "\"status\": 503, \"detail\": \"a backing service is unavailable; nothing was changed, retry shortly\", "
            + "\"code\": \"temporarily_unavailable\"}";

    private ApiDescription() {
    }
}
