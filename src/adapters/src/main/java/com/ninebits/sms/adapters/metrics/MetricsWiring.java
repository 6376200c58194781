package com.ninebits.sms.adapters.metrics;

import com.ninebits.sms.domain.telemetry.Telemetry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.StorageResolution;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.util.Optional;

/**
 * The one {@link Telemetry} of a function: EMF on stdout, named after the Lambda function (or the
 * Quarkus application outside Lambda). The library serialises its model with Jackson by
 * reflection, so a native image must keep those classes.
 */
@ApplicationScoped
@RegisterForReflection(classNames = {"software.amazon.cloudwatchlogs.emf.model.RootNode",
        "software.amazon.cloudwatchlogs.emf.model.Metadata", "software.amazon.cloudwatchlogs.emf.model.MetricDirective",
        "software.amazon.cloudwatchlogs.emf.model.MetricDefinition"},
        targets = {DimensionSet.class, Unit.class, StorageResolution.class})
public class MetricsWiring {

    @Produces
    @Singleton
    Telemetry telemetry(@ConfigProperty(name = "quarkus.application.name") String application) {
        String function = Optional.ofNullable(System.getenv("AWS_LAMBDA_FUNCTION_NAME")).orElse(application);
        return new EmfTelemetry(new StdoutEnvironment(function));
    }
}
