package com.ninebits.sms.api.portal;

import com.ninebits.sms.api.PageTokens;
import com.ninebits.sms.domain.batch.BatchListing;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.batch.DeliveryReportView;
import com.ninebits.sms.domain.dispatch.BatchCancellation;
import com.ninebits.sms.domain.error.DomainException;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batches after acceptance, through the API's own use cases: the list of {@code GET /ng/v1/sendsms}
 * ({@link BatchListing}, with its filter fields), {@code POST .../cancel} ({@link BatchCancellation})
 * and one recipient's report history ({@link DeliveryReportView}).
 */
@Path("/portal")
public class BatchesPage {

    private static final Logger LOG = Logger.getLogger(BatchesPage.class);

    private final BatchListing listing;
    private final BatchCancellation cancellation;
    private final DeliveryReportView reports;
    private final PortalCaller caller;
    private final Pages pages;

    public BatchesPage(BatchListing listing, BatchCancellation cancellation, DeliveryReportView reports,
                       PortalCaller caller, Pages pages) {
        this.listing = listing;
        this.cancellation = cancellation;
        this.reports = reports;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    @Path("/batches")
    public Response list(@QueryParam("status") String status, @QueryParam("from") String from,
                         @QueryParam("created_after") String createdAfter,
                         @QueryParam("created_before") String createdBefore,
                         @QueryParam("page_token") String pageToken) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", blankToEmpty(status));
        filters.put("from", blankToEmpty(from));
        filters.put("created_after", blankToEmpty(createdAfter));
        filters.put("created_before", blankToEmpty(createdBefore));
        TemplateInstance page = pages.page("batches", "batches").data("filters", filters)
                .data("statuses", BatchReport.STATUSES);
        try {
            BatchListing.Page found = listing.list(caller.accountId(), new BatchListing.Query(
                    BatchListing.DEFAULT_PAGE_SIZE, PageTokens.decodeListing(blankToNull(pageToken)), blankToNull(status),
                    blankToNull(from), Pages.utcTime(createdAfter), Pages.utcTime(createdBefore)));
            String next = PageTokens.encode(found.nextPageToken());
            return Pages.html(page.data("batches", found.batches().stream().map(Views.ListedLine::of).toList())
                    .data("next", next == null ? null : nextLink(filters, next)));
        } catch (DomainException.Invalid invalid) {
            return Pages.html(page.data("errors", Pages.byField(invalid.errors())).data("batches", java.util.List.of())
                    .data("next", null), 400);
        }
    }

    /** The same cancellation as the API: what is not yet dispatched ends cancelled and is refunded. */
    @POST
    @Path("/batches/{referenceId}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@FormParam("csrf_token") String csrf, @PathParam("referenceId") String referenceId) {
        caller.requireForm(csrf);
        BatchCancellation.Outcome outcome = cancellation.cancel(caller.accountId(), referenceId);
        LOG.infof("portal batch cancel account=%s reference=%s cancelled=%d user=%s", caller.accountId(), referenceId,
                outcome.cancelled(), caller.session().userId());
        return Pages.seeOther("/portal/batches/" + encoded(referenceId));
    }

    @GET
    @Path("/batches/{referenceId}/recipients/{number}")
    public Response recipient(@PathParam("referenceId") String referenceId, @PathParam("number") String number) {
        DeliveryReportView.RecipientReport report = reports.recipient(caller.accountId(), referenceId, number);
        return Pages.html(pages.page("recipient", "batches")
                .data("referenceId", referenceId)
                .data("recipient", Views.RecipientLine.of(report.state()))
                .data("smscTimestamp", Views.out(report.state().smscTimestamp()))
                .data("history", report.history().stream().map(Views.ChangeLine::of).toList()));
    }

    private static String nextLink(Map<String, String> filters, String token) {
        StringBuilder link = new StringBuilder("/portal/batches?page_token=").append(encoded(token));
        filters.forEach((name, value) -> {
            if (!value.isEmpty()) {
                link.append('&').append(name).append('=').append(encoded(value));
            }
        });
        return link.toString();
    }

    static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String blankToEmpty(String text) {
        return text == null ? "" : text.strip();
    }

    @ServerExceptionMapper
    public Response failed(DomainException e) {
        return pages.failure(e);
    }
}
