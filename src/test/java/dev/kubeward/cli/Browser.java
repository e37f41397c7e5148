package dev.kubeward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver HTTP API with the JDK's
 * HttpClient: no Selenium. Every request has a timeout, so a hung browser fails a test instead of
 * stalling the build. Debian's packages {@code chromium} and {@code chromium-driver}; {@code .ci/run}
 * installs them.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration STEP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final Path profile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String session;

    /** Why the browser cannot run here, or null when it can. */
    public static String unavailable() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return "headless Chromium is not installed (apt-get install -y chromium chromium-driver; .ci/run does)";
        }
        return null;
    }

    public Browser() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        profile = Files.createTempDirectory("kubeward-chromium");
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromedriver.log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                if (get("/status").path("value").path("ready").asBoolean()) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("chromedriver did not start within 20 s");
            }
            Thread.sleep(100);
        }
        ObjectNode caps = JSON.createObjectNode();
        ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
        always.put("browserName", "chrome");
        ObjectNode chrome = always.putObject("goog:chromeOptions");
        chrome.put("binary", CHROMIUM.toString());
        ArrayNode args = chrome.putArray("args");
        for (String a : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile.resolve("profile"))) {
            args.add(a);
        }
        always.putObject("goog:loggingPrefs").put("browser", "ALL");
        always.putObject("timeouts").put("pageLoad", 60000).put("script", 30000);
        JsonNode created = post("/session", caps);
        session = created.path("value").path("sessionId").asText(null);
        if (session == null) {
            close();
            throw new IllegalStateException("chromedriver made no session: " + created);
        }
    }

    public void open(Path file) throws IOException, InterruptedException {
        post("/session/" + session + "/url", JSON.createObjectNode().put("url", file.toUri().toString()));
    }

    /** Runs a script in the page (its {@code return} value, as JSON). */
    public JsonNode run(String script) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        body.putArray("args");
        JsonNode r = post("/session/" + session + "/execute/sync", body);
        if (r.path("value").has("error")) {
            throw new IllegalStateException("script failed: " + r.path("value"));
        }
        return r.path("value");
    }

    /** The console messages logged since the last call, as "LEVEL message". */
    public List<String> console() throws IOException, InterruptedException {
        JsonNode r = post("/session/" + session + "/se/log", JSON.createObjectNode().put("type", "browser"));
        List<String> out = new ArrayList<>();
        for (JsonNode e : r.path("value")) {
            out.add(e.path("level").asText() + " " + e.path("message").asText());
        }
        return out;
    }

    public void screenshot(Path png) throws IOException, InterruptedException {
        JsonNode r = get("/session/" + session + "/screenshot");
        Files.write(png, java.util.Base64.getDecoder().decode(r.path("value").asText()));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(STEP).GET().build());
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(STEP)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                send(HttpRequest.newBuilder(URI.create(base + "/session/" + session)).timeout(Duration.ofSeconds(10))
                        .DELETE().build());
            }
        } catch (Exception e) {
            // the driver is stopped below anyway
        }
        driver.destroy();
        try {
            if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            driver.destroyForcibly();
        }
    }
}
