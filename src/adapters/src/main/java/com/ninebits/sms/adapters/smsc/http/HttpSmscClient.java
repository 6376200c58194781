package com.ninebits.sms.adapters.smsc.http;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A generic JSON SMSC: one POST per message to the base URL, which is the whole endpoint. */
interface HttpSmscClient extends AutoCloseable {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response submit(Map<String, Object> message);

    @Override
    void close();
}
