package com.ninebits.sms.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.adapters.sinch.SinchBatch;
import com.ninebits.sms.adapters.sinch.SinchBatches;
import com.ninebits.sms.domain.account.Ids;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.telemetry.Telemetry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Sinch's {@code /xms/v1/{service_plan_id}/batches} over the gateway's own use cases: the same
 * submission and status as {@code /ng/v1/sendsms}, in Sinch's fields. A batch's {@code id} is its
 * {@code reference_id}; {@link XmsAccessFilter} has checked that the service plan is the caller's.
 */
@Path("/xms/v1/{servicePlanId}/batches")
@Produces(MediaType.APPLICATION_JSON)
public class XmsBatchResource {

    private static final Logger LOG = Logger.getLogger(XmsBatchResource.class);

    private final BatchSubmission submission;
    private final BatchReport report;
    private final SinchBatches sinch;
    private final RequestAccount caller;
    private final ObjectMapper mapper;
    private final Telemetry telemetry;
    private final Clock clock;

    public XmsBatchResource(BatchSubmission submission, BatchReport report, SinchBatches sinch, RequestAccount caller,
                            ObjectMapper mapper, Telemetry telemetry, Clock clock) {
        this.submission = submission;
        this.report = report;
        this.sinch = sinch;
        this.caller = caller;
        this.mapper = mapper;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    /** A batch as Sinch's {@code mt_text} batch response shows it. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchView(String id, String type, List<String> to, String from, String body, boolean canceled,
                            String deliveryReport, String sendAt, String expireAt, String callbackUrl,
                            String createdAt, String modifiedAt, String clientReference,
                            Integer maxNumberOfMessageParts, boolean flashMessage, boolean feedbackEnabled) {

        static BatchView of(Batch b, boolean canceled, Optional<SinchBatch> options) {
            // A batch sent through /ng/v1 with reports on is told of every change: Sinch's per_recipient.
            String report = options.map(o -> o.deliveryReport().wire()).orElse(b.deliveryReport() ? "per_recipient" : "none");
            String created = Timestamps.out(b.createdAt());
            return new BatchView(b.referenceId(), "mt_text", b.recipients(), b.from(), b.body(), canceled, report,
                    Timestamps.out(b.sendAt()), Timestamps.out(b.expireAt()), b.callbackUrl(), created, created,
                    options.map(SinchBatch::clientReference).orElse(null),
                    options.map(SinchBatch::maxParts).orElse(null), false, false);
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(byte[] body) {
        JsonRequest json = JsonRequest.parse(mapper, body, SendResource.MAX_BODY);
        String batchId = Ids.ulid(clock.millis());
        XmsBatchRequest request = XmsBatchRequest.read(json, caller.id(), batchId);
        // Before the batch: its first callback must find how it is to be told.
        sinch.save(request.options());
        Batch batch = submission.submit(caller.id(), request.send()).batch();
        LOG.infof("batch accepted account=%s reference=%s recipients=%d parts=%d scheduled=%b api=xms",
                batch.accountId(), batch.referenceId(), batch.recipients().size(), batch.parts(), batch.scheduled());
        telemetry.batchAccepted(batch.accountId(), "xms", batch.recipients().size(), batch.cost());
        return Response.status(Response.Status.CREATED).entity(BatchView.of(batch, false, Optional.of(request.options())))
                .build();
    }

    @GET
    @Path("/{batchId}")
    public BatchView get(@PathParam("batchId") String batchId) {
        BatchReport.View view = report.read(caller.id(), batchId, 1, 0, null);
        return BatchView.of(view.batch(), "cancelled".equals(view.status()), sinch.find(caller.id(), batchId));
    }
}
