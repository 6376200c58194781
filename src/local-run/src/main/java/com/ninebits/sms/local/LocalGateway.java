package com.ninebits.sms.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.Template;

/**
 * The whole gateway on this machine, every function as it runs in AWS: each instance is a process
 * of its own running the function's code (its CodeUri {@code function.zip}, unpacked as in
 * {@code /var/task}) under its handler, polling a Lambda Runtime API served here; fed by an HTTP
 * API front, SQS event source mappings and schedules read from {@code infra/template.yaml}, against
 * the local stack's DynamoDB and SQS.
 *
 * <p>{@code main} is what {@code ./mvnw -Prun-local package} runs; tests call {@link #start}.
 */
public final class LocalGateway implements AutoCloseable {

    public static final String API_FUNCTION = "ApiFunction";
    public static final String DLR_FUNCTION = "DlrFunction";
    public static final String DEMO_SENDER = "myCode";
    public static final String DEMO_PORTAL_EMAIL = "demo@example.com";

    private static final String DEMO_RECIPIENT = "+2348020000000";

    /**
     * How to run. Ports may be 0 (any free port), which tests use.
     *
     * @param apiPort          port of the {@value #API_FUNCTION} front
     * @param dlrPort          port of the {@value #DLR_FUNCTION} front (the SMSC's DLR webhook)
     * @param firstOtherPort   other HTTP functions take the next free port from here
     * @param httpInstances    instances (concurrent invocations) of each HTTP function; others run one, or as
     *                         many as their FIFO queue's mapping invokes at once ({@link EventSourceScaling})
     * @param schedulePeriod   if not null, every schedule fires at this period instead of its own
     * @param adminKey         the operator key ({@code X-Admin-Key})
     * @param secretKey        base64 of the 32-byte key that encrypts webhook secrets
     * @param demoToken        the API token of the demo account the API function creates
     * @param overrides        environment variables set on every function last, over everything else
     * @param jvmOptions       options of every function's JVM
     * @param startupTimeout   how long the instances may take to reach their first poll
     */
    public record Options(int apiPort, int dlrPort, int firstOtherPort, int httpInstances, Duration schedulePeriod,
            String adminKey, String secretKey, String demoToken, Map<String, String> overrides,
            List<String> jvmOptions, Duration startupTimeout) {

        public Options {
            if (httpInstances < 1) {
                throw new IllegalArgumentException("httpInstances must be at least 1");
            }
            overrides = Map.copyOf(overrides);
            jvmOptions = List.copyOf(jvmOptions);
        }

        /**
         * From the environment the run was started with: {@code SMS_LOCAL_API_PORT} (8080),
         * {@code SMS_LOCAL_DLR_PORT} (8090), {@code SMS_LOCAL_API_INSTANCES} (2),
         * {@code SMS_LOCAL_SCHEDULE_SECONDS}; {@code SMS_ADMIN_KEY}, {@code SMS_SECRET_KEY} and
         * {@code SMS_DEMO_TOKEN} when set, else fresh random ones; and every other {@code SMS_*}
         * variable (not {@code SMS_LOCAL_*}) passed to the functions as it is, so that
         * {@code SMS_SMSC_CONNECTOR=kannel SMS_SMSC_URL=...} reconfigures the run.
         */
        public static Options fromEnvironment(Map<String, String> env) {
            Map<String, String> overrides = new LinkedHashMap<>();
            env.forEach((name, value) -> {
                if (name.startsWith("SMS_") && !name.startsWith("SMS_LOCAL_")) {
                    overrides.put(name, value);
                }
            });
            String schedule = env.get("SMS_LOCAL_SCHEDULE_SECONDS");
            return new Options(
                    intOf(env, "SMS_LOCAL_API_PORT", 8080),
                    intOf(env, "SMS_LOCAL_DLR_PORT", 8090),
                    8091,
                    intOf(env, "SMS_LOCAL_API_INSTANCES", 2),
                    schedule == null || schedule.isBlank() ? null : Duration.ofSeconds(Long.parseLong(schedule.trim())),
                    nonBlank(env.get("SMS_ADMIN_KEY"), () -> "adm_" + randomUrlSafe(24)),
                    nonBlank(env.get("SMS_SECRET_KEY"), () -> Base64.getEncoder().encodeToString(randomBytes(32))),
                    nonBlank(env.get("SMS_DEMO_TOKEN"), () -> "sk_demo_" + randomUrlSafe(24)),
                    overrides,
                    List.of("-XX:+UseSerialGC", "-Xmx384m"),
                    Duration.ofMinutes(3));
        }

        public Options withPorts(int api, int dlr, int firstOther) {
            return new Options(api, dlr, firstOther, httpInstances, schedulePeriod, adminKey, secretKey, demoToken,
                    overrides, jvmOptions, startupTimeout);
        }

        public Options withHttpInstances(int instances) {
            return new Options(apiPort, dlrPort, firstOtherPort, instances, schedulePeriod, adminKey, secretKey,
                    demoToken, overrides, jvmOptions, startupTimeout);
        }

        public Options withSchedulePeriod(Duration period) {
            return new Options(apiPort, dlrPort, firstOtherPort, httpInstances, period, adminKey, secretKey,
                    demoToken, overrides, jvmOptions, startupTimeout);
        }

        /** Adds options to every function's JVM (the benchmarks' profiling). */
        public Options withMoreJvmOptions(List<String> more) {
            List<String> all = new ArrayList<>(jvmOptions);
            all.addAll(more);
            return new Options(apiPort, dlrPort, firstOtherPort, httpInstances, schedulePeriod, adminKey, secretKey,
                    demoToken, overrides, all, startupTimeout);
        }

        public Options withOverrides(Map<String, String> more) {
            Map<String, String> merged = new LinkedHashMap<>(overrides);
            merged.putAll(more);
            return new Options(apiPort, dlrPort, firstOtherPort, httpInstances, schedulePeriod, adminKey, secretKey,
                    demoToken, merged, jvmOptions, startupTimeout);
        }

        private static int intOf(Map<String, String> env, String name, int fallback) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, not '" + value + "'", e);
            }
        }

        private static String nonBlank(String value, java.util.function.Supplier<String> generated) {
            return value == null || value.isBlank() ? generated.get() : value;
        }
    }

    /** One function that is running: its specification, Runtime API, instances and front. */
    private record Running(FunctionSpec spec, RuntimeApi runtime, List<FunctionProcess> instances, HttpFront front) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Options options;
    private final Map<String, Running> functions = new LinkedHashMap<>();
    private final List<SqsPoller> pollers = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ScheduledExecutorService restarts =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("instance-restart"));
    private LocalStack stack;
    private DemoWebhook demoWebhook;
    private Schedules schedules;
    private String dlrBaseUrl;
    /** The secret SMSCs present to the DLR webhook in this run. */
    /** The demo portal user's password: {@code SMS_DEMO_PORTALPASSWORD} when set, else a fresh random one. */
    private final String demoPortalPassword;
    private final String dlrSecret = "dlr_" + java.util.UUID.randomUUID().toString().replace("-", "");
    private volatile boolean closing;

    private LocalGateway(Options options) {
        this.options = options;
        String configured = options.overrides().get("SMS_DEMO_PORTALPASSWORD");
        this.demoPortalPassword = configured == null || configured.isBlank() ? "demo-" + randomUrlSafe(12) : configured;
    }

    public static void main(String[] args) {
        Path repoRoot = Path.of(args.length > 0 ? args[0] : "").toAbsolutePath().normalize();
        LocalGateway gateway = new LocalGateway(Options.fromEnvironment(System.getenv()));
        // Registered before anything starts, so that Ctrl-C during the start stops what did start.
        // A signal is how a local run normally ends: exit 0 then, or Maven reports a failed build.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            Runtime.getRuntime().halt(0);
        }, "local-gateway-shutdown"));
        try {
            gateway.boot(repoRoot);
        } catch (IOException | RuntimeException e) {
            Console.warn("the local run did not start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        Console.line(gateway.banner());
        gateway.awaitClose();
    }

    /**
     * Starts the local stack, every built function of the template and their event sources, and
     * returns once every instance has asked for its first event. Functions whose code (CodeUri) is
     * missing are skipped with a warning.
     */
    public static LocalGateway start(Path repoRoot, Options options) {
        // The JDK's HTTP server writes headers and body separately; with Nagle's algorithm on, each
        // small answer then waits out the peer's delayed ACK (~40 ms). Must be set before the first server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        LocalGateway gateway = new LocalGateway(options);
        try {
            gateway.boot(repoRoot.toAbsolutePath().normalize());
            return gateway;
        } catch (IOException e) {
            gateway.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    private void boot(Path repoRoot) throws IOException {
        long started = System.nanoTime();
        stack = LocalStack.start(repoRoot);
        demoWebhook = DemoWebhook.start();
        // Fronts first: the functions must be told the DLR webhook's address before they start.
        openFronts(builtFunctions(repoRoot));
        startInstances(repoRoot.resolve(Path.of("src", "local-run", "target", "functions")));
        awaitFirstPolls();
        startEventSources();
        Console.info("local gateway up in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
    }

    /** The template's functions whose code is built; the others are skipped with a warning. */
    private List<FunctionSpec> builtFunctions(Path repoRoot) {
        Template template = stack.template();
        Path templateDir = repoRoot.resolve("infra");
        List<FunctionSpec> specs = new ArrayList<>();
        for (Template.FunctionDef function : template.functions()) {
            if (function.codeUri() == null) {
                Console.warn("skipping " + function.logicalId() + ": its CodeUri is not a plain path");
                continue;
            }
            List<FunctionSpec.Event> events = function.events().stream()
                    .map(e -> new FunctionSpec.Event(e.name(), e.type(), e.properties()))
                    .toList();
            FunctionSpec spec = FunctionSpec.of(templateDir, function.logicalId(), function.codeUri(), events,
                    template.raw(), this::queueOf);
            if (!Files.exists(spec.code())) {
                Console.warn("skipping " + spec.logicalId() + ": its code " + repoRoot.relativize(spec.code())
                        + " does not exist (its module is not built)");
                continue;
            }
            spec.ignoredEvents().forEach(e -> Console.warn(spec.logicalId() + ": not feeding event " + e));
            specs.add(spec);
        }
        return specs;
    }

    /** A Runtime API for every function, and an HTTP front on its port for each HTTP one. */
    private void openFronts(List<FunctionSpec> specs) throws IOException {
        Set<Integer> reserved = new HashSet<>(List.of(options.apiPort(), options.dlrPort()));
        int nextPort = options.firstOtherPort();
        for (FunctionSpec spec : specs) {
            RuntimeApi runtime = RuntimeApi.start(spec.logicalId(), functionArn(spec.logicalId()), spec.timeout());
            HttpFront front = null;
            try {
                if (spec.logicalId().equals(API_FUNCTION) && spec.isHttp()) {
                    front = bind(spec, options.apiPort(), runtime, "SMS_LOCAL_API_PORT");
                } else if (spec.logicalId().equals(DLR_FUNCTION) && spec.isHttp()) {
                    front = bind(spec, options.dlrPort(), runtime, "SMS_LOCAL_DLR_PORT");
                } else if (spec.isHttp()) {
                    front = bindNextFree(spec, nextPort, reserved, runtime);
                    nextPort = front.port() + 1;
                }
            } catch (IOException | RuntimeException e) {
                runtime.close();
                throw e;
            }
            if (front != null) {
                reserved.add(front.port());
            }
            functions.put(spec.logicalId(), new Running(spec, runtime, new CopyOnWriteArrayList<>(), front));
        }
        Running dlr = functions.get(DLR_FUNCTION);
        dlrBaseUrl = dlr != null && dlr.front() != null ? dlr.front().baseUrl() : "http://127.0.0.1:" + options.dlrPort();
    }

    /** Unpacks each function's code under {@code workDir} and starts its instances. */
    private void startInstances(Path workDir) throws IOException {
        Path bootstrapJar = FunctionCode.writeBootstrapJar(workDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (Running running : functions.values()) {
            FunctionSpec spec = running.spec();
            FunctionCode.Unpacked code = FunctionCode.unpack(spec.code(), workDir.resolve(spec.logicalId()));
            List<String> command = FunctionCode.command(code, java, options.jvmOptions(), bootstrapJar, spec.handler());
            Map<String, String> environment = environment(spec, running.runtime(), code);
            int instances = spec.isHttp() ? options.httpInstances() : EventSourceScaling.instances(spec, stack::queueUrl);
            for (int i = 1; i <= instances; i++) {
                running.instances().add(null);
                launch(running, i, command, environment, code.taskRoot(), Duration.ofSeconds(1));
            }
            Console.info("started " + instances + " instance(s) of " + spec.logicalId() + " ("
                    + (code.provided() ? "custom runtime bootstrap" : spec.handler()) + "; Runtime API "
                    + running.runtime().address() + (running.front() != null ? "; HTTP " + running.front().baseUrl() : "") + ")");
        }
    }

    /** The SQS event source mappings and the schedules, once every function is ready for them. */
    private void startEventSources() {
        int timerCount = functions.values().stream().mapToInt(r -> r.spec().schedules().size()).sum();
        schedules = new Schedules(timerCount);
        for (Running running : functions.values()) {
            FunctionSpec spec = running.spec();
            spec.queues().forEach(queue -> startPoller(running, queue));
            for (FunctionSpec.ScheduleSource schedule : spec.schedules()) {
                Duration period = options.schedulePeriod() != null ? options.schedulePeriod()
                        : Schedules.period(schedule.expression());
                schedules.start(new Schedules.Timer(spec.logicalId(), schedule.eventName(), schedule.type(), period,
                        schedule.input(), stack.region()), running.runtime());
                Console.info(spec.logicalId() + " runs every " + period.toSeconds() + " s (" + schedule.expression() + ")");
            }
        }
    }

    private void startPoller(Running running, FunctionSpec.QueueSource queue) {
        String function = running.spec().logicalId();
        SqsPoller poller = new SqsPoller(function + "." + queue.eventName(), stack.sqs(),
                new SqsPoller.Source(stack.queueUrl(queue.queueLogicalId()), stack.queueArn(queue.queueLogicalId()),
                        stack.region()),
                queue.batchSize(), queue.reportBatchItemFailures(), running.runtime());
        poller.start();
        pollers.add(poller);
        Console.info(function + " polls " + queue.queueLogicalId() + " (batch " + queue.batchSize()
                + (queue.reportBatchItemFailures() ? ", ReportBatchItemFailures" : "") + ")");
    }

    /**
     * Starts instance {@code number} and replaces it when it dies while the run goes on, as Lambda
     * replaces a dead execution environment; {@code backoff} doubles while it keeps dying young.
     */
    private void launch(Running running, int number, List<String> command, Map<String, String> environment, Path dir,
            Duration backoff) throws IOException {
        String label = running.spec().logicalId() + "#" + number;
        FunctionProcess instance;
        synchronized (this) {
            if (closing) {
                return;
            }
            Map<String, String> own = new LinkedHashMap<>(environment);
            own.put("LOCAL_INSTANCE", label);
            instance = FunctionProcess.start(label, command, own, dir);
            running.instances().set(number - 1, instance);
            running.runtime().onTimeout(timedOut -> {
                // Lambda ends an execution environment whose invocation timed out; so does the local run.
                for (FunctionProcess p : running.instances()) {
                    if (p != null && p.label().equals(timedOut)) {
                        Console.warn(timedOut + " is stopped: its invocation timed out");
                        p.stop();
                    }
                }
            });
        }
        long started = System.nanoTime();
        instance.onExit().thenRun(() -> {
            if (closing) {
                return;
            }
            running.runtime().recyclePollers();
            boolean diedYoung = Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMinutes(1)) < 0;
            Duration wait = diedYoung ? backoff : Duration.ofSeconds(1);
            Duration next = wait.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : wait.multipliedBy(2);
            Console.warn(label + " ended; starting a new instance in " + wait.toSeconds() + " s");
            restarts.schedule(() -> {
                try {
                    launch(running, number, command, environment, dir, next);
                } catch (IOException | RuntimeException e) {
                    Console.warn(label + " could not be restarted: " + e);
                }
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** The environment AWS would give the function, plus what a local run needs and what the developer set. */
    private Map<String, String> environment(FunctionSpec spec, RuntimeApi runtime, FunctionCode.Unpacked code) {
        Map<String, String> env = new LinkedHashMap<>();
        String path = System.getenv("PATH");
        env.put("PATH", path != null ? path : "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", "UTC");
        env.putAll(stack.environment(spec.logicalId()));
        env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        env.put("LAMBDA_TASK_ROOT", code.taskRoot().toString());
        env.put("_HANDLER", spec.handler());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.logicalId());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + spec.logicalId());
        env.put("SMS_ADMIN_KEY", options.adminKey());
        env.put("SMS_SECRET_KEY", options.secretKey());
        env.put("SMS_WEBHOOK_ALLOWINSECURE", "true");
        env.put("SMS_DEMO_ENABLED", "true");
        env.put("SMS_DEMO_TOKEN", options.demoToken());
        env.put("SMS_DEMO_WEBHOOK", demoWebhook.url());
        env.put("SMS_DEMO_PORTALEMAIL", DEMO_PORTAL_EMAIL);
        env.put("SMS_DEMO_PORTALPASSWORD", demoPortalPassword);
        // The local run is plain http: a browser would not send a Secure cookie back over it.
        env.put("SMS_PORTAL_SECURECOOKIES", "false");
        env.put("SMS_SENDER_AUTOAPPROVE", "false");
        env.put("SMS_SMSC_CONNECTOR", "simulator");
        // The dispatcher gives SMSCs the DLR webhook's URL and secret; the webhook checks the same secret.
        env.put("SMS_SMSC_DLRURL", dlrBaseUrl);
        env.put("SMS_SMSC_DLRSECRET", dlrSecret);
        env.put("SMS_DLR_KANNELSECRET", dlrSecret);
        env.put("SMS_DLR_HTTPSECRET", dlrSecret);
        env.putAll(options.overrides());
        return env;
    }

    private HttpFront bind(FunctionSpec spec, int port, RuntimeApi runtime, String setting) throws IOException {
        try {
            return HttpFront.start(spec.logicalId(), new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    spec.routes(), runtime);
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " for " + spec.logicalId()
                    + " is in use: stop what holds it, or set " + setting, e);
        }
    }

    private HttpFront bindNextFree(FunctionSpec spec, int from, Set<Integer> reserved, RuntimeApi runtime)
            throws IOException {
        if (from == 0) {
            return HttpFront.start(spec.logicalId(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    spec.routes(), runtime);
        }
        for (int port = from; port < from + 100; port++) {
            if (reserved.contains(port)) {
                continue;
            }
            try {
                return HttpFront.start(spec.logicalId(), new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                        spec.routes(), runtime);
            } catch (BindException taken) {
                // Try the next one.
            }
        }
        throw new IllegalStateException("no free port in " + from + ".." + (from + 99) + " for " + spec.logicalId());
    }

    /**
     * Ready when every live instance waits in {@code invocation/next}. An instance that dies on the
     * way is not waited for (it is restarted in the background), nor is a function that failed its init.
     */
    private void awaitFirstPolls() {
        long deadline = System.nanoTime() + options.startupTimeout().toNanos();
        while (true) {
            boolean ready = true;
            for (Running running : functions.values()) {
                // A function that fails its init keeps being restarted; waiting for it would be waiting forever.
                if (running.runtime().initError().isPresent()) {
                    continue;
                }
                long alive = running.instances().stream().filter(FunctionProcess::isAlive).count();
                if (running.runtime().waitingPollers() < alive) {
                    ready = false;
                }
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the functions did not all start within " + options.startupTimeout().toSeconds() + " s");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the functions to start", e);
            }
        }
    }

    private String queueOf(Object queueProperty) {
        List<String> queues = stack.template().ofType(LocalStack.QUEUE).stream().map(Template.Resource::logicalId).toList();
        return queueOf(queueProperty, queues, stack::queueArn);
    }

    /** The queue an SQS event's {@code Queue} names: {@code !GetAtt X.Arn}, or an ARN of one of the template's queues. */
    static String queueOf(Object queueProperty, List<String> queues, Function<String, String> arnOf) {
        if (queueProperty instanceof Template.Intrinsic intrinsic && intrinsic.tag().equals("Fn::GetAtt")) {
            Object target = intrinsic.value();
            String logicalId = target instanceof String s ? s.split("\\.", 2)[0]
                    : target instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0)) : null;
            return queues.contains(logicalId) ? logicalId : null;
        }
        if (queueProperty instanceof String arn) {
            return queues.stream().filter(id -> arnOf.apply(id).equals(arn)).findFirst().orElse(null);
        }
        return null;
    }

    private String functionArn(String logicalId) {
        return "arn:aws:lambda:" + stack.region() + ":" + HttpApiEvents.ACCOUNT_ID + ":function:" + logicalId;
    }

    // ------------------------------------------------------------------------- the handle

    /** Base URL of the {@value #API_FUNCTION} front, such as {@code http://127.0.0.1:8080}. */
    public String apiBaseUrl() {
        return front(API_FUNCTION).baseUrl();
    }

    /** Base URL of the {@value #DLR_FUNCTION} front, where SMSCs post delivery reports. */
    public String dlrBaseUrl() {
        return front(DLR_FUNCTION).baseUrl();
    }

    /** Base URL of any HTTP function's front. */
    public String baseUrl(String functionLogicalId) {
        return front(functionLogicalId).baseUrl();
    }

    public String adminKey() {
        return options.adminKey();
    }

    public String demoToken() {
        return options.demoToken();
    }

    /** The demo portal user's password (its email is {@link #DEMO_PORTAL_EMAIL}). */
    public String demoPortalPassword() {
        return demoPortalPassword;
    }

    /** The functions that are running, in template order. */
    public List<String> functions() {
        return List.copyOf(functions.keySet());
    }

    public LocalStack stack() {
        return stack;
    }

    /** Process ids of every live function instance, by instance label ({@code ApiFunction#1}). */
    public Map<String, Long> instancePids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (Running running : functions.values()) {
            for (FunctionProcess p : running.instances()) {
                if (p != null && p.isAlive()) {
                    pids.put(p.label(), p.pid());
                }
            }
        }
        return pids;
    }

    /** Invocations of a function that its instances have answered since the start. */
    public long finishedInvocations(String functionLogicalId) {
        Running running = functions.get(functionLogicalId);
        return running == null ? 0 : running.runtime().finishedInvocations();
    }

    /** SQS requests the event source mappings made that received or deleted messages (empty polls not counted). */
    public long eventSourceRequests() {
        return pollers.stream().mapToLong(SqsPoller::busyRequests).sum();
    }

    /** Invokes a function directly, as {@code aws lambda invoke} would; waits for the outcome. */
    public InvocationResult invoke(String functionLogicalId, String eventJson) {
        Running running = functions.get(functionLogicalId);
        if (running == null) {
            throw new IllegalArgumentException(functionLogicalId + " is not running; running: " + functions.keySet());
        }
        return running.runtime().invoke(eventJson.getBytes(StandardCharsets.UTF_8)).join();
    }

    private HttpFront front(String functionLogicalId) {
        Running running = functions.get(functionLogicalId);
        if (running == null || running.front() == null) {
            throw new IllegalStateException(functionLogicalId + " is not running as an HTTP function"
                    + " (not in the template, not built, or without HttpApi events)");
        }
        return running.front();
    }

    public String banner() {
        boolean api = functions.containsKey(API_FUNCTION) && functions.get(API_FUNCTION).front() != null;
        boolean dlr = functions.containsKey(DLR_FUNCTION) && functions.get(DLR_FUNCTION).front() != null;
        String base = api ? apiBaseUrl() : "(" + API_FUNCTION + " is not running)";
        StringBuilder b = new StringBuilder();
        b.append('\n').append("=".repeat(78)).append('\n');
        b.append(" SMS gateway running locally: ").append(String.join(", ", functions.keySet())).append('\n');
        b.append('\n');
        b.append(" API base URL      ").append(base).append('\n');
        b.append(" DLR webhook       ").append(dlr ? dlrBaseUrl() + "/ng/v1/dlr/{connector}" : "(" + DLR_FUNCTION + " is not running)").append('\n');
        b.append(" Admin key         ").append(adminKey()).append("   (header X-Admin-Key)").append('\n');
        b.append(" Demo API token    ").append(demoToken()).append("   (header Authorization: Bearer ...)").append('\n');
        b.append(" Approved sender   ").append(DEMO_SENDER).append('\n');
        b.append(" Portal            ").append(base).append("/portal/   (sign in as ").append(DEMO_PORTAL_EMAIL)
                .append(", password ").append(demoPortalPassword).append(")").append('\n');
        b.append(" Demo webhook      ").append(demoWebhook.url()).append("   (callbacks print as [webhook] lines)").append('\n');
        b.append('\n');
        b.append(" curl -s ").append(base).append("/ng/v1/account \\\n");
        b.append("   -H 'Authorization: Bearer ").append(demoToken()).append("'\n");
        b.append('\n');
        b.append(" curl -s -X POST ").append(base).append("/ng/v1/sendsms \\\n");
        b.append("   -H 'Authorization: Bearer ").append(demoToken()).append("' \\\n");
        b.append("   -H 'Content-Type: application/json' \\\n");
        b.append("   -d '{\"from\":\"").append(DEMO_SENDER).append("\",\"to\":[\"").append(DEMO_RECIPIENT)
                .append("\"],\"body\":\"Hello from the local gateway\",\"delivery_report\":\"yes\"}'\n");
        b.append('\n');
        b.append(" Ctrl-C stops everything.\n");
        b.append("=".repeat(78)).append('\n');
        return b.toString();
    }

    /** Blocks until {@link #close()} has finished (from a shutdown hook, for {@code main}). */
    public void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops event sources first, so nothing new arrives, then the functions, then the stores. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            Console.info("stopping the local gateway");
            restarts.shutdownNow();
            if (schedules != null) {
                schedules.close();
            }
            pollers.forEach(SqsPoller::close);
            for (Running running : functions.values()) {
                if (running.front() != null) {
                    running.front().close();
                }
            }
            List<FunctionProcess> all = functions.values().stream().flatMap(r -> r.instances().stream())
                    .filter(java.util.Objects::nonNull).toList();
            all.forEach(FunctionProcess::stop);
            all.forEach(FunctionProcess::close);
            functions.values().forEach(r -> r.runtime().close());
            if (demoWebhook != null) {
                demoWebhook.close();
            }
            if (stack != null) {
                stack.close();
            }
        } finally {
            closed.countDown();
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String randomUrlSafe(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }
}
