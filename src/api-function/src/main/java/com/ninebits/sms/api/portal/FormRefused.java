package com.ninebits.sms.api.portal;

/** A portal form posted without its session's token (a cross-site request, or a page from an older session). */
public final class FormRefused extends RuntimeException {

    public FormRefused() {
        super("the form's token is missing or not this session's", null, false, false);
    }
}
