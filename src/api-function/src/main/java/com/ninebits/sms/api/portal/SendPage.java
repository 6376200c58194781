package com.ninebits.sms.api.portal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.Ids;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.batch.Recipients;
import com.ninebits.sms.domain.batch.SendRequest;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.group.GroupManagement;
import com.ninebits.sms.domain.group.GroupStore;
import com.ninebits.sms.domain.optout.OptOutStore;
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
 * {@code delivery_report}, {@code reference_id}); its live count asks the domain's
 * {@link Segmenter}.
 */
@Path("/portal")
public class SendPage {

    private static final Logger LOG = Logger.getLogger(SendPage.class);
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");
    private static final Pattern LOCAL_MINUTE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?");
    private static final int MAX_COUNTED = 10_000;

    private final BatchSubmission submission;
    private final AccountAdministration accounts;
    private final SenderIdRegistry senderIds;
    private final GroupManagement groups;
    private final Recipients recipients;
    private final Telemetry telemetry;
    private final Clock clock;
    private final PortalCaller caller;
    private final Pages pages;

    public SendPage(BatchSubmission submission, AccountAdministration accounts, SenderIdRegistry senderIds,
                    GroupManagement groups, GroupStore groupStore, OptOutStore optOuts, Telemetry telemetry, Clock clock, PortalCaller caller,
                    Pages pages) {
        this.submission = submission;
        this.accounts = accounts;
        this.senderIds = senderIds;
        this.groups = groups;
        this.recipients = new Recipients(groupStore, optOuts);
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
        SendRequest request = new SendRequest(blankToNull(from), entries(to), body, null, reports ? "yes" : "none",
                sendAtOf(sendAt), null, blankToNull(referenceId), null, List.of());
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

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Count(int characters, String encoding, int units, int parts, int recipients, int recipientsRejected,
                        long cost) {
    }

    /**
     * The compose page's live count: characters, encoding and parts from the domain's
     * {@link Segmenter}, recipients as acceptance would resolve them, and what the send would
     * charge (a credit per part per recipient). Estimates only: nothing is stored.
     */
    @POST
    @Path("/send/count")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Count count(@FormParam("csrf_token") String csrf, @FormParam("to") List<String> to, @FormParam("body") String body) {
        caller.requireForm(csrf);
        String text = body == null ? "" : body;
        MessageText segmented = Segmenter.segment(text);
        List<String> entries = entries(to);
        int accepted = 0;
        int rejected = 0;
        if (!entries.isEmpty() && entries.size() <= MAX_COUNTED) {
            Account account = accounts.requireAccount(caller.accountId());
            Recipients.Resolved resolved = recipients.resolve(account.id(), account.defaultCountry(), entries);
            accepted = resolved.accepted().size();
            rejected = resolved.rejected().size();
        }
        return new Count(text.codePointCount(0, text.length()), segmented.encoding().name(), segmented.units(),
                segmented.partCount(), accepted, rejected, (long) segmented.partCount() * accepted);
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

    /** A browser's local date and time field, taken as UTC as the API takes {@code yyyy-MM-dd HH:mm:ss}. */
    static String sendAtOf(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        String text = field.strip();
        if (LOCAL_MINUTE.matcher(text).matches()) {
            return text.replace('T', ' ') + (text.length() == 16 ? ":00" : "");
        }
        return text;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @ServerExceptionMapper
    public Response failed(DomainException e) {
        return pages.failure(e);
    }
}
