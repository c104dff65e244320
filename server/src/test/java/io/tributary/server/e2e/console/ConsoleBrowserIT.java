package io.tributary.server.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tributary.config.ManagementSettings;
import io.tributary.server.testing.BrokerExtension;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in headless Chromium (Debian's chromium and chromium-driver; {@code
 * -Dchrome.binary} and {@code -Dchromedriver} point elsewhere): log in, create an exchange and a
 * queue, bind them, publish from the exchange page, watch the queue's depth become 1 by polling,
 * consume the message through the API; then a screenshot of every page, into
 * {@code target/console-screenshots/} and, with {@code -Dconsole.screenshots=../docs/console}, into
 * the README's pictures.
 */
class ConsoleBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension(b -> b.set(ManagementSettings.SAMPLE_INTERVAL_MS, 500L));

    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chrome.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1366,900",
                "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver", "/usr/bin/chromedriver"))).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorRoutesAMessageThroughTheConsole() throws Exception {
        browser.get(BROKER.get().httpBase() + "/");
        WebElement user = awaitElement(By.id("login-username"));
        screenshot("login");
        user.sendKeys("guest");
        browser.findElement(By.id("login-password")).sendKeys("wrong");
        browser.findElement(By.id("login-submit")).click();
        await().atMost(WAIT).until(() -> status().contains("Login failed"));
        browser.findElement(By.id("login-password")).clear();
        browser.findElement(By.id("login-password")).sendKeys("guest");
        browser.findElement(By.id("login-submit")).click();
        awaitPage("overview");

        open("#/exchanges", "exchanges");
        type(By.id("exchange-name"), "ui.orders");
        new Select(browser.findElement(By.id("exchange-type"))).selectByVisibleText("direct");
        browser.findElement(By.id("exchange-submit")).click();
        await().atMost(WAIT).until(() -> browser.findElement(By.id("main")).getText().contains("ui.orders"));

        open("#/queues", "queues");
        type(By.id("queue-name"), "ui.inbox");
        browser.findElement(By.id("queue-submit")).click();
        await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector("[data-queue-depth='//ui.inbox']")).isEmpty());

        open("#/exchange/%2F/ui.orders", "exchange");
        type(By.id("binding-other"), "ui.inbox");
        type(By.id("binding-key"), "new-order");
        browser.findElement(By.id("binding-submit")).click();
        await().atMost(WAIT).until(() -> status().contains("Binding added"));
        await().atMost(WAIT).until(() -> browser.findElement(By.id("main")).getText().contains("queue ui.inbox"));
        type(By.id("publish-key"), "new-order");
        type(By.id("publish-payload"), "order 1 from the console");
        browser.findElement(By.id("publish-submit")).click();
        await().atMost(WAIT).until(() -> status().contains("published and routed"));
        screenshot("exchange");

        open("#/queues", "queues");
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> browser.findElement(By.cssSelector("[data-queue-depth='//ui.inbox']")).getText().equals("1"));
        screenshot("queues");

        JsonNode got = api("POST", "/api/queues/%2F/ui.inbox/get", "{\"count\":1,\"ackmode\":\"ack_requeue_false\",\"encoding\":\"auto\"}");
        assertThat(got).hasSize(1);
        assertThat(got.get(0).path("payload").asText()).isEqualTo("order 1 from the console");
        assertThat(got.get(0).path("routing_key").asText()).isEqualTo("new-order");
        assertThat(got.get(0).path("properties").path("delivery_mode").asInt()).isEqualTo(2);
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> browser.findElement(By.cssSelector("[data-queue-depth='//ui.inbox']")).getText().equals("0"));

        screenshotsOfEveryPage();
        aPhoneSizedWindowScrollsNoPageSideways();
    }

    /** Responsive: at 400 px the navigation and forms wrap, and only wide tables scroll, inside their box. */
    private void aPhoneSizedWindowScrollsNoPageSideways() throws IOException {
        browser.manage().window().setSize(new Dimension(400, 860));
        try {
            for (String[] page : new String[][] {{"#/queues", "queues"}, {"#/exchange/%2F/ui.orders", "exchange"}, {"#/topic/ui.events", "topic"}}) {
                open(page[0], page[1]);
                Object overflow = ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).intValue()).as("sideways overflow of %s", page[0]).isLessThanOrEqualTo(0);
            }
            screenshot("narrow");
        } finally {
            browser.manage().window().setSize(new Dimension(1366, 900));
        }
    }

    /** Some traffic and objects first, so the pictures show something. */
    private void screenshotsOfEveryPage() throws Exception {
        api("PUT", "/api/queues/%2F/ui.audit", "{\"durable\":true,\"arguments\":{\"x-queue-type\":\"stream\"}}");
        api("POST", "/api/bindings/%2F/e/ui.orders/q/ui.audit", "{\"routing_key\":\"new-order\"}");
        api("PUT", "/api/topics/ui.events", "{\"partitions\":3,\"configs\":{\"retention.ms\":\"86400000\"}}");
        api("PUT", "/api/policies/%2F/ui-limits", "{\"pattern\":\"^ui\\\\.\",\"apply-to\":\"queues\",\"definition\":{\"max-length\":10000}}");
        api("PUT", "/api/users/ui-viewer", "{\"password\":\"v\",\"tags\":\"monitoring\"}");
        api("PUT", "/api/permissions/%2F/ui-viewer", "{\"configure\":\"\",\"write\":\"\",\"read\":\".*\"}");
        String publish = "{\"properties\":{},\"routing_key\":\"new-order\",\"payload\":\"order\",\"payload_encoding\":\"string\"}";
        for (int i = 0; i < 5; i++) {
            api("POST", "/api/exchanges/%2F/ui.orders/publish", publish);
        }
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(BROKER.get().amqpPort());
        try (Connection amqp = f.newConnection("console-screenshots");
             KafkaProducer<String, String> producer = BROKER.get().stringProducer(); KafkaConsumer<String, String> consumer = consumer()) {
            amqp.createChannel().basicConsume("ui.inbox", false, (tag, d) -> { }, tag -> { });
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>("ui.events", i % 3, "k" + i, "v" + i)).get();
            }
            consumer.commitSync(Map.of(new TopicPartition("ui.events", 0), new OffsetAndMetadata(4),
                    new TopicPartition("ui.events", 1), new OffsetAndMetadata(10)));
            for (String[] page : new String[][] {{"#/overview", "overview"}, {"#/exchanges", "exchanges"}, {"#/queue/%2F/ui.inbox", "queue"}, {"#/queue/%2F/ui.audit", "stream"},
                    {"#/topics", "topics"}, {"#/topic/ui.events", "topic"}, {"#/groups", "groups"}, {"#/group/ui.readers", "group"},
                    {"#/connections", "connections"}, {"#/users", "users"}, {"#/policies", "policies"}, {"#/definitions", "definitions"}}) {
                open(page[0], "stream".equals(page[1]) ? "queue" : page[1]);
                if ("stream".equals(page[1])) {
                    await().atMost(WAIT).until(() -> browser.findElement(By.id("partitions-title")).isDisplayed()
                            && !browser.findElement(By.id("get-title")).isDisplayed());
                }
                if ("overview".equals(page[1])) {
                    await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector(".chart canvas")).isEmpty());
                }
                screenshot(page[1]);
            }
        }
    }

    private void open(String hash, String page) {
        ((JavascriptExecutor) browser).executeScript("location.hash = arguments[0]", hash);
        awaitPage(page);
    }

    private void awaitPage(String page) {
        try {
            await().atMost(WAIT).ignoreExceptions().until(() -> page.equals(browser.findElement(By.id("main")).getAttribute("data-page")));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("page " + page + " did not show; status: " + status() + "; browser console: "
                    + browser.manage().logs().get("browser").getAll(), e);
        }
    }

    private WebElement awaitElement(By by) {
        return await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(by), e -> e.isDisplayed());
    }

    private void type(By by, String text) {
        WebElement e = awaitElement(by);
        e.clear();
        e.sendKeys(text);
    }

    private String status() {
        return browser.findElement(By.id("status")).getText();
    }

    /** The whole page (Chrome's full-page capture) into target/, and into -Dconsole.screenshots when set. */
    private void screenshot(String name) throws IOException {
        ChromeDriver chrome = (ChromeDriver) browser;
        Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width"), "height", Math.min(4000, size.get("height").intValue()),
                "scale", 1);
        Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        for (String dir : new String[] {"target/console-screenshots", System.getProperty("console.screenshots")}) {
            if (dir != null && !dir.isBlank()) {
                Path d = Paths.get(dir);
                Files.createDirectories(d);
                Files.write(d.resolve(name + ".png"), png);
            }
        }
    }

    private static JsonNode api(String method, String path, String body) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(BROKER.get().httpBase() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Authorization", auth)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isLessThan(300);
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    private KafkaConsumer<String, String> consumer() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.get().kafkaBootstrap());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "ui.readers");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c);
        consumer.assign(List.of(new TopicPartition("ui.events", 0), new TopicPartition("ui.events", 1)));
        return consumer;
    }
}
