package com.ninebits.sms.adapters.smsc;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The upstream SMSC the dispatcher submits to, and how to reach it. */
@ConfigMapping(prefix = "sms.smsc")
public interface SmscConfig {

    /** Which connector submits: {@code simulator}, {@code kannel} or {@code http} (env {@code SMS_SMSC_CONNECTOR}). */
    @WithDefault("simulator")
    String connector();

    /** The submit URL: Kannel's {@code http://host:13013/cgi-bin/sendsms}, or the generic SMSC's POST endpoint (env {@code SMS_SMSC_URL}). */
    Optional<String> url();

    /** Kannel's sendsms-user name (env {@code SMS_SMSC_USERNAME}). */
    Optional<String> username();

    /** Kannel's sendsms-user password (env {@code SMS_SMSC_PASSWORD}). */
    Optional<String> password();

    /** Public base URL of this gateway, where the SMSC sends delivery reports to {@code /ng/v1/dlr/{connector}} (env {@code SMS_SMSC_DLRURL}); none: ask for no reports. */
    Optional<String> dlrurl();

    /** Shared secret the SMSC's delivery reports carry back (env {@code SMS_SMSC_DLRSECRET}); URL-safe ASCII. */
    Optional<String> dlrsecret();

    /** Milliseconds to wait for a TCP connection to the SMSC (env {@code SMS_SMSC_CONNECTTIMEOUTMS}). */
    @WithDefault("2000")
    int connecttimeoutms();

    /** Milliseconds to wait for the SMSC's answer once connected (env {@code SMS_SMSC_READTIMEOUTMS}). */
    @WithDefault("10000")
    int readtimeoutms();

    /** Generic HTTP SMSC: the header that carries the credentials (env {@code SMS_SMSC_AUTHHEADER}). */
    @WithDefault("Authorization")
    String authheader();

    /** Generic HTTP SMSC: that header's value, e.g. {@code Bearer <token>} (env {@code SMS_SMSC_AUTHVALUE}); none: no header. */
    Optional<String> authvalue();

    /** Generic HTTP SMSC: the request's JSON field for the recipient (env {@code SMS_SMSC_TOFIELD}). */
    @WithDefault("to")
    String tofield();

    /** Generic HTTP SMSC: the request's JSON field for the sender ID (env {@code SMS_SMSC_FROMFIELD}). */
    @WithDefault("from")
    String fromfield();

    /** Generic HTTP SMSC: the request's JSON field for the text (env {@code SMS_SMSC_TEXTFIELD}). */
    @WithDefault("text")
    String textfield();

    /** Generic HTTP SMSC: the answer's JSON field holding the SMSC's message id (env {@code SMS_SMSC_IDFIELD}). */
    @WithDefault("id")
    String idfield();
}
