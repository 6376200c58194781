package com.ninebits.sms.api.portal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.Ids;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.batch.SendPreview;
import com.ninebits.sms.domain.batch.SendRequest;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.group.GroupManagement;
import com.ninebits.sms.domain.sender.SenderId;
import com.ninebits.sms.domain.sender.SenderIdRegistry;
import com.ninebits.sms.domain.telemetry.Telemetry;
import com.ninebits.sms.domain.text.MessageText;
import com.ninebits.sms.domain.text.Segmenter;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compose and send a batch through the API's own {@link BatchSubmission}: the form's fields are
 * the send request's ({@code from}, {@code to}, {@code body}, {@code send_at},
 * {@code delivery_report}, {@code reference_id}); its live count is the API's dry run of the same
 * request ({@link SendPreview}).
 */
@Path("/portal")
public class SendPage {

    private static final Logger LOG = Logger.getLogger(SendPage.class);
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");

    private final BatchSubmission submission;
    private final SendPreview preview;
    private final AccountAdministration accounts;
    private final SenderIdRegistry senderIds;
    private final GroupManagement groups;
    private final Telemetry telemetry;
    private final Clock clock;
    private final PortalCaller caller;
    private final Pages pages;

    public SendPage(BatchSubmission submission, SendPreview preview, AccountAdministration accounts,
                    SenderIdRegistry senderIds, GroupManagement groups, Telemetry telemetry, Clock clock, PortalCaller caller,
                    Pages pages) {
        this.submission = submission;
        this.preview = preview;
        this.accounts = accounts;
        this.senderIds = senderIds;
        this.groups = groups;
        this.telemetry = telemetry;
        this.clock = clock;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    @Path("/send")
    public Response form() {
        return Pages.html(compose(Map.of(), "", List.of(), "", "", false));
    }

    @POST
    @Path("/send")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response send(@FormParam("csrf_token") String csrf, @FormParam("from") String from,
                         @FormParam("to") List<String> to, @FormParam("body") String body,
                         @FormParam("send_at") String sendAt, @FormParam("delivery_report") String deliveryReport,
                         @FormParam("reference_id") String referenceId) {
        caller.requireForm(csrf);
        boolean reports = "yes".equals(deliveryReport);
        SendRequest request = request(from, to, body, sendAt, deliveryReport, referenceId);
        Batch batch;
        try {
            BatchSubmission.Accepted accepted = submission.submit(caller.accountId(), request);
            batch = accepted.batch();
            if (!accepted.replayed()) {
                LOG.infof("batch accepted account=%s reference=%s recipients=%d parts=%d scheduled=%b channel=portal",
                        batch.accountId(), batch.referenceId(), batch.recipients().size(), batch.parts(), batch.scheduled());
                telemetry.batchAccepted(batch.accountId(), "portal", batch.recipients().size(), batch.cost());
            }
        } catch (DomainException.Invalid invalid) {
            return Pages.html(compose(Pages.byField(invalid.errors()), from, to, body, sendAt, reports), 400);
        } catch (DomainException.InsufficientCredit poor) {
            return Pages.html(compose(Map.of("body", poor.detail()), from, to, body, sendAt, reports), 402);
        }
        return Pages.seeOther("/portal/batches/" + URLEncoder.encode(batch.referenceId(), StandardCharsets.UTF_8));
    }

    /** The form as the API's send request: the send and its live count read it the same way. */
    private static SendRequest request(String from, List<String> to, String body, String sendAt, String deliveryReport,
                                       String referenceId) {
        return new SendRequest(blankToNull(from), entries(to), body, null, "yes".equals(deliveryReport) ? "yes" : "none",
                Pages.utcTime(sendAt), null, blankToNull(referenceId), null, List.of());
    }

    /**
     * {@code problem}: why the form cannot be sent yet (then {@code recipients} and {@code cost}
     * are 0, and encoding and parts are the text's own).
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Count(int characters, String encoding, int units, int parts, int recipients, int recipientsRejected,
                        long cost, long balance, String problem) {
    }

    /**
     * The compose page's live count: the API's dry run ({@link SendPreview}) of the form as it
     * stands, so that the cost shown is what the send would charge, by the same code. Until the
     * form is sendable, the text's own encoding and parts from the domain's {@link Segmenter}.
     */
    @POST
    @Path("/send/count")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Count count(@FormParam("csrf_token") String csrf, @FormParam("from") String from,
                       @FormParam("to") List<String> to, @FormParam("body") String body,
                       @FormParam("send_at") String sendAt, @FormParam("delivery_report") String deliveryReport,
                       @FormParam("reference_id") String referenceId) {
        caller.requireForm(csrf);
        String text = body == null ? "" : body;
        int characters = text.codePointCount(0, text.length());
        MessageText segmented = Segmenter.segment(text);
        try {
            SendPreview.Preview seen = preview.preview(caller.accountId(),
                    request(from, to, body, sendAt, deliveryReport, referenceId), false);
            Batch b = seen.plan().batch();
            return new Count(characters, b.encoding().name(), segmented.units(), b.parts(), b.recipients().size(),
                    b.rejected().size(), seen.plan().cost(), seen.balance(), null);
        } catch (DomainException.Invalid | DomainException.Forbidden notYet) {
            return new Count(characters, segmented.encoding().name(), segmented.units(), segmented.partCount(), 0, 0, 0,
                    accounts.requireAccount(caller.accountId()).balance(), firstReason(notYet));
        }
    }

    private static String firstReason(DomainException e) {
        return e instanceof DomainException.Invalid invalid && !invalid.errors().isEmpty()
                ? invalid.errors().get(0).message() : e.detail();
    }

    private TemplateInstance compose(Map<String, String> errors, String from, List<String> to, String body, String sendAt,
                                     boolean reports) {
        String accountId = caller.accountId();
        List<String> approved = senderIds.list(accountId).stream()
                .filter(s -> s.status() == SenderId.Status.APPROVED).map(SenderId::senderId).toList();
        Set<String> picked = Set.copyOf(to == null ? List.of() : to);
        List<String> typed = new ArrayList<>();
        for (String entry : to == null ? List.<String>of() : to) {
            if (!entry.startsWith("grp_")) {
                typed.add(entry);
            }
        }
        return pages.page("send", "send")
                .data("errors", errors)
                .data("senders", approved)
                .data("groups", groups.list(accountId).stream()
                        .map(g -> new Views.GroupChoice(g.id(), g.name(), g.size(), picked.contains(g.id()))).toList())
                .data("form_from", from == null ? "" : from)
                .data("form_to", String.join("\n", typed))
                .data("form_body", body == null ? "" : body)
                .data("form_send_at", sendAt == null ? "" : sendAt)
                .data("form_reports", reports)
                // A fresh reference per page: posting the same page twice replays the first send, it does not repeat it.
                .data("reference_id", "ptl-" + Ids.ulid(clock.millis()).toLowerCase());
    }

    /** Numbers typed or pasted (one per line, or separated by commas) and the groups picked, all as {@code to}. */
    static List<String> entries(List<String> fields) {
        List<String> out = new ArrayList<>();
        for (String field : fields == null ? List.<String>of() : fields) {
            for (String entry : SEPARATORS.split(field.strip())) {
                if (!entry.isEmpty()) {
                    out.add(entry);
                }
            }
        }
        return out;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @ServerExceptionMapper
    public Response failed(DomainException e) {
        return pages.failure(e);
    }
}
