package com.ninebits.sms.api.portal;

import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.quiet.QuietHours;
import com.ninebits.sms.domain.quiet.QuietHoursSettings;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Settings, Quiet hours tab: {@link QuietHoursSettings} of {@code PUT/GET/DELETE /ng/v1/settings/quiet-hours}. */
@Path("/portal")
public class QuietHoursPage {

    private static final Logger LOG = Logger.getLogger(QuietHoursPage.class);

    private final QuietHoursSettings settings;
    private final PortalCaller caller;
    private final Pages pages;

    public QuietHoursPage(QuietHoursSettings settings, PortalCaller caller, Pages pages) {
        this.settings = settings;
        this.caller = caller;
        this.pages = pages;
    }

    @GET
    @Path("/settings/quiet-hours")
    public Response show() {
        return Pages.html(page(current()));
    }

    @POST
    @Path("/settings/quiet-hours")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response set(@FormParam("csrf_token") String csrf, @FormParam("start") String start,
                        @FormParam("end") String end) {
        caller.requireForm(csrf);
        QuietHours hours;
        try {
            hours = settings.set(caller.accountId(), start == null ? null : start.strip(), end == null ? null : end.strip());
        } catch (DomainException.Invalid invalid) {
            return Pages.html(page(current()).data("errors", Pages.byField(invalid.errors()))
                    .data("form_start", start == null ? "" : start).data("form_end", end == null ? "" : end), 400);
        }
        LOG.infof("portal quiet hours set account=%s user=%s", caller.accountId(), caller.session().userId());
        return Pages.html(page(hours).data("notice", "Quiet hours set: nothing is sent from " + hours.startText()
                + " to " + hours.endText() + " in each recipient's own time."));
    }

    @POST
    @Path("/settings/quiet-hours/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@FormParam("csrf_token") String csrf) {
        caller.requireForm(csrf);
        settings.clear(caller.accountId());
        LOG.infof("portal quiet hours removed account=%s user=%s", caller.accountId(), caller.session().userId());
        return Pages.html(page(null).data("notice", "Quiet hours removed: messages go at any hour."));
    }

    private QuietHours current() {
        try {
            return settings.get(caller.accountId());
        } catch (DomainException.NotFound none) {
            return null;
        }
    }

    private TemplateInstance page(QuietHours hours) {
        return pages.page("quiet-hours", "settings").data("tab", "quiet-hours")
                .data("set", hours != null)
                .data("form_start", hours == null ? "" : hours.startText())
                .data("form_end", hours == null ? "" : hours.endText());
    }

    @ServerExceptionMapper
    public Response failed(DomainException e) {
        return pages.failure(e);
    }
}
