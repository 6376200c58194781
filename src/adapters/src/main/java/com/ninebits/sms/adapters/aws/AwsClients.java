package com.ninebits.sms.adapters.aws;

import com.ninebits.sms.adapters.config.AwsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;

/**
 * The AWS SDK clients, built once per function instance. The URL-connection HTTP client keeps the
 * function small and starts fast; credentials come from the Lambda environment, or are a fixed
 * pair against the local stack.
 */
@ApplicationScoped
public class AwsClients {

    @Produces
    @Singleton
    DynamoDbClient dynamoDb(AwsConfig config) {
        var builder = DynamoDbClient.builder()
                .httpClient(httpClient())
                .region(region(config))
                .credentialsProvider(credentials(config.endpoint().dynamodb().isPresent()));
        config.endpoint().dynamodb().ifPresent(builder::endpointOverride);
        RequestCounts.fromEnvironment().ifPresent(c -> builder.overrideConfiguration(o -> o.addExecutionInterceptor(c)));
        return builder.build();
    }

    @Produces
    @Singleton
    SqsClient sqs(AwsConfig config) {
        var builder = SqsClient.builder()
                .httpClient(httpClient())
                .region(region(config))
                .credentialsProvider(credentials(config.endpoint().sqs().isPresent()));
        config.endpoint().sqs().ifPresent(builder::endpointOverride);
        RequestCounts.fromEnvironment().ifPresent(c -> builder.overrideConfiguration(o -> o.addExecutionInterceptor(c)));
        return builder.build();
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    private static software.amazon.awssdk.http.SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static Region region(AwsConfig config) {
        return Region.of(config.region().orElseGet(() -> {
            String env = System.getenv("AWS_REGION");
            return env == null ? "us-east-1" : env;
        }));
    }

    private static AwsCredentialsProvider credentials(boolean local) {
        return local
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : EnvironmentVariableCredentialsProvider.create();
    }
}
