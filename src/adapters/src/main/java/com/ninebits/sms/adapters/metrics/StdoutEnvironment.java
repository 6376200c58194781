package com.ninebits.sms.adapters.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * Where EMF lines go: straight to stdout, whole lines, never through the log framework (a JSON
 * log formatter would wrap them, and CloudWatch only extracts metrics from a line that is the EMF
 * object itself). Fixed rather than probed: the library's own probing would try the EC2 metadata
 * service or a CloudWatch agent socket outside Lambda, and the local run has neither.
 */
final class StdoutEnvironment implements Environment, ISink {

    private final String function;

    StdoutEnvironment(String function) {
        this.function = function;
    }

    @Override
    public boolean probe() {
        return true;
    }

    @Override
    public String getName() {
        return function;
    }

    @Override
    public String getType() {
        return "AWS::Lambda::Function";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function;
    }

    @Override
    public void configureContext(MetricsContext context) {
        context.putProperty("function", function);
    }

    @Override
    public ISink getSink() {
        return this;
    }

    @Override
    public void accept(MetricsContext context) {
        // Read at each write: a test, or the local run, may have replaced System.out.
        PrintStream out = System.out;
        try {
            for (String line : context.serialize()) {
                out.println(line);
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return CompletableFuture.completedFuture(null);
    }
}
