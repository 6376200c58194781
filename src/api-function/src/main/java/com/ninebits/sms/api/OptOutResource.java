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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code /ng/v1/opt-outs}: the numbers that never receive this account's messages. */
@Path("/ng/v1/opt-outs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Opt-outs and quiet hours")
@SecurityRequirement(name = ApiDescription.BEARER)
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
    @Schema(name = "OptOut", requiredProperties = {"number", "added_at"})
    public record OptOutView(@Schema(description = "E.164 digits without `+`", examples = "2348020000001") String number,
                             @Schema(format = "date-time") String addedAt) {
        static OptOutView of(OptOutStore.Entry e) {
            return new OptOutView(e.number(), Timestamps.out(e.addedAt()));
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "OptOutList", requiredProperties = {"opt_outs", "next_page_token"})
    public record OptOutPage(@Schema(description = "In the order of their numbers") List<OptOutView> optOuts,
                             @Schema(nullable = true, description = "Gives the next page as `page_token`; null on the last page")
                             String nextPageToken) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "OptOutsAdded", requiredProperties = "numbers")
    public record Added(@Schema(description = "The numbers, as E.164 digits without `+`") List<String> numbers) {
    }

    /** Described only: the body is read field by field, so that one answer names every bad field. */
    @Schema(name = "OptOutsRequest", requiredProperties = "numbers")
    record AddRequest(@Schema(description = "Numbers in any accepted form (a national one with the account's "
            + "`default_country`)", maxItems = OptOutList.MAX_NUMBERS_PER_REQUEST,
            examples = "[\"+2348020000001\", \"08020000002\"]") List<String> numbers) {
    }

    @Operation(operationId = "listOptOuts", summary = "List the account's opted-out numbers",
            description = "Numbers on the list never receive this account's messages: a recipient on it is rejected "
                    + "alone (`opted_out`) and not charged.")
    @APIResponse(responseCode = "200", description = "One page of opted-out numbers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OptOutPage.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID,
            description = "A bad `page_size` (`invalid_type`, `out_of_range`) or `page_token` (`invalid_page_token`)")
    @GET
    public OptOutPage list(@Parameter(description = "Numbers per page; empty means the default", allowEmptyValue = true,
                                   schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                                           maximum = "" + OptOutList.MAX_PAGE_SIZE, defaultValue = "" + OptOutList.DEFAULT_PAGE_SIZE))
                           @QueryParam("page_size") String pageSizeParam,
                           @Parameter(description = "The `next_page_token` of the page before", allowEmptyValue = true)
                           @QueryParam("page_token") String pageToken) {
        int pageSize = PageTokens.pageSize(pageSizeParam, OptOutList.DEFAULT_PAGE_SIZE);
        OptOutStore.Page page = optOuts.list(caller.id(), pageSize, PageTokens.decode(pageToken));
        return new OptOutPage(page.numbers().stream().map(OptOutView::of).toList(), PageTokens.encode(page.nextAfter()));
    }

    @Operation(operationId = "addOptOuts", summary = "Add numbers to the opt-out list",
            description = "All or nothing: one bad number and none is stored.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AddRequest.class)))
    @APIResponse(responseCode = "200", description = "The numbers added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Added.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID, description = "Bad `numbers` (`required`, `invalid_type`, "
            + "`empty`, `too_many`; `invalid_number` for `numbers[i]`); nothing was stored")
    @POST
    @Consumes(MediaType.WILDCARD)
    public Added add(byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        List<String> numbers = request.strings("numbers", true, false);
        return new Added(optOuts.add(accounts.requireAccount(caller.id()), numbers, request.validation()));
    }

    @Operation(operationId = "removeOptOut", summary = "Take a number off the opt-out list")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND, description = "The number is not on the list")
    @DELETE
    @Path("/{number}")
    public Response remove(@Parameter(description = "In any accepted form (a national one with the account's `default_country`)")
                           @PathParam("number") String number) {
        optOuts.remove(accounts.requireAccount(caller.id()), number);
        return Response.noContent().build();
    }
}
