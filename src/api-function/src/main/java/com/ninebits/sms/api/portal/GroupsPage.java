package com.ninebits.sms.api.portal;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import com.ninebits.sms.domain.error.Validation;
import com.ninebits.sms.domain.group.Group;
import com.ninebits.sms.domain.group.GroupManagement;
import com.ninebits.sms.domain.group.GroupStore;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** Groups through the API's {@link GroupManagement}: create, members, and a CSV file of numbers imported. */
@Path("/portal")
public class GroupsPage {

    static final int MEMBERS_PER_PAGE = 100;
    private static final long MAX_CSV_BYTES = 1024 * 1024;

    private final GroupManagement groups;
    private final AccountAdministration accounts;
    private final PortalCaller caller;
    private final Pages pages;

    public GroupsPage(GroupManagement groups, AccountAdministration accounts, PortalCaller caller, Pages pages) {
        this.groups = groups;
        this.accounts = accounts;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    @Path("/groups")
    public Response list() {
        return Pages.html(listPage());
    }

    @POST
    @Path("/groups")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("csrf_token") String csrf, @FormParam("name") String name,
                           @FormParam("members") String members) {
        caller.requireForm(csrf);
        Account account = accounts.requireAccount(caller.accountId());
        try {
            Group group = groups.create(account, name, SendPage.entries(members == null ? List.of() : List.of(members)),
                    new Validation());
            return Pages.seeOther("/portal/groups/" + group.id());
        } catch (DomainException.Invalid invalid) {
            return Pages.html(listPage().data("errors", Pages.byField(invalid.errors()))
                    .data("form_name", name).data("form_members", members), 400);
        }
    }

    @GET
    @Path("/groups/{groupId}")
    public Response group(@PathParam("groupId") String groupId, @QueryParam("page_token") String pageToken) {
        return Pages.html(groupPage(groupId, pageToken));
    }

    @POST
    @Path("/groups/{groupId}/members")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changeMembers(@PathParam("groupId") String groupId, @FormParam("csrf_token") String csrf,
                                  @FormParam("add") String add, @FormParam("remove") String remove) {
        caller.requireForm(csrf);
        Account account = accounts.requireAccount(caller.accountId());
        try {
            groups.changeMembers(account, groupId, SendPage.entries(add == null ? List.of() : List.of(add)),
                    SendPage.entries(remove == null ? List.of() : List.of(remove)), new Validation());
            return Pages.seeOther("/portal/groups/" + groupId);
        } catch (DomainException.Invalid invalid) {
            return Pages.html(groupPage(groupId, null).data("errors", Pages.byField(invalid.errors()))
                    .data("form_add", add).data("form_remove", remove), 400);
        }
    }

    /**
     * A CSV file of numbers, one a line (the first column; a header line without digits is
     * skipped). The lines the group's own rule refuses are listed; the others are imported.
     */
    @POST
    @Path("/groups/{groupId}/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importCsv(@PathParam("groupId") String groupId, @RestForm("csrf_token") String csrf,
                              @RestForm("file") FileUpload file) {
        caller.requireForm(csrf);
        Account account = accounts.requireAccount(caller.accountId());
        if (file == null || file.size() == 0 || file.size() > MAX_CSV_BYTES) {
            return Pages.html(groupPage(groupId, null).data("errors",
                    Map.of("file", "Choose a CSV file of at most 1 MB, one number a line.")), 400);
        }
        CsvNumbers csv = CsvNumbers.parse(read(file));
        CsvNumbers.Result result;
        try {
            result = csv.importInto(numbers -> groups.changeMembers(account, groupId, numbers, List.of(), new Validation()));
        } catch (DomainException.Invalid invalid) {
            return Pages.html(groupPage(groupId, null).data("errors", Map.of("file", messages(invalid.errors()))), 400);
        }
        return Pages.html(groupPage(groupId, null)
                .data("notice", result.imported() + " numbers imported" + (result.bad().isEmpty() ? "." : "; "
                        + result.bad().size() + " lines were not: see below."))
                .data("bad", result.bad()), 200);
    }

    @POST
    @Path("/groups/{groupId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("groupId") String groupId, @FormParam("csrf_token") String csrf) {
        caller.requireForm(csrf);
        groups.delete(caller.accountId(), groupId);
        return Pages.seeOther("/portal/groups");
    }

    private TemplateInstance listPage() {
        return pages.page("groups", "groups")
                .data("groups", groups.list(caller.accountId()).stream().map(Views.GroupLine::of).toList())
                .data("form_name", "").data("form_members", "");
    }

    private TemplateInstance groupPage(String groupId, String pageToken) {
        Group group = groups.get(caller.accountId(), groupId);
        GroupStore.Page page = groups.members(caller.accountId(), groupId, MEMBERS_PER_PAGE,
                com.ninebits.sms.api.PageTokens.decode(pageToken));
        return pages.page("group", "groups")
                .data("group", Views.GroupLine.of(group))
                .data("members", page.members())
                .data("next", com.ninebits.sms.api.PageTokens.encode(page.nextAfter()))
                .data("bad", List.of())
                .data("form_add", "").data("form_remove", "");
    }

    private static String read(FileUpload file) {
        try {
            return Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String messages(List<FieldError> errors) {
        return String.join("; ", errors.stream().map(FieldError::message).toList());
    }

    @ServerExceptionMapper
    public Response failed(DomainException e) {
        return pages.failure(e);
    }
}
