/**
 * The HTTP API function: resources, their filters and problem mappers. The annotation below is the
 * API description's document-wide part (title, credentials, shared problem answers); see
 * {@link ApiDescription}.
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
                                        schema = @Schema(type = SchemaType.STRING)),
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
                        @APIResponse(name = ApiDescription.SUSPENDED, description = "The account is suspended (`account_suspended`): "
                                + "its tokens are refused until the operator makes it active again.",
                                content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class),
                                        examples = @ExampleObject(name = "account_suspended", value = ApiDescription.SUSPENDED_EXAMPLE))),
                        @APIResponse(name = ApiDescription.TOO_MANY, description = "Too many requests (`too_many_requests`): the "
                                + "token's request rate is spent, or this address failed to authenticate too often.",
                                headers = @Header(name = "Retry-After", description = "Seconds to wait", required = true,
                                        schema = @Schema(type = SchemaType.INTEGER)),
                                content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class),
                                        examples = @ExampleObject(name = "too_many_requests", value = ApiDescription.TOO_MANY_EXAMPLE))),
                        @APIResponse(name = ApiDescription.SERVER_ERROR, description = "Unexpected (`server_error`); nothing was changed.",
                                content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class),
                                        examples = @ExampleObject(name = "server_error", value = ApiDescription.SERVER_ERROR_EXAMPLE))),
                        @APIResponse(name = ApiDescription.UNAVAILABLE, description = "A store or queue is unavailable "
                                + "(`temporarily_unavailable`); nothing was changed, and retrying after `Retry-After` is safe.",
                                headers = @Header(name = "Retry-After", description = "Seconds to wait", required = true,
                                        schema = @Schema(type = SchemaType.INTEGER)),
                                content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class),
                                        examples = @ExampleObject(name = "temporarily_unavailable", value = ApiDescription.UNAVAILABLE_EXAMPLE)))}))
package com.ninebits.sms.api;

import com.ninebits.sms.adapters.http.ProblemBody;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
