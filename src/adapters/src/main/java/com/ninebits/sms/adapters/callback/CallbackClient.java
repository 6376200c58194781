package com.ninebits.sms.adapters.callback;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A customer's webhook: one POST to the base URL, which is the whole endpoint. */
interface CallbackClient extends AutoCloseable {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response post(@HeaderParam("X-Signature") String signature, @HeaderParam("User-Agent") String userAgent, String body);

    @Override
    void close();
}
