package com.ninebits.sms.adapters.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.callback.CallbackTask;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.message.MessageKey;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Locale;

/**
 * Callback tasks as the callback queue carries them, and events as failed callbacks keep them.
 * Times keep their full precision here: this is the gateway's own record, read back and compared;
 * what customers see is formatted by {@code Timestamps.out}.
 */
public final class StatusEventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusEventJson() {
    }

    public static String write(CallbackTask task) {
        Wire w = wire(task.event());
        w.attempts = task.attempts();
        w.first_due_at = task.firstDueAt().toString();
        w.due_at = task.dueAt().toString();
        return write(w);
    }

    public static String write(StatusEvent event) {
        return write(wire(event));
    }

    public static CallbackTask readTask(String json) {
        Wire w = read(json);
        if (w.first_due_at == null || w.due_at == null) {
            throw new IllegalArgumentException("not a callback task: no due times");
        }
        return new CallbackTask(event(w), w.attempts, Instant.parse(w.first_due_at), Instant.parse(w.due_at));
    }

    public static StatusEvent readEvent(String json) {
        return event(read(json));
    }

    private static Wire wire(StatusEvent e) {
        Wire w = new Wire();
        w.message_id = e.messageId();
        w.to = e.to();
        w.status = e.status().wire();
        w.error_code = e.errorCode();
        w.parts = e.parts();
        w.smsc_message_id = e.smscMessageId();
        w.smsc_timestamp = e.smscTimestamp() == null ? null : e.smscTimestamp().toString();
        w.updated_at = e.updatedAt() == null ? null : e.updatedAt().toString();
        w.callback_url = e.callbackUrl();
        return w;
    }

    private static StatusEvent event(Wire w) {
        MessageKey key = MessageKey.parse(w.message_id)
                .orElseThrow(() -> new IllegalArgumentException("not a status event: no message id"));
        if (w.status == null) {
            throw new IllegalArgumentException("not a status event: no status");
        }
        // The event id, account and reference all follow from the message id.
        return new StatusEvent(key, w.to,
                MessageState.Status.valueOf(w.status.toUpperCase(Locale.ROOT)), w.error_code, w.parts, w.smsc_message_id,
                w.smsc_timestamp == null ? null : Instant.parse(w.smsc_timestamp),
                w.updated_at == null ? null : Instant.parse(w.updated_at), w.callback_url);
    }

    private static String write(Wire w) {
        try {
            return JSON.writeValueAsString(w);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Wire read(String json) {
        try {
            return JSON.readValue(json, Wire.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a status event", e);
        }
    }

    /** Public fields: Jackson needs no reflection configuration beyond this class. */
    @RegisterForReflection
    public static final class Wire {
        public String message_id;
        public String to;
        public String status;
        public String error_code;
        public int parts;
        public String smsc_message_id;
        public String smsc_timestamp;
        public String updated_at;
        public String callback_url;
        public int attempts;
        public String first_due_at;
        public String due_at;
    }
}
