package com.ninebits.sms.adapters.smsc.kannel;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Kannel smsbox's {@code /cgi-bin/sendsms}; the base URL is the whole endpoint. Parameters left {@code null} are not sent. */
interface KannelSendsms extends AutoCloseable {

    @GET
    Response sendsms(@QueryParam("username") String username,
                     @QueryParam("password") String password,
                     @QueryParam("from") String from,
                     @QueryParam("to") String to,
                     @QueryParam("text") String text,
                     @QueryParam("coding") String coding,
                     @QueryParam("charset") String charset,
                     @QueryParam("dlr-mask") String dlrMask,
                     @QueryParam("dlr-url") String dlrUrl);

    @Override
    void close();
}
