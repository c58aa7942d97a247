package io.resetflow.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * Copies the three service jars into {@code <dir>/<service>/target/} before the stack starts, so that a build running
 * next to the bench (it shares the working tree) cannot replace a jar under a running service. The launcher is then
 * pointed at {@code dir} as its repo root. A jar in the working tree that is missing or not a readable zip (a build
 * is writing it) is taken from the local Maven repository instead (what {@code ./mvnw install} put there); which jar
 * ran is reported.
 */
final class JarSnapshot {
    private JarSnapshot() {
    }

    /**
     * service -> "path (modified ...)" of the jar used; the path relative to {@code repo} or as {@code ~/...}, so that
     * a table pasted into a commit or an issue does not show the machine's directories.
     */
    static Map<String, String> prepare(Path repo, Path dir, Iterable<String> services) throws IOException {
        Map<String, String> used = new LinkedHashMap<>();
        Bench.deleteRecursively(dir);
        for (String service : services) {
            Path source = find(repo.resolve(service).resolve("target"), service).filter(JarSnapshot::readable)
                    .or(() -> fromLocalRepository(service).filter(JarSnapshot::readable))
                    .orElseThrow(() -> new IllegalStateException("no readable " + service + "-*-exec.jar in " + repo.resolve(service)
                            .resolve("target") + " nor in ~/.m2: build first (./mvnw -DskipTests install)"));
            Path target = dir.resolve(service).resolve("target");
            Files.createDirectories(target);
            Files.copy(source, target.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            used.put(service, Bench.shown(source, repo) + " (modified " + Instant.ofEpochMilli(Files.getLastModifiedTime(source).toMillis()) + ")");
        }
        return used;
    }

    static Optional<Path> find(Path target, String service) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, service + "-*-exec.jar")) {
            for (Path jar : jars) {
                return Optional.of(jar);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static Optional<Path> fromLocalRepository(String service) {
        Path dir = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "resetflow", service);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (var versions = Files.list(dir)) {
            return versions.filter(Files::isDirectory).map(v -> find(v, service)).flatMap(Optional::stream).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean readable(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry("META-INF/MANIFEST.MF") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
