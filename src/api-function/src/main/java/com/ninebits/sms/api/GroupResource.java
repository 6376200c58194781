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
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

@Path("/ng/v1/groups")
@Produces(MediaType.APPLICATION_JSON)
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
    public record GroupView(String groupId, String name, long size, String createdAt) {
        static GroupView of(Group g) {
            return new GroupView(g.id(), g.name(), g.size(), Timestamps.out(g.createdAt()));
        }
    }

    @RegisterForReflection

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record GroupList(List<GroupView> groups) {
    }

    @RegisterForReflection

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record GroupDetail(String groupId, String name, long size, String createdAt, List<String> members,
                              String nextPageToken) {
    }

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

    @GET
    public GroupList list() {
        return new GroupList(groups.list(caller.id()).stream().map(GroupView::of).toList());
    }

    @GET
    @Path("/{groupId}")
    public GroupDetail get(@PathParam("groupId") String groupId,
                           @QueryParam("page_size") String pageSizeParam,
                           @QueryParam("page_token") String pageToken) {
        // Read as text: JAX-RS answers 404 to a query parameter it cannot convert.
        int pageSize = PageTokens.pageSize(pageSizeParam, DEFAULT_PAGE_SIZE);
        Group group = groups.get(caller.id(), groupId);
        GroupStore.Page page = groups.members(caller.id(), groupId, pageSize, PageTokens.decode(pageToken));
        return new GroupDetail(group.id(), group.name(), group.size(), Timestamps.out(group.createdAt()), page.members(),
                PageTokens.encode(page.nextAfter()));
    }

    @POST
    @Path("/{groupId}/members")
    @Consumes(MediaType.WILDCARD)
    public GroupView changeMembers(@PathParam("groupId") String groupId, byte[] body) {
        JsonRequest request = JsonRequest.parse(mapper, body, MAX_BODY);
        List<String> add = request.strings("add", false, false);
        List<String> remove = request.strings("remove", false, false);
        Account account = accounts.requireAccount(caller.id());
        return GroupView.of(groups.changeMembers(account, groupId, add == null ? List.of() : add,
                remove == null ? List.of() : remove, request.validation()));
    }

    @DELETE
    @Path("/{groupId}")
    public Response delete(@PathParam("groupId") String groupId) {
        groups.delete(caller.id(), groupId);
        return Response.noContent().build();
    }
}
