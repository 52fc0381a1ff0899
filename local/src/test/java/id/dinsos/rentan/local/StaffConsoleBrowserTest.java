package id.dinsos.rentan.local;

import com.fasterxml.jackson.databind.JsonNode;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SampleEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff console in a real browser (headless Chromium through Selenium), against the local runner
 * with DynamoDB Local: the reference walk-throughs clicked through as staff would, one screen after
 * the other. The steps share one programme, so they run in order. Screenshots land in
 * {@code local/target/screenshots/}.
 *
 * <p>Skips with a message where Chromium or its driver is not installed ({@code .ci/run} installs
 * Debian's {@code chromium} and {@code chromium-driver}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffConsoleBrowserTest {
    private static final LocalDate TODAY = LocalDate.parse("2025-08-20");
    private static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String STAFF = "Bearer " + DemoTokens.staff("petugas.demo");
    private static final String PORTAL = "Bearer " + DemoTokens.portal();

    private static LocalRunner runner;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(DOWNLOADS);
        try (var old = Files.list(DOWNLOADS)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        browser = Chromium.start(DOWNLOADS);
        runner = LocalRunner.start(LocalRunner.Options.parse("--today", TODAY.toString(), "--template", ProjectFiles.template().toString()));
        runner.listen(0, "petugas.demo", TODAY);
        base = "http://127.0.0.1:" + runner.port() + "/";
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    @Order(1)
    void dashboard_showsTheDemoProgrammeAndMarksTheLocalIdentity() throws IOException {
        browser.get(base);
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("local-banner")));
        assertThat(banner.getText()).contains("Mode lokal").contains("petugas.demo");
        assertThat(card("quota")).isEqualTo("5.952");
        assertThat(card("allocation")).as("rupiah in the Indonesian format").isEqualTo("Rp1.199.923.200");
        assertThat(card("rate")).isEqualTo("Rp16.800");
        assertThat(browser.findElement(By.id("warnings")).getText()).contains("Tidak ada peringatan");
        screenshot("dasbor-awal");
        assertNoBrowserErrors();
    }

    @Test
    @Order(2)
    void settings_showTheApiErrorNextToTheField_thenSave() throws IOException {
        open("#/pengaturan", "Pengaturan program");
        WebElement quota = browser.findElement(By.id("f-quota"));
        quota.clear();
        quota.sendKeys("0");
        browser.findElement(By.id("save-settings")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-quota-error")));
        assertThat(error.getText()).as("the API's message on the field it concerns").isNotBlank();
        assertThat(quota.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector("#settings-form .form-problem")).getText()).contains("VALIDATION_FAILED");
        screenshot("pengaturan-galat");

        quota.clear();
        quota.sendKeys("3");
        browser.findElement(By.id("save-settings")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-notice"), "Pengaturan disimpan"));
        assertThat(programme().path("quota").asInt()).isEqualTo(3);
        assertNoBrowserErrors();
    }

    @Test
    @Order(3)
    void decreeImport_showsThePerRowReport_andDownloadsIt() throws IOException {
        open("#/impor", "Impor daftar penerima");
        Path decree = Files.writeString(Files.createTempFile("sk-", ".csv"), String.join("\n",
                "nik,fullName,birthDate,sex,phone,street,kelurahan,kecamatan,occupation,dtsenDecile,dtsenVersion,disability,coverageStart",
                "3671014507850001,Siti Aminah,1985-07-05,F,,Jl. Merdeka 1,Sukajadi,Karawaci,PARKING_ATTENDANT,3,2025-01-23,false,2025-04-01",
                "3671021203790002,Budi Santoso,1979-03-12,M,,Jl. Raya 2,Poris,Cipondoh,OJEK_DRIVER,,,false,2025-04-01",
                "3671035808900004,Dewi Lestari,1990-08-18,F,,Jl. Husein 5,Poris Gaga,Batuceper,DAILY_LABOURER,3,2025-01-23,false,2025-04-01",
                "3671070101750005,Ahmad Fauzi,1975-01-01,M,,Jl. Imam Bonjol 12,Bojong Jaya,Karawaci,PUBLIC_TRANSPORT_DRIVER,,,false,2025-04-01",
                "3671011505800006,Joko Susilo,1980-05-16,M,,Jl. Kenari 3,Sukajadi,Karawaci,FARMER,,,false,2025-04-01") + "\n");
        browser.findElement(By.id("decree-file")).sendKeys(decree.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("decree-file-summary"), "5 baris data"));
        browser.findElement(By.cssSelector("#decree-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#decree-report .import-report")));
        assertThat(reportCard("acceptedActive")).isEqualTo("3");
        assertThat(reportCard("acceptedWaitlisted")).as("the quota of 3 is full (R-17)").isEqualTo("1");
        assertThat(reportCard("refused")).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("#decree-report tr[data-line='6']")).getText())
                .as("the refused row says why").contains("Ditolak").containsIgnoringCase("birth date");
        screenshot("impor-sk");

        browser.findElement(By.xpath("//section[@id='decree-section']//button[contains(., 'Unduh laporan')]")).click();
        Path report = awaitDownload("laporan-");
        assertThat(Files.readAllLines(report)).first().isEqualTo("line,nik,outcome,status,registrationId,reasons");
        assertThat(Files.readAllLines(report)).hasSize(6);
        Files.delete(report);
        assertNoBrowserErrors();
    }

    @Test
    @Order(4)
    void reviewQueue_approveWaitlistsWhenTheQuotaIsFull_andRejectRecordsTheReason() throws Exception {
        String rina = apply("3671046011880007", "Rina Wati", "1988-11-20", "F", "Ciledug", "FISHER");
        String agus = apply("3671050202820008", "Agus Salim", "1982-02-02", "M", "Larangan", "FARMER");

        open("#/pendaftaran", "Pendaftaran");
        WebElement queue = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("registration-list")));
        assertThat(queue.getText()).contains("Rina Wati").contains("Agus Salim");
        List<WebElement> rows = browser.findElements(By.cssSelector("#registration-list tbody tr"));
        assertThat(rows.get(0).getText()).as("oldest first").contains("Rina Wati");

        browser.findElement(By.cssSelector("tr[data-registration='" + rina + "'] a")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve")));
        assertThat(browser.findElements(By.cssSelector(".eligibility li.check-ok"))).as("every eligibility fact holds").hasSize(5);
        screenshot("pendaftaran-verifikasi");
        browser.findElement(By.id("approve")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "daftar tunggu di urutan 2"));
        assertThat(browser.findElement(By.tagName("table")).isDisplayed()).isTrue();
        assertThat(historyText()).contains("petugas.demo").contains("Daftar tunggu");

        browser.get(base + "#/pendaftaran/" + agus);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reject-reason"))).sendKeys("Dokumen KTP tidak terbaca");
        browser.findElement(By.cssSelector("#reject-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Pendaftaran ditolak"));
        assertThat(historyText()).contains("Dokumen KTP tidak terbaca").contains("petugas.demo");

        open("#/pendaftaran?tab=waitlist", "Pendaftaran");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#registration-list tbody tr")));
        List<WebElement> waitlist = browser.findElements(By.cssSelector("#registration-list tbody tr"));
        assertThat(waitlist).hasSize(2);
        assertThat(waitlist.get(0).getText()).contains("Ahmad Fauzi");
        assertThat(waitlist.get(1).getText()).contains("Rina Wati");
        assertNoBrowserErrors();
    }

    @Test
    @Order(5)
    void endingAnActiveMembership_handsThePlaceToTheFirstOnTheWaitlist() throws IOException {
        open("#/pendaftaran?tab=search", "Pendaftaran");
        WebElement search = browser.findElement(By.id("f-query"));
        search.sendKeys("3671021203790002");
        search.submit();
        WebElement found = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#search-results tbody tr")));
        assertThat(found.getText()).contains("Budi Santoso");
        found.findElement(By.tagName("a")).click();

        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("end-reason")))).selectByValue("MOVED_AWAY");
        WebElement date = browser.findElement(By.id("end-effective-date"));
        setDate(date, "2025-08-10");
        browser.findElement(By.cssSelector("#end-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Kepesertaan diakhiri"));
        assertThat(browser.findElement(By.id("main")).getText()).contains("Ahmad Fauzi dari daftar tunggu kini aktif");
        assertThat(historyText()).contains("Pindah domisili, tanggal berlaku 10 Agustus 2025").contains("petugas.demo");
        assertNoBrowserErrors();
    }

    @Test
    @Order(6)
    void monthlyRun_dryRunThenRun_downloadTheBill_andRecordThePayment() throws Exception {
        // April to July, run and paid on each month's 1st as the city would (README, claim checks).
        for (String m : List.of("04", "05", "06", "07")) {
            assertThat(send("POST", "/runs", "{\"month\":\"2025-" + m + "\"}").statusCode()).isEqualTo(200);
            assertThat(send("POST", "/runs/2025-" + m + "/payment", "{\"paidOn\":\"2025-" + m + "-01\",\"reference\":\"SP2D-2025-" + m + "\"}")
                    .statusCode()).isEqualTo(200);
        }
        open("#/iuran", "Iuran bulanan");
        assertThat(browser.findElement(By.cssSelector("tr[data-month='2025-07']")).getText()).contains("Selesai").contains("Dibayar");
        assertThat(browser.findElement(By.cssSelector("tr[data-month='2025-08']")).getText()).contains("Belum dijalankan");
        browser.findElement(By.cssSelector("tr[data-month='2025-08'] a")).click();

        wait.until(ExpectedConditions.elementToBeClickable(By.id("dry-run"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-result"), "Simulasi: 3 peserta, Rp50.400"));

        browser.findElement(By.id("real-run")).click();
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-result"), "selesai: 3 peserta, Rp50.400"));
        assertThat(browser.findElement(By.cssSelector("[data-value='total']")).getText()).isEqualTo("Rp50.400");
        screenshot("iuran-bulanan");

        browser.findElement(By.id("download-bill")).click();
        Path bill = awaitDownload("tagihan-2025-08");
        List<String> lines = Files.readAllLines(bill, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("wadah,part,nik,fullName,kpj,jkk,jkm,total,note");
        assertThat(lines).hasSize(4).anyMatch(l -> l.contains("Siti Aminah"));

        WebElement reference = browser.findElement(By.id("f-reference"));
        reference.sendKeys("SP2D-2025-08");
        browser.findElement(By.cssSelector("#payment-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-result"), "Pembayaran dicatat"));
        assertThat(browser.findElement(By.cssSelector("[data-value='payment']")).getText()).contains("SP2D-2025-08").contains("petugas.demo");
        assertNoBrowserErrors();
    }

    @Test
    @Order(7)
    void claimCheck_showsTheItemisedAnswerAndReasonsInPlainLanguage() throws IOException {
        open("#/klaim", "Cek kelayakan klaim");
        browser.findElement(By.id("claim-who")).sendKeys("3671014507850001");
        new Select(browser.findElement(By.id("claim-type"))).selectByValue("JKM");
        setDate(browser.findElement(By.id("claim-event-date")), "2025-07-03");
        browser.findElement(By.cssSelector("#claim-form button[type=submit]")).click();
        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#claim-result .claim-answer")));
        assertThat(answer.getAttribute("data-eligible")).isEqualTo("true");
        assertThat(browser.findElement(By.id("claim-total")).getText()).as("R-30, R-31").isEqualTo("Rp42.000.000");
        assertThat(answer.getText()).contains("Santunan sekaligus").contains("Rp20.000.000").contains("Biaya pemakaman");
        screenshot("cek-klaim");

        setDate(browser.findElement(By.id("claim-event-date")), "2025-08-05");
        browser.findElement(By.cssSelector("#claim-form button[type=submit]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#claim-result .claim-answer"), "data-eligible", "false"));
        assertThat(browser.findElement(By.cssSelector("#claim-result [data-reason='MONTH_NOT_PAID']")).getText())
                .contains("belum dibayar pada tanggal kejadian").contains("R-21");

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#earlier-checks tbody tr"), 2));
        assertNoBrowserErrors();
    }

    @Test
    @Order(8)
    void english_isAChoice_andMoneyStaysInTheIndonesianFormat() throws IOException {
        browser.get(base + "#/dasbor");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("budget-chart")));
        assertThat(browser.findElement(By.id("warnings")).getText()).as("nothing is overdue after the walk-through")
                .contains("Tidak ada peringatan");
        assertThat(card("active")).isEqualTo("3");
        assertThat(browser.findElements(By.cssSelector("#budget-chart canvas"))).as("the chart is drawn").isNotEmpty();
        browser.manage().window().setSize(new Dimension(1280, 1900));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#budget-chart canvas")));
        screenshot("dasbor");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("language")))).selectByValue("en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "Programme dashboard"));
        assertThat(browser.findElement(By.cssSelector("[data-nav='iuran']")).getText()).isEqualTo("Monthly runs");
        assertThat(card("allocation")).isEqualTo("Rp1.199.923.200");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        new Select(browser.findElement(By.id("language"))).selectByValue("id");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "Dasbor program"));
        assertNoBrowserErrors();
    }

    @Test
    @Order(9)
    void everyScreen_passesTheWcag2aaChecksOfAxe() throws IOException {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        String someone = registrationIdOf("3671014507850001");
        Map<String, String> screens = new LinkedHashMap<>();
        screens.put("#/dasbor", "Dasbor program");
        screens.put("#/pendaftaran", "Pendaftaran");
        screens.put("#/pendaftaran?tab=waitlist", "Pendaftaran");
        screens.put("#/pendaftaran/" + someone, "Pendaftaran Siti Aminah");
        screens.put("#/impor", "Impor daftar penerima");
        screens.put("#/iuran", "Iuran bulanan");
        screens.put("#/iuran/2025-08", "Iuran Agustus 2025");
        screens.put("#/klaim", "Cek kelayakan klaim");
        screens.put("#/pengaturan", "Pengaturan program");
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (Map.Entry<String, String> screen : screens.entrySet()) {
            open(screen.getKey(), screen.getValue());
            List<String> violations = Chromium.accessibilityViolations(browser);
            if (!violations.isEmpty()) {
                found.put(screen.getKey(), violations);
            }
        }
        assertThat(found).as("serious or critical WCAG 2 A/AA violations, by screen").isEmpty();

        // The checker bites: a form field without a label, planted in the page, is found.
        browser.executeScript("const i = document.createElement('input'); i.type = 'text'; i.id = 'planted';"
                + " document.querySelector('main').append(i);");
        assertThat(Chromium.accessibilityViolations(browser)).anyMatch(v -> v.startsWith("label:"));
    }

    @Test
    @Order(10)
    void aDecreeLongerThanOneRequestTakes_isImportedAsAFile_andReportedWhole() throws IOException {
        open("#/impor", "Impor daftar penerima");
        StringBuilder csv = new StringBuilder(
                "nik,fullName,birthDate,sex,phone,street,kelurahan,kecamatan,occupation,dtsenDecile,dtsenVersion,disability,coverageStart\n");
        int rows = 2_100; // over the synchronous route's 2,000 lines: the console must take POST /imports
        for (int i = 1; i <= rows; i++) {
            csv.append("367101450785").append(String.format("%04d", 100 + i)).append(",Peserta Uji ").append(letters(i))
                    .append(",1985-07-05,F,,Jl. Uji ").append(i).append(",Sukajadi,Karawaci,PARKING_ATTENDANT,,,false,\n");
        }
        Path decree = Files.writeString(Files.createTempFile("sk-besar-", ".csv"), csv.toString());
        browser.findElement(By.id("decree-file")).sendKeys(decree.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("decree-file-summary"), "2.100 baris data"));
        browser.findElement(By.cssSelector("#decree-form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofMinutes(5))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#decree-report .import-report")));
        assertThat(reportCard("acceptedWaitlisted")).as(() -> "the quota is full: all wait, in file order (R-17); the report: "
                + browser.findElement(By.cssSelector("#decree-report tbody tr")).getText()).isEqualTo("2.100");
        assertThat(browser.findElements(By.cssSelector("#decree-report tbody tr"))).hasSize(rows);
        // The download takes the report file the server wrote (GET /imports/{id}/report.csv), not one built here.
        browser.findElement(By.cssSelector("#decree-report .import-report button.button-secondary")).click();
        wait.until(d -> Boolean.TRUE.equals(browser.executeScript(
                "return performance.getEntriesByType('resource').some(e => /\\/imports\\/[0-9a-f-]+\\/report\\.csv$/.test(e.name))")));
        assertNoBrowserErrors();
    }

    // ------------------------------------------------------------------ helpers

    /** 1 -> A, 26 -> Z, 27 -> AA: names take letters only. */
    private static String letters(int n) {
        StringBuilder b = new StringBuilder();
        for (int k = n; k > 0; k = (k - 1) / 26) {
            b.insert(0, (char) ('A' + (k - 1) % 26));
        }
        return b.toString();
    }

    private static String registrationIdOf(String nik) throws IOException {
        try {
            HttpResponse<String> found = send("POST", "/registrations/search", "{\"nik\":\"" + nik + "\"}");
            return SampleEvents.MAPPER.readTree(found.body()).path("items").get(0).path("id").asText();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void open(String hash, String heading) {
        browser.get(base + hash);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), heading));
    }

    private static String card(String key) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-card='" + key + "'] .value"))).getText();
    }

    private static String reportCard(String key) {
        return browser.findElement(By.cssSelector("#decree-report [data-card='" + key + "'] .value")).getText();
    }

    private static String historyText() {
        List<WebElement> tables = browser.findElements(By.cssSelector("main table"));
        return tables.get(tables.size() - 1).getText();
    }

    /** A date input takes keystrokes in the browser's locale order; setting the value is locale-proof. */
    private static void setDate(WebElement input, String isoDate) {
        browser.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))", input, isoDate);
    }

    private static Path awaitDownload(String prefix) {
        return wait.until(d -> {
            try (var files = Files.list(DOWNLOADS)) {
                return files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".csv"))
                        .findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    private static void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, name);
    }

    private static void assertNoBrowserErrors() {
        Chromium.assertNoBrowserErrors(browser);
    }

    private static JsonNode programme() throws IOException {
        try {
            return SampleEvents.MAPPER.readTree(send("GET", "/programme", null).body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String apply(String nik, String name, String birthDate, String sex, String kecamatan, String occupation) throws Exception {
        String body = """
                {"nik":"%s","fullName":"%s","birthDate":"%s","sex":"%s",
                 "address":{"street":"Jl. Melati 7","kelurahan":"Sudimara","kecamatan":"%s"},"occupation":"%s"}"""
                .formatted(nik, name, birthDate, sex, kecamatan, occupation);
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "registrations"))
                .header("Authorization", PORTAL).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return SampleEvents.MAPPER.readTree(created.body()).path("id").asText();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .header("Authorization", STAFF)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
