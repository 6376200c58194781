package com.ninebits.sms.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's code laid out as Lambda lays it out in {@code /var/task}: the CodeUri zip unpacked
 * (or the CodeUri folder as it is), and the command that runs it the way its runtime would.
 */
final class FunctionCode {

    /**
     * @param taskRoot the function's {@code LAMBDA_TASK_ROOT}
     * @param provided true for a custom runtime ({@code provided.al2023}): the code brings its own
     *                 {@code bootstrap} executable, as a Quarkus native build does
     */
    record Unpacked(Path taskRoot, boolean provided) {
    }

    private FunctionCode() {
    }

    /** Unpacks {@code code} under {@code workDir} unless the same zip was unpacked there before. */
    static Unpacked unpack(Path code, Path workDir) throws IOException {
        if (Files.isDirectory(code)) {
            return new Unpacked(code, Files.isRegularFile(code.resolve("bootstrap")));
        }
        Path task = workDir.resolve("task");
        Path stamp = workDir.resolve("unpacked-from");
        String source = code + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
        if (!Files.isDirectory(task) || !Files.isRegularFile(stamp) || !Files.readString(stamp).equals(source)) {
            deleteTree(workDir);
            Files.createDirectories(task);
            extract(code, task);
            Files.writeString(stamp, source);
        }
        Path bootstrap = task.resolve("bootstrap");
        if (Files.isRegularFile(bootstrap)) {
            // Zip entries lose their mode bits here; Lambda keeps them.
            bootstrap.toFile().setExecutable(true);
            return new Unpacked(task, true);
        }
        return new Unpacked(task, false);
    }

    /**
     * The process command. Java: the task root and its {@code lib/*} on the class path, as Lambda's
     * Java runtimes have them, and {@link LambdaBootstrap} in the runtime client's place.
     */
    static List<String> command(Unpacked code, String java, List<String> jvmOptions, Path bootstrapJar, String handler) {
        if (code.provided()) {
            return List.of(code.taskRoot().resolve("bootstrap").toString());
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, code.taskRoot().toString(),
                code.taskRoot().resolve("lib").resolve("*").toString(), bootstrapJar.toString()));
        command.add(LambdaBootstrap.class.getName());
        command.add(handler);
        return command;
    }

    /** A jar holding only {@link LambdaBootstrap} (and its nested types), so the function's class path gets nothing else of the run. */
    static Path writeBootstrapJar(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path jar = dir.resolve("lambda-bootstrap.jar");
        Path partial = dir.resolve("lambda-bootstrap.jar.partial");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        List<Class<?>> classes = new ArrayList<>(List.of(LambdaBootstrap.class));
        classes.addAll(List.of(LambdaBootstrap.class.getDeclaredClasses()));
        try (OutputStream file = Files.newOutputStream(partial);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                try (InputStream in = LambdaBootstrap.class.getClassLoader().getResourceAsStream(entry)) {
                    if (in == null) {
                        throw new IOException("cannot read " + entry + " from the local run's own classes");
                    }
                    out.putNextEntry(new JarEntry(entry));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void extract(Path zip, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException(zip + " has an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
