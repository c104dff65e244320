package io.tributary.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test script under {@code src/test/resources} with the system python3 (the Debian client
 * packages .ci/run installs live there, not in a pyenv) and checks it finished in time with exit code
 * 0 and printed {@code ALL OK}; returns its output for further checks.
 */
public final class PythonScript {
    private PythonScript() {
    }

    public static String runOk(String resource, long timeoutSeconds, Object... args) throws Exception {
        Path script = Path.of("src/test/resources", resource).toAbsolutePath();
        Path python = Files.isExecutable(Path.of("/usr/bin/python3")) ? Path.of("/usr/bin/python3") : Path.of("python3");
        List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString()));
        for (Object a : args) {
            cmd.add(String.valueOf(a));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "python-output");
        reader.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        reader.join(5_000);
        String output;
        synchronized (out) {
            output = out.toString(StandardCharsets.UTF_8);
        }
        assertThat(done).as("%s finished within %d s: %s", resource, timeoutSeconds, output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("ALL OK");
        return output;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
