package com.ninebits.sms.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.adapters.sinch.SinchBatch;
import com.ninebits.sms.adapters.sinch.SinchBatchPages;
import com.ninebits.sms.adapters.sinch.SinchBatches;
import com.ninebits.sms.adapters.sinch.SinchReports;
import com.ninebits.sms.domain.account.Ids;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchListing;
import com.ninebits.sms.domain.batch.BatchPlan;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.batch.DeliveryReportView;
import com.ninebits.sms.domain.batch.SendPreview;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.dispatch.BatchCancellation;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.telemetry.Telemetry;
import com.ninebits.sms.domain.text.Encoding;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Sinch's {@code /xms/v1/{service_plan_id}/batches} over the gateway's own use cases: the same
 * submission, dry run, status, listing, cancellation and delivery reports as {@code /ng/v1/sendsms},
 * in Sinch's fields. A batch's {@code id} is its
 * {@code reference_id}; {@link XmsAccessFilter} has checked that the service plan is the caller's.
 */
@Path("/xms/v1/{servicePlanId}/batches")
@Produces(MediaType.APPLICATION_JSON)
public class XmsBatchResource {

    private static final Logger LOG = Logger.getLogger(XmsBatchResource.class);

    private final BatchSubmission submission;
    private final BatchReport report;
    private final SendPreview preview;
    private final BatchCancellation cancellation;
    private final DeliveryReportView reports;
    private final SinchBatchPages pages;
    private final SinchBatches sinch;
    private final RequestAccount caller;
    private final ObjectMapper mapper;
    private final Telemetry telemetry;
    private final Clock clock;

    public XmsBatchResource(BatchSubmission submission, BatchReport report, SendPreview preview, BatchListing listing,
                            BatchCancellation cancellation, DeliveryReportView reports, SinchBatches sinch,
                            RequestAccount caller, ObjectMapper mapper, Telemetry telemetry, Clock clock) {
        this.submission = submission;
        this.report = report;
        this.preview = preview;
        this.cancellation = cancellation;
        this.reports = reports;
        this.pages = new SinchBatchPages(listing, sinch);
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
            // Cancelled as Sinch means it: the batch was (a dispatched message may still go on), or all its messages are.
            boolean shown = canceled || b.cancelled();
            return new BatchView(b.referenceId(), "mt_text", b.recipients(), b.from(), b.body(), shown, report,
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
        request.checkParts(send -> submission.planning().plan(caller.id(), send));
        // Before the batch: its first callback must find how it is to be told.
        sinch.save(request.options());
        Batch batch = submission.submit(caller.id(), request.send()).batch();
        LOG.infof("batch accepted account=%s reference=%s recipients=%d parts=%d scheduled=%b api=xms",
                batch.accountId(), batch.referenceId(), batch.recipients().size(), batch.parts(), batch.scheduled());
        telemetry.batchAccepted(batch.accountId(), "xms", batch.recipients().size(), batch.cost());
        return Response.status(Response.Status.CREATED).entity(BatchView.of(batch, false, Optional.of(request.options())))
                .build();
    }

    /** Sinch's dry-run answer; {@code per_recipient} only when asked for. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DryRunView(int numberOfRecipients, long numberOfMessages, List<DryRunRecipient> perRecipient) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DryRunRecipient(String recipient, int numberOfParts, String body, String encoding) {

        static DryRunRecipient of(BatchPlan.RecipientPrice p) {
            return new DryRunRecipient(p.to(), p.parts(), p.body(), p.encoding() == Encoding.GSM7 ? "GSM" : "UNICODE");
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ListView(int count, int page, int pageSize, List<BatchView> batches) {
    }

    /** Sinch lists 100 recipients unless told otherwise, at most 1,000 ({@link SendPreview#MAX_LISTED}). */
    private static final int DRY_RUN_LISTED = 100;
    private static final Duration LISTED_BY_DEFAULT = Duration.ofHours(24);

    @POST
    @Path("/dry_run")
    @Consumes(MediaType.WILDCARD)
    public DryRunView dryRun(byte[] body, @QueryParam("per_recipient") String perRecipient,
                             @QueryParam("number_of_recipients") String numberOfRecipients) {
        boolean listed = flag("per_recipient", perRecipient);
        int shown = whole("number_of_recipients", numberOfRecipients, DRY_RUN_LISTED, 1, SendPreview.MAX_LISTED);
        XmsBatchRequest request = XmsBatchRequest.read(JsonRequest.parse(mapper, body, SendResource.MAX_BODY), caller.id(),
                Ids.ulid(clock.millis()));
        SendPreview.Preview seen = preview.preview(caller.id(), request.send(), listed);
        request.checkParts(send -> seen.plan());
        return new DryRunView(seen.plan().batch().recipients().size(), seen.plan().cost(), listed
                ? seen.perRecipient().stream().limit(shown).map(DryRunRecipient::of).toList() : null);
    }

    @GET
    public ListView list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                         @QueryParam("from") String from, @QueryParam("start_date") String startDate,
                         @QueryParam("end_date") String endDate, @QueryParam("client_reference") String clientReference) {
        int number = whole("page", page, 0, 0, Integer.MAX_VALUE);
        int size = whole("page_size", pageSize, BatchListing.DEFAULT_PAGE_SIZE, 1, BatchListing.MAX_PAGE_SIZE);
        Set<String> senders = from == null ? Set.of() : Arrays.stream(from.split(",")).map(String::strip)
                .filter(f -> !f.isEmpty()).collect(Collectors.toSet());
        // As Sinch: without a start, the last 24 hours.
        String start = startDate != null ? startDate : Timestamps.out(clock.instant().minus(LISTED_BY_DEFAULT));
        SinchBatchPages.Page found = pages.page(caller.id(),
                new SinchBatchPages.Query(number, size, senders, start, endDate, clientReference));
        List<BatchView> batches = found.batches().stream().map(l -> BatchView.of(report.accepted(caller.id(),
                l.batch().referenceId()), "cancelled".equals(l.status()), sinch.find(caller.id(), l.batch().referenceId())))
                .toList();
        return new ListView(found.count(), number, batches.size(), batches);
    }

    @GET
    @Path("/{batchId}")
    public BatchView get(@PathParam("batchId") String batchId) {
        BatchReport.View view = report.read(caller.id(), batchId, 1, 0, null);
        return BatchView.of(view.batch(), "cancelled".equals(view.status()), sinch.find(caller.id(), batchId));
    }

    @DELETE
    @Path("/{batchId}")
    public BatchView cancel(@PathParam("batchId") String batchId) {
        BatchReport.View view = cancellation.cancel(caller.id(), batchId).view();
        return BatchView.of(view.batch(), true, sinch.find(caller.id(), batchId));
    }

    @GET
    @Path("/{batchId}/delivery_report")
    public SinchReports.BatchReportBody deliveryReport(@PathParam("batchId") String batchId,
                                                       @QueryParam("type") String type,
                                                       @QueryParam("status") String status,
                                                       @QueryParam("code") String code) {
        boolean full = type != null && type.equals("full");
        if (type != null && !full && !type.equals("summary")) {
            throw DomainException.Invalid.of("type", "invalid_value", "type must be summary or full");
        }
        Set<String> statuses = statuses(status);
        Set<Integer> codes = codes(code);
        DeliveryReportView.Report all = reports.batch(caller.id(), batchId, "full", null);
        return SinchReports.batch(all, full, statuses, codes,
                sinch.find(caller.id(), batchId).map(SinchBatch::clientReference).orElse(null));
    }

    @GET
    @Path("/{batchId}/delivery_report/{recipient}")
    public SinchReports.RecipientReport recipientReport(@PathParam("batchId") String batchId,
                                                        @PathParam("recipient") String recipient) {
        DeliveryReportView.RecipientReport r = reports.recipient(caller.id(), batchId, recipient);
        return SinchReports.recipient(batchId, r, sinch.find(caller.id(), batchId).map(SinchBatch::clientReference)
                .orElse(null));
    }

    /** Sinch's status names, comma-separated, any case; null for all. */
    private static Set<String> statuses(String text) {
        if (text == null) {
            return null;
        }
        Set<String> out = new HashSet<>();
        for (String one : text.split(",")) {
            String name = SinchReports.STATUS_NAMES.stream().filter(n -> n.equalsIgnoreCase(one.strip())).findFirst()
                    .orElseThrow(() -> DomainException.Invalid.of("status", "invalid_status",
                            "status \"" + one.strip() + "\" is not one of "
                                    + String.join(", ", new TreeSet<>(SinchReports.STATUS_NAMES))));
            out.add(name);
        }
        return out;
    }

    private static Set<Integer> codes(String text) {
        if (text == null) {
            return null;
        }
        Set<Integer> out = new HashSet<>();
        for (String one : text.split(",")) {
            out.add(whole("code", one, 0, 0, Integer.MAX_VALUE));
        }
        return out;
    }

    private static boolean flag(String field, String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (text.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw DomainException.Invalid.of(field, "invalid_value", field + " must be true or false");
    }

    /** A whole number of a query parameter in {@code min..max}; absent or empty: {@code otherwise}. */
    private static int whole(String field, String text, int otherwise, int min, int max) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw DomainException.Invalid.of(field, "invalid_value", field + " must be a whole number");
        }
        if (value < min || value > max) {
            throw DomainException.Invalid.of(field, "out_of_range", field + " must be " + min + " to " + max);
        }
        return (int) value;
    }
}
