package com.ninebits.sms.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of a function: a JVM of its own, as a Lambda execution environment is, with its
 * output on the shared console, each line prefixed with the instance's name.
 */
final class FunctionProcess implements AutoCloseable {

    private final String label;
    private final Process process;
    private final Thread pump;

    private FunctionProcess(String label, Process process) {
        this.label = label;
        this.process = process;
        this.pump = new Thread(this::pumpOutput, "output-" + label);
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /**
     * @param environment the whole environment of the process: nothing is inherited, as in Lambda,
     *                    so a developer's own AWS settings cannot leak into a function
     */
    static FunctionProcess start(String label, List<String> command, Map<String, String> environment, Path workDir)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new FunctionProcess(label, builder.start());
    }

    String label() {
        return label;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Completes when the process has ended, however it ended. */
    java.util.concurrent.CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    private void pumpOutput() {
        String prefix = "[" + label + "] ";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Console.line(prefix + line);
            }
        } catch (IOException e) {
            // The stream closes when the process ends; nothing more to print.
        }
        try {
            int exit = process.waitFor();
            Console.line(prefix + "(process exited with code " + exit + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks politely (SIGTERM, so Quarkus shuts down cleanly), without waiting; see {@link #close()}. */
    void stop() {
        process.destroy();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            pump.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
