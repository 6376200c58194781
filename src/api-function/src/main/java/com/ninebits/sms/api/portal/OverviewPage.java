package com.ninebits.sms.api.portal;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchListing;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.error.DomainException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The account at a glance (with its last batches, as {@code GET /ng/v1/sendsms} lists them), and one batch with its recipients (the status use case of {@code GET /ng/v1/sendsms/status}). */
@Path("/portal")
public class OverviewPage {

    static final int RECIPIENTS_PER_PAGE = 100;
    static final int LAST_BATCHES = 5;

    private final AccountAdministration accounts;
    private final BatchReport report;
    private final BatchListing listing;
    private final PortalCaller caller;
    private final Pages pages;

    public OverviewPage(AccountAdministration accounts, BatchReport report, BatchListing listing, PortalCaller caller,
                        Pages pages) {
        this.accounts = accounts;
        this.report = report;
        this.listing = listing;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    @Path("/overview")
    public Response overview() {
        Account account = accounts.requireAccount(caller.accountId());
        BatchListing.Page last = listing.list(account.id(),
                new BatchListing.Query(LAST_BATCHES, null, null, null, null, null));
        return Pages.html(pages.page("overview", "overview").data("account", Views.AccountLine.of(account))
                .data("batches", last.batches().stream().map(Views.ListedLine::of).toList()));
    }

    /** The overview's "open a batch" form. */
    @GET
    @Path("/batch")
    public Response find(@QueryParam("reference_id") String referenceId) {
        if (referenceId == null || referenceId.isBlank()) {
            return Pages.seeOther("/portal/overview");
        }
        return Pages.seeOther("/portal/batches/" + URLEncoder.encode(referenceId.strip(), StandardCharsets.UTF_8));
    }

    @GET
    @Path("/batches/{referenceId}")
    public Response batch(@PathParam("referenceId") String referenceId, @QueryParam("from") Integer from) {
        BatchReport.View view = report.read(caller.accountId(), referenceId, RECIPIENTS_PER_PAGE,
                from == null || from < 0 ? 0 : from, null);
        Batch b = view.batch();
        List<Views.CountLine> counts = new ArrayList<>();
        // The page reloads itself until every message has a final status.
        boolean settled = !view.counts().isEmpty();
        for (var entry : view.counts().entrySet()) {
            counts.add(new Views.CountLine(entry.getKey().wire(), entry.getValue()));
            settled &= entry.getKey().isFinal() || entry.getValue() == 0;
        }
        // What the cancellation can still change: a batch with a final status stays as it is.
        boolean cancellable = !"completed".equals(view.status()) && !"cancelled".equals(view.status());
        return Pages.html(pages.page("batch", "batches")
                .data("cancellable", cancellable)
                .data("batch", Views.BatchLine.of(b, view.status()))
                .data("counts", counts)
                .data("settled", settled)
                .data("recipients", view.recipients().stream().map(Views.RecipientLine::of).toList())
                .data("next", view.nextIndex()));
    }

    @ServerExceptionMapper
    public Response failed(DomainException e) {
        return pages.failure(e);
    }
}
