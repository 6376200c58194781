package com.ninebits.sms.api;

import com.ninebits.sms.adapters.http.ProblemBody;

/**
 * Names and examples for the API description's shared parts, which {@code package-info.java}
 * declares (SmallRye reads a document-wide {@code @OpenAPIDefinition} from a package only): the two
 * credentials and the problem answers many endpoints share, each with its {@code code} and an
 * example. Resources refer to the answers by name ({@code @APIResponse(responseCode = "404", ref =
 * ApiDescription.NOT_FOUND)}); {@link ApiDescriptionFilter} adds those every endpoint can give.
 */
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
    public static final String TOO_MANY = "TooManyRequests";
    public static final String SUSPENDED = "AccountSuspended";

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

    static final String TOO_MANY_EXAMPLE = "{\"type\": \"" + TYPE + "too_many_requests\", \"title\": \"Too many requests\", "
            + "\"status\": 429, \"detail\": \"the token's request rate (50/s) is spent\", \"code\": \"too_many_requests\"}";
    static final String SUSPENDED_EXAMPLE = "{\"type\": \"" + TYPE + "account_suspended\", \"title\": \"Forbidden\", "
            + "\"status\": 403, \"detail\": \"the account is suspended\", \"code\": \"account_suspended\"}";

    /** The refusals of a send's body, which a dry run makes the same way. */
    static final String SEND_INVALID = "Malformed or invalid (`invalid_request`, every bad field in `errors`: "
            + "`required`, `invalid_type`, `invalid_sender_id`, `invalid_reference`, `too_many_recipients`, `empty`, "
            + "`too_many_parts`, `invalid_timestamp`, `too_far_ahead`, `before_send_time`, `invalid_value`, `no_webhook`, "
            + "`conflicting_fields`, a `callback_url` refusal, and for `parameters`: `invalid_parameter_name`, "
            + "`value_too_long`, `too_large`), or no valid recipient at all";
    static final String SEND_FORBIDDEN = "`from` is not a sender ID approved for this account (`sender_not_registered`), "
            + "or the account is suspended (`account_suspended`)";
    static final String SENDER_NOT_REGISTERED_EXAMPLE = "{\"type\": \"" + TYPE + "sender_not_registered\", \"title\": \"Forbidden\", "
            + "\"status\": 403, \"detail\": \"from: sender ID \\\"myCode\\\" is not registered and approved for this account\", "
            + "\"code\": \"sender_not_registered\"}";
    static final String SEND_EXAMPLE = "{\"from\": \"myCode\", \"to\": [\"2348020000000\", \"12\"], "
            + "\"body\": \"Hello ${name}\", \"parameters\": {\"name\": {\"2348020000000\": \"Ada\", \"default\": \"friend\"}}, "
            + "\"delivery_report\": \"yes\", \"reference_id\": \"order-1234\"}";

    private ApiDescription() {
    }
}
