package com.ninebits.sms.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.adapters.http.ProblemBody;
import com.ninebits.sms.adapters.json.SendRequestReader;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.telemetry.Telemetry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.ninebits.sms.adapters.logging.LogContext;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/** {@code POST /ng/v1/sendsms}: accept a batch at once; it is sent later at the account's rate. */
@Path("/ng/v1/sendsms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Batches", description = "Send a batch and follow it")
@SecurityRequirement(name = ApiDescription.BEARER)
public class SendResource {

    /** 10,000 recipients of 20 characters and a long body fit well inside. */
    static final int MAX_BODY = 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(SendResource.class);

    private final BatchSubmission submission;
    private final RequestAccount caller;
    private final ObjectMapper mapper;
    private final Telemetry telemetry;

    public SendResource(BatchSubmission submission, RequestAccount caller, ObjectMapper mapper, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.submission = submission;
        this.caller = caller;
        this.mapper = mapper;
    }

    /**
     * The request as the API description states it. Described only: the body is read field by
     * field ({@link SendRequestReader}), so that one answer names every bad field.
     */
    @Schema(name = "SendRequest", requiredProperties = {"from", "to"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SendRequest(
            @Schema(description = "A sender ID registered and approved for this account: alphanumeric 1-11 characters, "
                    + "or a number of up to 15 digits", examples = "myCode") String from,
            @Schema(description = "1..10,000 phone numbers and group IDs (`grp_…`), or one of them as a string",
                    oneOf = {Recipients.class, String.class}) Object to,
            @Schema(description = "The text (required, unless given as `content`)", examples = "Hello from 9bits") String body,
            @Schema(description = "An alias of `body`; both present and different: 400") String content,
            @Schema(description = "`\"yes\"` asks for delivery reports to the webhook (which then must exist: field code "
                    + "`no_webhook`); `false`/`true` mean `\"none\"`/`\"yes\"`", oneOf = {ReportChoice.class, Boolean.class},
                    defaultValue = "none") Object deliveryReport,
            @Schema(description = "Absent or past: send now; future (up to 90 days): scheduled. ISO-8601 with an offset, "
                    + "or `yyyy-MM-dd HH:mm:ss` as UTC", examples = "2026-01-01T18:00:00Z") String sendAt,
            @Schema(description = "Messages not dispatched by then end `expired`; default `send_at` + 72 h") String expireAt,
            @Schema(description = "The client's unique reference and idempotency key: 1-64 of `A-Z a-z 0-9 _ - . :`; "
                    + "a ULID when absent", pattern = "^[A-Za-z0-9_.:-]{1,64}$") String referenceId,
            @Schema(description = "Overrides the account's webhook URL for this batch", format = "uri") String callbackUrl,
            @Schema(description = "Values for the `${name}` placeholders of `body`, by name (1-16 of `A-Z a-z 0-9 _ . -`): "
                    + "each recipient's own value, keyed by its number in any accepted form or by a group ID for all its "
                    + "members, else `default`; a recipient with neither is rejected alone (`missing_parameter`)",
                    implementation = ParameterValues.class) Map<String, Map<String, String>> parameters,
            @Schema(description = "`\"account\"`: the account's quiet hours apply; `\"ignore\"`: never held "
                    + "(e.g. one-time passwords)", enumeration = {"account", "ignore"}, defaultValue = "account") String quietHours) {
    }

    @Schema(name = "ParameterValues", type = SchemaType.OBJECT, additionalProperties = RecipientValues.class,
            examples = "{\"name\": {\"2348020000000\": \"Ada\", \"default\": \"friend\"}}")
    interface ParameterValues {
    }

    /** One parameter's values: by number or group ID, and {@code default}. */
    @Schema(name = "RecipientValues", type = SchemaType.OBJECT, additionalProperties = ParameterValue.class)
    interface RecipientValues {
    }

    @Schema(name = "ParameterValue", type = SchemaType.STRING, maxLength = 160)
    interface ParameterValue {
    }

    @Schema(name = "Recipients", type = SchemaType.ARRAY, implementation = String.class, minItems = 1, maxItems = 10_000)
    interface Recipients {
    }

    @Schema(name = "ReportChoice", type = SchemaType.STRING, enumeration = {"none", "yes"})
    interface ReportChoice {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = {"to", "reason"})
    public record RejectedView(String to,
                               @Schema(description = "Why this entry was left out: `invalid_number`, `unknown_group`, `missing_parameter`, `opted_out`", examples = "invalid_number") String reason) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = {"reference_id", "status", "accepted_at", "recipients_accepted", "recipients_rejected",
            "status_url", "encoding", "parts", "send_at", "expire_at"})
    public record Receipt(String referenceId,
                          @Schema(enumeration = "accepted") String status,
                          @Schema(format = "date-time") String acceptedAt,
                          int recipientsAccepted,
                          List<RejectedView> recipientsRejected,
                          String statusUrl,
                          @Schema(enumeration = {"GSM7", "UCS2"}) String encoding,
                          @Schema(description = "Parts of one message") int parts,
                          @Schema(format = "date-time", nullable = true, description = "null: sent now") String sendAt,
                          @Schema(format = "date-time") String expireAt) {

        static Receipt of(Batch b) {
            return new Receipt(b.referenceId(), "accepted", Timestamps.out(b.createdAt()), b.recipients().size(),
                    b.rejected().stream().map(r -> new RejectedView(r.to(), r.reason())).toList(),
                    SendResource.statusUrl(b), b.encoding().name(), b.parts(), Timestamps.out(b.sendAt()), Timestamps.out(b.expireAt()));
        }
    }

    static String statusUrl(Batch b) {
        return "/ng/v1/sendsms/status/" + b.referenceId();
    }

    @Operation(operationId = "sendBatch", summary = "Send a batch",
            description = "Accepts the batch at once; it is sent at the account's rate. Recipients are normalised and "
                    + "de-duplicated; an entry that is not a possible number, or an unknown group, is rejected alone and "
                    + "listed. Credit for every part of every accepted message is reserved at once.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SendRequest.class),
            examples = @ExampleObject(name = "batch", value = ApiDescription.SEND_EXAMPLE)))
    @APIResponse(responseCode = "202", description = "Accepted",
            headers = @Header(name = "Location", description = "The batch's status URL", required = true,
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Receipt.class)))
    @APIResponse(responseCode = "200", description = "The same `reference_id` and request again: the first answer, "
            + "and nothing more is sent",
            headers = {@Header(name = "Idempotent-Replayed", required = true, schema = @Schema(type = SchemaType.STRING, enumeration = "true")),
                    @Header(name = "Location", required = true, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Receipt.class)))
    @APIResponse(responseCode = "400", description = ApiDescription.SEND_INVALID,
            content = @Content(mediaType = ApiDescription.PROBLEM, schema = @Schema(implementation = ProblemBody.class),
                    examples = @ExampleObject(name = "invalid_request", value = ApiDescription.INVALID_EXAMPLE)))
    @APIResponse(responseCode = "402", description = "Not enough credit for every part of every accepted message "
            + "(`insufficient_credit`); nothing is queued",
            content = @Content(mediaType = ApiDescription.PROBLEM, schema = @Schema(implementation = ProblemBody.class),
                    examples = @ExampleObject(name = "insufficient_credit", value = "{\"type\": \"" + ApiDescription.TYPE
                            + "insufficient_credit\", \"title\": \"Not enough credit\", \"status\": 402, "
                            + "\"detail\": \"the batch needs 2 credits; the balance is 1\", \"code\": \"insufficient_credit\"}")))
    @APIResponse(responseCode = "403", description = ApiDescription.SEND_FORBIDDEN,
            content = @Content(mediaType = ApiDescription.PROBLEM, schema = @Schema(implementation = ProblemBody.class),
                    examples = {@ExampleObject(name = "sender_not_registered", value = ApiDescription.SENDER_NOT_REGISTERED_EXAMPLE),
                            @ExampleObject(name = "account_suspended", value = ApiDescription.SUSPENDED_EXAMPLE)}))
    @APIResponse(responseCode = "409", description = "The `reference_id` was used with a different request (`reference_conflict`), "
            + "or the same request is being accepted right now (`request_in_progress`)",
            content = @Content(mediaType = ApiDescription.PROBLEM, schema = @Schema(implementation = ProblemBody.class),
                    examples = {@ExampleObject(name = "reference_conflict", value = "{\"type\": \"" + ApiDescription.TYPE
                            + "reference_conflict\", \"title\": \"Conflict\", \"status\": 409, "
                            + "\"detail\": \"reference_id \\\"order-1234\\\" was already used for a different request\", \"code\": \"reference_conflict\"}"),
                            @ExampleObject(name = "request_in_progress", value = "{\"type\": \"" + ApiDescription.TYPE
                                    + "request_in_progress\", \"title\": \"Conflict\", \"status\": 409, "
                                    + "\"detail\": \"an identical request with this reference_id is still being accepted; retry shortly\", \"code\": \"request_in_progress\"}")}))
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response send(byte[] body) {
        JsonNode root = JsonRequest.parse(mapper, body, MAX_BODY).root();
        BatchSubmission.Accepted accepted = submission.submit(caller.id(), SendRequestReader.read(root));
        Batch batch = accepted.batch();
        LogContext.put(LogContext.REFERENCE_ID, batch.referenceId());
        if (!accepted.replayed()) {
            LOG.infof("batch accepted account=%s reference=%s recipients=%d parts=%d scheduled=%b",
                    batch.accountId(), batch.referenceId(), batch.recipients().size(), batch.parts(), batch.scheduled());
            telemetry.batchAccepted(batch.accountId(), "api", batch.recipients().size(), batch.cost());
        }
        Response.ResponseBuilder response = accepted.replayed()
                ? Response.ok().header("Idempotent-Replayed", "true")
                : Response.accepted();
        // Relative, as the contract shows it: the API sits behind gateways whose host the function does not know.
        return response.header("Location", statusUrl(batch)).entity(Receipt.of(batch)).build();
    }
}
