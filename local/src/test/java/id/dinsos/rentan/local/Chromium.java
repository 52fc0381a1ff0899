package id.dinsos.rentan.local;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Chromium for the console's browser tests: Debian's {@code chromium} and its
 * {@code chromedriver} (or those named by CHROMIUM_BIN and CHROMEDRIVER_BIN), started with the flags
 * a closed network needs. Aborts the calling test class, with the reason, where they are not installed.
 */
final class Chromium {
    static final Path BINARY = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {
    }

    static ChromeDriver start(Path downloads) {
        Assumptions.assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "Chromium not installed (" + BINARY + ", " + DRIVER + "): the browser tests are skipped. "
                        + "Install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver), as .ci/run does.");
        // Selenium reports through java.util.logging; a passing run prints nothing of it.
        Logger.getLogger("org.openqa.selenium").setLevel(Level.OFF);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        // No network beyond loopback here: every background connection Chromium tries would be refused.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=id-ID");
        if (downloads != null) {
            options.setExperimentalOption("prefs", Map.of(
                    "download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        return new ChromeDriver(service, options);
    }

    static void screenshot(ChromeDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now and returns the violations of
     * serious or critical impact, each as "rule: help (n elements: first target)".
     */
    static List<String> accessibilityViolations(ChromeDriver browser) throws IOException {
        try (var in = Chromium.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test class path (com.deque.html.axe-core:selenium)");
            }
            browser.executeScript(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        Object result = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ' elements: ' + v.nodes[0].target.join(' ') + ')')))
                  .catch(e => done(['axe failed: ' + e]));""");
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) result;
        return violations;
    }

    /** JavaScript errors and Content-Security-Policy violations show as SEVERE browser log entries. */
    static void assertNoBrowserErrors(ChromeDriver browser) {
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // The API's expected 4xx answers are logged by Chromium as failed resource loads.
                .filter(e -> !e.getMessage().contains("the server responded with a status of 4"))
                .toList();
        assertThat(severe).as("browser console errors").isEmpty();
    }
}
