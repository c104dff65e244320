package io.tributary.server.http.console;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.server.http.HttpResponses;
import io.tributary.server.http.HttpRouter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Serves the console: {@code /} → {@code console/index.html}, {@code /console/{file}} and its
 * {@code js/} and {@code pages/} modules from the class path, {@code /console/vendor/{file}} from
 * uPlot's WebJar. File names are checked against a safe pattern, so no path leaves those folders.
 */
public final class ConsoleRoutes {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "json", "application/json");
    private static final String CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private final String vendorRoot;

    public ConsoleRoutes() {
        this.vendorRoot = "META-INF/resources/webjars/uplot/" + webJarVersion("org.webjars.npm", "uplot") + "/dist/";
    }

    public void register(HttpRouter router) {
        router.route(HttpMethod.GET, "/", r -> serve("console/index.html"));
        router.route(HttpMethod.GET, "/console/{file}", r -> serve("console/" + safe(r.path("file"))));
        for (String dir : new String[] {"js", "pages"}) {
            router.route(HttpMethod.GET, "/console/" + dir + "/{file}", r -> serve("console/" + dir + "/" + safe(r.path("file"))));
        }
        router.route(HttpMethod.GET, "/console/vendor/{file}", r -> serve(vendorRoot + safe(r.path("file"))));
    }

    private static String safe(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() && !name.startsWith(".") ? name : "-";
    }

    private static FullHttpResponse serve(String resource) {
        byte[] bytes;
        try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "Object Not Found", "Not Found");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String ext = resource.substring(resource.lastIndexOf('.') + 1);
        FullHttpResponse r = HttpResponses.bytes(HttpResponseStatus.OK, TYPES.getOrDefault(ext, "application/octet-stream"), bytes);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        r.headers().set("X-Content-Type-Options", "nosniff");
        // the console runs only its own files and talks only to this origin's API
        r.headers().set("Content-Security-Policy", CSP);
        return r;
    }

    private static String webJarVersion(String group, String artifact) {
        String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("WebJar " + group + ":" + artifact + " is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
