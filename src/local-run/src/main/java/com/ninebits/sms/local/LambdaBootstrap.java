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
import java.net.HttpURLConnection;
import java.net.URL;
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

    private LambdaBootstrap() {
    }

    public static void main(String[] args) throws Exception {
        String handler = args.length > 0 ? args[0] : System.getenv("_HANDLER");
        String base = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/";

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
            post(base + "init/error", error(cause), cause.getClass().getName());
            System.exit(1);
            return;
        }

        while (true) {
            HttpURLConnection next;
            byte[] event;
            try {
                next = (HttpURLConnection) new URL(base + "invocation/next").openConnection();
                if (next.getResponseCode() != 200) {
                    // As Quarkus' own loop does: anything but an event means ask again.
                    Thread.sleep(50);
                    continue;
                }
                try (InputStream in = next.getInputStream()) {
                    event = in.readAllBytes();
                }
            } catch (ConnectException runtimeGone) {
                // The local run ended without stopping this process (killed): so does the function.
                System.exit(0);
                return;
            }
            String requestId = next.getHeaderField("Lambda-Runtime-Aws-Request-Id");
            String traceId = next.getHeaderField("Lambda-Runtime-Trace-Id");
            if (traceId != null) {
                System.setProperty("com.amazonaws.xray.traceHeader", traceId);
            }
            Object context = context(method.getParameterTypes()[2], requestId,
                    next.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"),
                    parseLong(next.getHeaderField("Lambda-Runtime-Deadline-Ms")));
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try {
                method.invoke(target, new ByteArrayInputStream(event), output, context);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                cause.printStackTrace();
                post(base + "invocation/" + requestId + "/error", error(cause), cause.getClass().getName());
                continue;
            }
            post(base + "invocation/" + requestId + "/response", output.toByteArray(), null);
        }
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

    private static void post(String url, byte[] body, String errorType) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        if (errorType != null) {
            connection.setRequestProperty("Lambda-Runtime-Function-Error-Type", errorType);
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        try (InputStream in = connection.getResponseCode() < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
    }
}
