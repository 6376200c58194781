package com.ninebits.sms.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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
import com.ninebits.sms.adapters.logging.LogContext;
import org.jboss.logging.Logger;

import java.util.List;

/** {@code POST /ng/v1/sendsms}: accept a batch at once; it is sent later at the account's rate. */
@Path("/ng/v1/sendsms")
@Produces(MediaType.APPLICATION_JSON)
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

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RejectedView(String to, String reason) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Receipt(String referenceId, String status, String acceptedAt, int recipientsAccepted,
                          List<RejectedView> recipientsRejected, String statusUrl, String encoding, int parts,
                          String sendAt, String expireAt) {

        static Receipt of(Batch b) {
            return new Receipt(b.referenceId(), "accepted", Timestamps.out(b.createdAt()), b.recipients().size(),
                    b.rejected().stream().map(r -> new RejectedView(r.to(), r.reason())).toList(),
                    SendResource.statusUrl(b), b.encoding().name(), b.parts(), Timestamps.out(b.sendAt()), Timestamps.out(b.expireAt()));
        }
    }

    static String statusUrl(Batch b) {
        return "/ng/v1/sendsms/status/" + b.referenceId();
    }

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
