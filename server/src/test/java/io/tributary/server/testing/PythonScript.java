package io.tributary.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a python3 script from {@code src/test/resources} with the system interpreter (the Debian
 * client libraries the tests use are system packages) and collects its output.
 */
public final class PythonScript {
    /** How the script ended: {@code finished} is false when it ran out of time (it is then killed). */
    public record Result(boolean finished, int exitCode, String output) {
    }

    private PythonScript() {
    }

    public static Result run(String resource, Duration timeout, String... args) throws IOException, InterruptedException {
        Path script = Path.of("src/test/resources", resource).toAbsolutePath();
        Path python = Files.isExecutable(Path.of("/usr/bin/python3")) ? Path.of("/usr/bin/python3") : Path.of("python3");
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(done, done ? p.exitValue() : -1, output);
    }
}
