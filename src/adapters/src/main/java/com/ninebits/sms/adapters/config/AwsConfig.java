package com.ninebits.sms.adapters.config;

import io.smallrye.config.ConfigMapping;

import java.net.URI;
import java.util.Optional;

/** Where the AWS services are. In AWS all is taken from the Lambda environment; locally the endpoints point at the local stack. */
@ConfigMapping(prefix = "sms.aws")
public interface AwsConfig {

    /** AWS region; falls back to the Lambda environment's {@code AWS_REGION}. */
    Optional<String> region();

    Endpoint endpoint();

    interface Endpoint {
        /** DynamoDB endpoint override (local runs and tests: the dynalite server). */
        Optional<URI> dynamodb();

        /** SQS endpoint override (local runs and tests: ElasticMQ). */
        Optional<URI> sqs();
    }
}
