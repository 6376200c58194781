package com.ninebits.sms.api.portal;

import com.ninebits.sms.api.PageTokens;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.Validation;
import com.ninebits.sms.domain.optout.OptOutList;
import com.ninebits.sms.domain.optout.OptOutStore;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;

/**
 * Opt-outs through the API's {@link OptOutList} ({@code GET/POST /ng/v1/opt-outs}, {@code DELETE
 * /ng/v1/opt-outs/{number}}): numbers pasted as in the compose page's {@code to}, added all or none.
 */
@Path("/portal")
public class OptOutsPage {

    private static final Logger LOG = Logger.getLogger(OptOutsPage.class);

    private final OptOutList optOuts;
    private final AccountAdministration accounts;
    private final PortalCaller caller;
    private final Pages pages;

    public OptOutsPage(OptOutList optOuts, AccountAdministration accounts, PortalCaller caller, Pages pages) {
        this.optOuts = optOuts;
        this.accounts = accounts;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    @Path("/opt-outs")
    public Response show(@QueryParam("page_token") String pageToken) {
        return Pages.html(page(pageToken, ""));
    }

    @POST
    @Path("/opt-outs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@FormParam("csrf_token") String csrf, @FormParam("numbers") String numbers) {
        caller.requireForm(csrf);
        List<String> added;
        try {
            added = optOuts.add(accounts.requireAccount(caller.accountId()), SendPage.entries(numbers == null ? List.of()
                    : List.of(numbers)), new Validation());
        } catch (DomainException.Invalid invalid) {
            return Pages.html(page(null, numbers).data("errors", Pages.byField(invalid.errors())), 400);
        }
        LOG.infof("portal opt-outs added account=%s count=%d user=%s", caller.accountId(), added.size(),
                caller.session().userId());
        return Pages.html(page(null, "").data("notice", added.size() + " number(s) opted out: they never receive "
                + "this account's messages."));
    }

    @POST
    @Path("/opt-outs/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@FormParam("csrf_token") String csrf, @FormParam("number") String number) {
        caller.requireForm(csrf);
        try {
            optOuts.remove(accounts.requireAccount(caller.accountId()), number == null ? "" : number.strip());
        } catch (DomainException.NotFound none) {
            return Pages.html(page(null, "").data("errors", Map.of("number", "This number is not on the list.")), 404);
        }
        LOG.infof("portal opt-out removed account=%s user=%s", caller.accountId(), caller.session().userId());
        return Pages.html(page(null, "").data("notice", "The number receives this account's messages again."));
    }

    private TemplateInstance page(String pageToken, String typed) {
        OptOutStore.Page listed = optOuts.list(caller.accountId(), OptOutList.DEFAULT_PAGE_SIZE,
                PageTokens.decode(pageToken == null || pageToken.isBlank() ? null : pageToken));
        return pages.page("opt-outs", "opt-outs")
                .data("optOuts", listed.numbers().stream()
                        .map(e -> new Views.OptOutLine(e.number(), Views.out(e.addedAt()))).toList())
                .data("next", PageTokens.encode(listed.nextAfter()))
                .data("form_numbers", typed == null ? "" : typed);
    }

    @ServerExceptionMapper
    public Response failed(DomainException e) {
        return pages.failure(e);
    }
}
