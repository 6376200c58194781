package com.ninebits.sms.api.portal;

import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.ApiToken;
import com.ninebits.sms.domain.error.DomainException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/**
 * Settings, API tokens tab: the operator's token use cases ({@code POST/DELETE
 * /ng/v1/admin/accounts/{id}/tokens}) with the account fixed to the session's. A new token is
 * shown once; a token is revoked by its id (the part after {@code sk_}) or by the whole token.
 */
@Path("/portal")
public class TokensPage {

    private static final Logger LOG = Logger.getLogger(TokensPage.class);

    private final AccountAdministration administration;
    private final PortalCaller caller;
    private final Pages pages;

    public TokensPage(AccountAdministration administration, PortalCaller caller, Pages pages) {
        this.administration = administration;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    @Path("/settings/tokens")
    public Response show() {
        return Pages.html(page());
    }

    @POST
    @Path("/settings/tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("csrf_token") String csrf) {
        caller.requireForm(csrf);
        AccountAdministration.NewToken token = administration.issueToken(caller.accountId());
        LOG.infof("portal token issued account=%s token_id=%s user=%s", caller.accountId(), token.tokenId(),
                caller.session().userId());
        return Pages.html(page().data("api_token", token.apiToken()).data("token_id", token.tokenId()));
    }

    @POST
    @Path("/settings/tokens/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@FormParam("csrf_token") String csrf, @FormParam("token_id") String tokenId) {
        caller.requireForm(csrf);
        String id = tokenId == null ? "" : tokenId.strip();
        id = ApiToken.idOf(id).orElse(id);
        try {
            administration.revokeToken(caller.accountId(), id);
        } catch (DomainException.NotFound none) {
            return Pages.html(page().data("errors", Map.of("token_id", "No token of this account has this id.")), 404);
        }
        LOG.infof("portal token revoked account=%s token_id=%s user=%s", caller.accountId(), id, caller.session().userId());
        return Pages.html(page().data("notice", "Token " + id + " is revoked: it is refused from its next request on."));
    }

    private io.quarkus.qute.TemplateInstance page() {
        return pages.page("tokens", "settings").data("tab", "tokens").data("api_token", null).data("token_id", null);
    }

    @ServerExceptionMapper
    public Response failed(DomainException e) {
        return pages.failure(e);
    }
}
