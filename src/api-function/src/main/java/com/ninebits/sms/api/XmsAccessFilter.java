package com.ninebits.sms.api;

import com.ninebits.sms.adapters.logging.LogContext;
import com.ninebits.sms.domain.access.ApiAdmission;
import com.ninebits.sms.domain.error.DomainException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Who may call {@code /xms/v1/{service_plan_id}/…}, the Sinch-compatible API: a bearer token of
 * the account that {@code service_plan_id} names, admitted by the same {@link ApiAdmission} as
 * {@code /ng/v1} (the token's request rate, a suspended account, slowed failed authentications).
 * A valid token of another account learns nothing of the one it names: 404, as for another
 * account's batch.
 */
public class XmsAccessFilter {

    static final String PREFIX = "/xms/v1/";

    private final ApiAdmission admission;
    private final RequestAccount account;

    public XmsAccessFilter(ApiAdmission admission, RequestAccount account) {
        this.admission = admission;
        this.account = account;
    }

    @ServerRequestFilter
    public void authorise(ContainerRequestContext request, HttpServerRequest received) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(PREFIX)) {
            return;
        }
        String accountId = admission.admit(AccessFilter.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION)),
                AccessFilter.source(received));
        int end = path.indexOf('/', PREFIX.length());
        String servicePlanId = path.substring(PREFIX.length(), end < 0 ? path.length() : end);
        if (!servicePlanId.equals(accountId)) {
            throw new DomainException.NotFound("service plan");
        }
        account.set(accountId);
        LogContext.put(LogContext.ACCOUNT_ID, accountId);
    }
}
