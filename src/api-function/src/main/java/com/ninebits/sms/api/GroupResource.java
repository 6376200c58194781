package com.ninebits.sms.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.group.Group;
import com.ninebits.sms.domain.group.GroupManagement;
import com.ninebits.sms.domain.group.GroupStore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

@Path("/ng/v1/groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
@SecurityRequirement(name = ApiDescription.BEARER)
public class GroupResource {

    private static final int MAX_BODY = 1024 * 1024;
    private static final int DEFAULT_PAGE_SIZE = 100;

    private final GroupManagement groups;
    private final AccountAdministration accounts;
    private final RequestAccount caller;
    private final ObjectMapper mapper;

    public GroupResource(GroupManagement groups, AccountAdministration accounts, RequestAccount caller, ObjectMapper mapper) {
        this.groups = groups;
        this.accounts = accounts;
        this.caller = caller;
        this.mapper = mapper;
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    @Schema(requiredProperties = {"group_id", "name", "size"})
    public record GroupView(@Schema(examples = "grp_01JD3V6Q9ZK4B7M2X8N5P0RS1T") String groupId, String name,
                            @Schema(description = "Members") long size,
                            @Schema(format = "date-time") String createdAt) {
        static GroupView of(Group g) {
            return new GroupView(g.id(), g.name(), g.size(), Timestamps.out(g.createdAt()));
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = "groups")
    public record GroupList(List<GroupView> groups) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(requiredProperties = {"group_id", "name", "size", "created_at", "members", "next_page_token"})
    public record GroupDetail(String groupId, String name, long size,
                              @Schema(format = "date-time", nullable = true) String createdAt,
                              @Schema(description = "One page of members, E.164 digits without `+`") List<String> members,
                              @Schema(nullable = true, description = "Pass as `page_token` for the next page; null on the last") String nextPageToken) {
    }

    /** Described only: the bodies are read field by field, so that one answer names every bad field. */
    @Schema(name = "NewGroup", requiredProperties = "name")
    record NewGroup(@Schema(minLength = 1, maxLength = 100) String name,
                    @Schema(description = "Phone numbers; a duplicate is ignored", maxItems = GroupManagement.MAX_MEMBERS_PER_REQUEST)
                    List<String> members) {
    }

    @Schema(name = "MemberChange", description = "At least one of `add` and `remove`")
    record MemberChange(@Schema(maxItems = GroupManagement.MAX_MEMBERS_PER_REQUEST) List<String> add,
                        @Schema(maxItems = GroupManagement.MAX_MEMBERS_PER_REQUEST) List<String> remove) {
    }

    private static final String MEMBER_CODES = " (`required`, `invalid`, `invalid_number` for `members[i]`, `too_many`)";

    @Operation(operationId = "createGroup", summary = "Create a group")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewGroup.class)))
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", required = true, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID, description = "Invalid" + MEMBER_CODES)
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        String name = request.text("name", true);
        List<String> members = request.strings("members", false, false);
        Account account = accounts.requireAccount(caller.id());
        // The use case adds its own findings to the missing and mistyped fields, so one answer names them all.
        Group group = groups.create(account, name, members == null ? List.of() : members, request.validation());
        return Response.created(URI.create("/ng/v1/groups/" + group.id())).entity(GroupView.of(group)).build();
    }

    @Operation(operationId = "listGroups", summary = "List the account's groups")
    @APIResponse(responseCode = "200", description = "Every group",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupList.class)))
    @GET
    public GroupList list() {
        return new GroupList(groups.list(caller.id()).stream().map(GroupView::of).toList());
    }

    @Operation(operationId = "getGroup", summary = "Read a group and a page of its members")
    @APIResponse(responseCode = "200", description = "The group",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupDetail.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID,
            description = "A bad `page_size` (`invalid_type`, `out_of_range`) or `page_token` (`invalid_page_token`)")
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND)
    @GET
    @Path("/{group_id}")
    public GroupDetail get(@PathParam("group_id") String groupId,
                           @Parameter(description = "Per page; empty means the default", allowEmptyValue = true, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
                           @QueryParam("page_size") String pageSizeParam,
                           @Parameter(description = "The `next_page_token` of the page before", allowEmptyValue = true) @QueryParam("page_token") String pageToken) {
        // Read as text: JAX-RS answers 404 to a query parameter it cannot convert.
        int pageSize = PageTokens.pageSize(pageSizeParam, DEFAULT_PAGE_SIZE);
        Group group = groups.get(caller.id(), groupId);
        GroupStore.Page page = groups.members(caller.id(), groupId, pageSize, PageTokens.decode(pageToken));
        return new GroupDetail(group.id(), group.name(), group.size(), Timestamps.out(group.createdAt()), page.members(),
                PageTokens.encode(page.nextAfter()));
    }

    @Operation(operationId = "changeGroupMembers", summary = "Add and remove members", description = "A duplicate member is ignored.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberChange.class)))
    @APIResponse(responseCode = "200", description = "The group after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ApiDescription.INVALID, description = "Invalid" + MEMBER_CODES)
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND)
    @POST
    @Path("/{group_id}/members")
    @Consumes(MediaType.WILDCARD)
    public GroupView changeMembers(@PathParam("group_id") String groupId, byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        List<String> add = request.strings("add", false, false);
        List<String> remove = request.strings("remove", false, false);
        Account account = accounts.requireAccount(caller.id());
        return GroupView.of(groups.changeMembers(account, groupId, add == null ? List.of() : add,
                remove == null ? List.of() : remove, request.validation()));
    }

    @Operation(operationId = "deleteGroup", summary = "Delete a group")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = ApiDescription.NOT_FOUND)
    @DELETE
    @Path("/{group_id}")
    public Response delete(@PathParam("group_id") String groupId) {
        groups.delete(caller.id(), groupId);
        return Response.noContent().build();
    }
}
