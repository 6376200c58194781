package com.ninebits.sms.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.adapters.http.ProblemBody;
import com.ninebits.sms.adapters.json.SendRequestReader;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchPlan;
import com.ninebits.sms.domain.batch.SendPreview;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code POST /ng/v1/sendsms/dry_run}: the body of a send, planned and priced as the send would be;
 * nothing stored, queued or charged.
 */
@Path("/ng/v1/sendsms/dry_run")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Batches")
@SecurityRequirement(name = ApiDescription.BEARER)
public class DryRunResource {

    private final SendPreview preview;
    private final RequestAccount caller;
    private final ObjectMapper mapper;

    public DryRunResource(SendPreview preview, RequestAccount caller, ObjectMapper mapper) {
        this.preview = preview;
        this.caller = caller;
        this.mapper = mapper;
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "DryRunRecipient", requiredProperties = {"to", "body", "encoding", "parts", "cost"})
    public record RecipientView(@Schema(description = "E.164 digits without `+`", examples = "2348020000000") String to,
                                @Schema(description = "This recipient's own text, its placeholders filled") String body,
                                @Schema(enumeration = {"GSM7", "UCS2"}) String encoding,
                                @Schema(description = "Parts of this recipient's message") int parts,
                                @Schema(description = "Credits this recipient's message would cost") long cost) {

        static RecipientView of(BatchPlan.RecipientPrice p) {
            return new RecipientView(p.to(), p.body(), p.encoding().name(), p.parts(), p.cost());
        }
    }

    /** {@code per_recipient} is left out unless asked for. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"recipients_accepted", "recipients_rejected", "encoding", "total_parts", "cost", "balance"})
    public record DryRunView(int recipientsAccepted, List<SendResource.RejectedView> recipientsRejected,
                             @Schema(description = "`UCS2` if any recipient's text needs it", enumeration = {"GSM7", "UCS2"}) String encoding,
                             @Schema(description = "Parts of every accepted recipient's message together") long totalParts,
                             @Schema(description = "Credits the send would charge now, exactly") long cost,
                             @Schema(description = "The account's credit balance now") long balance,
                             @Schema(description = "With `per_recipient=true` only: the first 1,000 accepted recipients")
                             List<RecipientView> perRecipient) {
    }

    @Operation(operationId = "dryRunBatch", summary = "Plan and price a batch without sending it",
            description = "Takes exactly the body of a send and answers what the send would do: recipients accepted and "
                    + "rejected, encoding, parts and cost, beside the balance. Stores, queues and charges nothing.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "SendRequest"),
            examples = @ExampleObject(name = "batch", value = ApiDescription.SEND_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "What the send would do",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DryRunView.class)))
    @APIResponse(responseCode = "400", description = ApiDescription.SEND_INVALID,
            content = @Content(mediaType = ApiDescription.PROBLEM, schema = @Schema(implementation = ProblemBody.class),
                    examples = @ExampleObject(name = "invalid_request", value = ApiDescription.INVALID_EXAMPLE)))
    @APIResponse(responseCode = "403", description = ApiDescription.SEND_FORBIDDEN,
            content = @Content(mediaType = ApiDescription.PROBLEM, schema = @Schema(implementation = ProblemBody.class),
                    examples = {@ExampleObject(name = "sender_not_registered", value = ApiDescription.SENDER_NOT_REGISTERED_EXAMPLE),
                            @ExampleObject(name = "account_suspended", value = ApiDescription.SUSPENDED_EXAMPLE)}))
    @POST
    @Consumes(MediaType.WILDCARD)
    public DryRunView dryRun(byte[] body,
                             @Parameter(description = "List the recipients one by one (up to 1,000), each with its own text",
                                     schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
                             @QueryParam("per_recipient") boolean perRecipient) {
        JsonNode root = JsonRequest.parse(mapper, body, SendResource.MAX_BODY).root();
        SendPreview.Preview seen = preview.preview(caller.id(), SendRequestReader.read(root), perRecipient);
        Batch b = seen.plan().batch();
        return new DryRunView(b.recipients().size(),
                b.rejected().stream().map(r -> new SendResource.RejectedView(r.to(), r.reason())).toList(),
                b.encoding().name(), seen.plan().cost(), seen.plan().cost(), seen.balance(),
                perRecipient ? seen.perRecipient().stream().map(RecipientView::of).toList() : null);
    }
}
