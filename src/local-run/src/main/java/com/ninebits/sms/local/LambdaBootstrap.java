package com.ninebits.sms.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.io.BufferedInputStream;
import java.net.Socket;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the AWS runtime interface client does in Lambda's Java runtimes, inside a function's JVM:
 * load the handler (its static init is the function's init phase, where Quarkus boots), then poll
 * the Runtime API and call {@code handleRequest(InputStream, OutputStream, Context)} per event.
 * Quarkus' own poll loop only exists in native builds, so a JVM build needs this.
 *
 * <p>JDK classes only, and no nested classes: {@link LocalGateway} copies this one class file
 * into a jar of its own for the function's class path. The Lambda {@code Context} is a proxy, so
 * the handler's {@code aws-lambda-java-core} is the only one in play.
 */
public final class LambdaBootstrap {

    private static final String PATH = "/2018-06-01/runtime/";
    private static String runtime;

    /** A response of the Runtime API: status, headers (lower-cased names) and body. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
    }

    private LambdaBootstrap() {
    }

    public static void main(String[] args) throws Exception {
        String handler = args.length > 0 ? args[0] : System.getenv("_HANDLER");
        runtime = System.getenv("AWS_LAMBDA_RUNTIME_API");
        // A local run that is killed cannot stop its functions: each one ends with the process that started it.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));

        Object target;
        Method method;
        try {
            int separator = handler.indexOf("::");
            String className = separator < 0 ? handler : handler.substring(0, separator);
            String methodName = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
            Class<?> type = Class.forName(className, true, ClassLoader.getSystemClassLoader());
            method = streamMethod(type, methodName);
            target = type.getDeclaredConstructor().newInstance();
        } catch (Throwable e) {
            Throwable cause = e instanceof InvocationTargetException || e instanceof ExceptionInInitializerError
                    ? (e.getCause() != null ? e.getCause() : e) : e;
            cause.printStackTrace();
            post(PATH + "init/error", error(cause), cause.getClass().getName());
            System.exit(1);
            return;
        }

        while (true) {
            Reply next = nextEvent();
            if (next != null) {
                invoke(target, method, next);
            }
        }
    }

    /** The next event, or null when the Runtime API answered anything else (ask again then). */
    private static Reply nextEvent() throws IOException, InterruptedException {
        Reply next;
        try {
            next = exchange(runtime, "GET", PATH + "invocation/next", null, null);
        } catch (ConnectException runtimeGone) {
            // The local run ended without stopping this process (killed): so does the function.
            System.exit(0);
            return null;
        }
        if (next.status() != 200) {
            // As Quarkus' own loop does: anything but an event means ask again.
            Thread.sleep(50);
            return null;
        }
        return next;
    }

    /** Calls the handler with one event and posts its answer, or its exception as the invocation's error. */
    private static void invoke(Object target, Method method, Reply next) throws IOException, IllegalAccessException {
        byte[] event = next.body();
        String requestId = next.headers().get("lambda-runtime-aws-request-id");
        String traceId = next.headers().get("lambda-runtime-trace-id");
        if (traceId != null) {
            System.setProperty("com.amazonaws.xray.traceHeader", traceId);
        }
        Object context = context(method.getParameterTypes()[2], requestId,
                next.headers().get("lambda-runtime-invoked-function-arn"),
                parseLong(next.headers().get("lambda-runtime-deadline-ms")));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            method.invoke(target, new ByteArrayInputStream(event), output, context);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            cause.printStackTrace();
            post(PATH + "invocation/" + requestId + "/error", error(cause), cause.getClass().getName());
            return;
        }
        post(PATH + "invocation/" + requestId + "/response", output.toByteArray(), null);
    }

    private static Method streamMethod(Class<?> type, String name) throws NoSuchMethodException {
        for (Method m : type.getMethods()) {
            Class<?>[] p = m.getParameterTypes();
            if (m.getName().equals(name) && p.length == 3 && p[0] == InputStream.class && p[1] == OutputStream.class) {
                return m;
            }
        }
        throw new NoSuchMethodException(type.getName() + "::" + name + "(InputStream, OutputStream, Context)");
    }

    /** A Context for whatever the handler declares: the Lambda interface when it is there, else a bare object. */
    private static Object context(Class<?> declared, String requestId, String functionArn, long deadline) {
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        List<Class<?>> interfaces = new ArrayList<>();
        if (declared.isInterface()) {
            interfaces.add(declared);
        }
        Object logger = proxy(loader, "com.amazonaws.services.lambda.runtime.LambdaLogger", (p, m, a) -> {
            if (m.getName().equals("log") && a != null && a.length > 0) {
                System.out.print(a[0] instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(a[0]));
                System.out.flush();
            }
            return objectMethod(p, m.getName(), a);
        });
        return Proxy.newProxyInstance(loader, interfaces.toArray(new Class<?>[0]), (p, m, a) -> switch (m.getName()) {
            case "getAwsRequestId" -> requestId;
            case "getInvokedFunctionArn" -> functionArn;
            case "getFunctionName" -> System.getenv("AWS_LAMBDA_FUNCTION_NAME");
            case "getFunctionVersion" -> System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
            case "getLogGroupName" -> System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
            case "getLogStreamName" -> System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
            case "getMemoryLimitInMB" -> Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"));
            case "getRemainingTimeInMillis" -> (int) Math.max(0, deadline - System.currentTimeMillis());
            case "getLogger" -> logger;
            case "getIdentity", "getClientContext" -> null;
            default -> objectMethod(p, m.getName(), a);
        });
    }

    private static Object proxy(ClassLoader loader, String interfaceName, java.lang.reflect.InvocationHandler handler) {
        try {
            Class<?> type = Class.forName(interfaceName, false, loader);
            return Proxy.newProxyInstance(loader, new Class<?>[] {type}, handler);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static Object objectMethod(Object proxy, String name, Object[] args) {
        return switch (name) {
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> args != null && args.length == 1 && args[0] == proxy;
            case "toString" -> "LambdaContext";
            default -> null;
        };
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The error document Lambda runtimes post: type, message and the stack as lines. */
    private static byte[] error(Throwable error) {
        StringWriter stack = new StringWriter();
        error.printStackTrace(new PrintWriter(stack));
        StringBuilder json = new StringBuilder("{\"errorMessage\":").append(quote(String.valueOf(error.getMessage())))
                .append(",\"errorType\":").append(quote(error.getClass().getName())).append(",\"stackTrace\":[");
        String[] lines = stack.toString().split("\n");
        for (int i = 1; i < lines.length && i <= 50; i++) {
            json.append(i > 1 ? "," : "").append(quote(lines[i].trim()));
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static void post(String path, byte[] body, String errorType) throws IOException {
        exchange(runtime, "POST", path, body, errorType);
    }

    /**
     * One HTTP/1.1 request on a fresh loopback connection, written in a single write with
     * TCP_NODELAY. The JDK's clients write headers and body separately, and the second write then
     * waits out the server's delayed ACK (~40 ms) on every invocation.
     */
    static Reply exchange(String hostPort, String method, String path, byte[] body, String errorType) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)))) {
            socket.setTcpNoDelay(true);
            byte[] payload = body == null ? new byte[0] : body;
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(hostPort).append("\r\n")
                    .append("Connection: close\r\n")
                    .append("Content-Type: application/json\r\n")
                    .append("Content-Length: ").append(payload.length).append("\r\n");
            if (errorType != null) {
                head.append("Lambda-Runtime-Function-Error-Type: ").append(errorType).append("\r\n");
            }
            String instance = System.getenv("LOCAL_INSTANCE");
            if (instance != null) {
                head.append("Lambda-Local-Instance: ").append(instance).append("\r\n");
            }
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = new byte[headBytes.length + payload.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(payload, 0, request, headBytes.length, payload.length);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Reply read(InputStream in) throws IOException {
        String status = line(in);
        if (status == null || !status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        Map<String, String> headers = new HashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        String length = headers.get("content-length");
        byte[] body;
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                chunks.write(in.readNBytes(size));
                line(in);
            }
            body = chunks.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Reply(code, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int last = sb.length() - 1;
                return last >= 0 && sb.charAt(last) == '\r' ? sb.substring(0, last) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
