package com.ninebits.sms.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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

import java.util.List;

/**
 * {@code POST /ng/v1/sendsms/dry_run}: the body of a send, planned and priced as the send would be;
 * nothing stored, queued or charged.
 */
@Path("/ng/v1/sendsms/dry_run")
@Produces(MediaType.APPLICATION_JSON)
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
    public record RecipientView(String to, String body, String encoding, int parts, long cost) {

        static RecipientView of(BatchPlan.RecipientPrice p) {
            return new RecipientView(p.to(), p.body(), p.encoding().name(), p.parts(), p.cost());
        }
    }

    /** {@code per_recipient} is left out unless asked for. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DryRunView(int recipientsAccepted, List<SendResource.RejectedView> recipientsRejected, String encoding,
                             long totalParts, long cost, long balance, List<RecipientView> perRecipient) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public DryRunView dryRun(byte[] body, @QueryParam("per_recipient") boolean perRecipient) {
        JsonNode root = JsonRequest.parse(mapper, body, SendResource.MAX_BODY).root();
        SendPreview.Preview seen = preview.preview(caller.id(), SendRequestReader.read(root), perRecipient);
        Batch b = seen.plan().batch();
        return new DryRunView(b.recipients().size(),
                b.rejected().stream().map(r -> new SendResource.RejectedView(r.to(), r.reason())).toList(),
                b.encoding().name(), seen.plan().cost(), seen.plan().cost(), seen.balance(),
                perRecipient ? seen.perRecipient().stream().map(RecipientView::of).toList() : null);
    }
}
