package com.ninebits.sms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionCodeTest {

    @TempDir
    Path dir;

    private Path zip(String name, String... entries) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(entry.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void unpacksAJvmZipOnceAndAgainWhenItChanges() throws Exception {
        Path zip = zip("function.zip", "io/quarkus/runner/ApplicationImpl.class", "lib/a.jar");
        Path work = dir.resolve("work/ApiFunction");

        FunctionCode.Unpacked first = FunctionCode.unpack(zip, work);
        assertFalse(first.provided());
        assertTrue(Files.isRegularFile(first.taskRoot().resolve("lib/a.jar")));
        Path marker = Files.writeString(first.taskRoot().resolve("left-by-a-run"), "x");

        FunctionCode.unpack(zip, work);
        assertTrue(Files.exists(marker), "an unchanged zip was unpacked again");

        zip("function.zip", "io/quarkus/runner/ApplicationImpl.class", "lib/b.jar");
        Files.setLastModifiedTime(zip, FileTime.from(Instant.now().plusSeconds(5)));
        FunctionCode.Unpacked rebuilt = FunctionCode.unpack(zip, work);
        assertFalse(Files.exists(marker));
        assertFalse(Files.exists(rebuilt.taskRoot().resolve("lib/a.jar")));
        assertTrue(Files.exists(rebuilt.taskRoot().resolve("lib/b.jar")));
    }

    @Test
    void recognisesACustomRuntimeByItsBootstrap() throws Exception {
        FunctionCode.Unpacked code = FunctionCode.unpack(zip("native.zip", "bootstrap"), dir.resolve("work/Native"));

        assertTrue(code.provided());
        assertTrue(Files.isExecutable(code.taskRoot().resolve("bootstrap")));
        assertEquals(List.of(code.taskRoot().resolve("bootstrap").toString()),
                FunctionCode.command(code, "java", List.of("-Xmx1m"), dir.resolve("b.jar"), "x::y"));
    }

    @Test
    void refusesEntriesThatLeaveTheTaskRoot() throws Exception {
        Path zip = zip("evil.zip", "../../outside");
        assertThrows(IOException.class, () -> FunctionCode.unpack(zip, dir.resolve("work/Evil")));
    }

    @Test
    void runsJvmCodeWithTheTaskRootItsLibrariesAndTheBootstrap() throws Exception {
        FunctionCode.Unpacked code = new FunctionCode.Unpacked(Path.of("/var/task"), false);

        List<String> command = FunctionCode.command(code, "/jdk/bin/java", List.of("-XX:+UseSerialGC", "-Xmx384m"),
                Path.of("/run/lambda-bootstrap.jar"), "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");

        assertEquals(List.of("/jdk/bin/java", "-XX:+UseSerialGC", "-Xmx384m", "-cp",
                "/var/task:/var/task/lib/*:/run/lambda-bootstrap.jar", "com.ninebits.sms.local.LambdaBootstrap",
                "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"), command);
    }

    @Test
    void bootstrapJarHoldsOnlyTheBootstrap() throws Exception {
        Path jar = FunctionCode.writeBootstrapJar(dir.resolve("functions"));

        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals(List.of("META-INF/MANIFEST.MF", "com/ninebits/sms/local/LambdaBootstrap.class",
                            "com/ninebits/sms/local/LambdaBootstrap$Reply.class"),
                    file.stream().map(ZipEntry::getName).toList());
        }
    }
}
