package com.ninebits.sms.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.optout.OptOutList;
import com.ninebits.sms.domain.optout.OptOutStore;
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

import java.util.List;

/** {@code /ng/v1/opt-outs}: the numbers that never receive this account's messages. */
@Path("/ng/v1/opt-outs")
@Produces(MediaType.APPLICATION_JSON)
public class OptOutResource {

    private static final int MAX_BODY = 1024 * 1024;

    private final OptOutList optOuts;
    private final AccountAdministration accounts;
    private final RequestAccount caller;
    private final ObjectMapper mapper;

    public OptOutResource(OptOutList optOuts, AccountAdministration accounts, RequestAccount caller, ObjectMapper mapper) {
        this.optOuts = optOuts;
        this.accounts = accounts;
        this.caller = caller;
        this.mapper = mapper;
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OptOutView(String number, String addedAt) {
        static OptOutView of(OptOutStore.Entry e) {
            return new OptOutView(e.number(), Timestamps.out(e.addedAt()));
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OptOutPage(List<OptOutView> optOuts, String nextPageToken) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Added(List<String> numbers) {
    }

    @GET
    public OptOutPage list(@QueryParam("page_size") String pageSizeParam, @QueryParam("page_token") String pageToken) {
        int pageSize = PageTokens.pageSize(pageSizeParam, OptOutList.DEFAULT_PAGE_SIZE);
        OptOutStore.Page page = optOuts.list(caller.id(), pageSize, PageTokens.decode(pageToken));
        return new OptOutPage(page.numbers().stream().map(OptOutView::of).toList(), PageTokens.encode(page.nextAfter()));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Added add(byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        List<String> numbers = request.strings("numbers", true, false);
        return new Added(optOuts.add(accounts.requireAccount(caller.id()), numbers, request.validation()));
    }

    @DELETE
    @Path("/{number}")
    public Response remove(@PathParam("number") String number) {
        optOuts.remove(accounts.requireAccount(caller.id()), number);
        return Response.noContent().build();
    }
}
