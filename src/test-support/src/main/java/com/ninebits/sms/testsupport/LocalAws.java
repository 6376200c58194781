package com.ninebits.sms.testsupport;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The AWS account the local stack plays: its region, account ID and credentials, and clients for its servers. */
final class LocalAws {

    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "000000000000";
    /** Access key and secret alike: the local servers accept any. */
    static final String CREDENTIAL = "local";

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(CREDENTIAL, CREDENTIAL));

    private LocalAws() {
    }

    static DynamoDbClient dynamo(URI endpoint) {
        return local(DynamoDbClient.builder(), endpoint);
    }

    static SqsClient sqs(URI endpoint) {
        return local(SqsClient.builder(), endpoint);
    }

    private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C local(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
