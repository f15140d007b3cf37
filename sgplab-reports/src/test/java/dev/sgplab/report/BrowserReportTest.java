package dev.sgplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Every report kind rendered by a real browser (Debian's headless Chromium) and inspected as a
 * reader sees it: the decision is the first thing under the title, no table cell wraps (a number
 * split over two lines misreads), no story is cut off, every chart loaded. Screenshots of each page
 * go to target/screenshots. Without chromium and chromedriver the test is skipped, except under CI
 * (CI=true), where it fails: run-tests installs them when run as root.
 */
class BrowserReportTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static ChromeDriver browser;
    private static Path pages;

    @BeforeAll
    static void startBrowser() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: "
                        + "apt-get install chromium chromium-driver (run-tests does it as root)");
            }
            Assumptions.abort("chromium and chromium-driver are not installed");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--allow-file-access-from-files", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(120)).build(); // a busy machine starts it slowly
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        pages = Files.createTempDirectory("sgplab-browser-");
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyReportKindReadsWellInABrowser() throws Exception {
        for (Map.Entry<String, String> kind : ReportFixtures.pages().entrySet()) {
            Path dir = pages.resolve(kind.getKey());
            HtmlReport.render(kind.getValue(), kind.getKey() + ".json", dir, Instant.now());
            browser.get(dir.resolve("index.html").toUri().toString());
            JavascriptExecutor js = browser;
            String name = kind.getKey();

            assertThat(js.executeScript("const b = document.body.children;"
                    + "return b[0].tagName + ' ' + b[1].tagName + '#' + b[1].id;")).as(name)
                    .isEqualTo("H1 SECTION#decision");

            assertThat(wrappedCells(js)).as("%s: table cells on more than one line", name).isEmpty();

            @SuppressWarnings("unchecked")
            List<String> clipped = (List<String>) js.executeScript("const bad = [];"
                    + "for (const pre of document.querySelectorAll('pre')) {"
                    + "  if (pre.scrollWidth > pre.clientWidth + 1 || pre.scrollHeight > pre.clientHeight + 1)"
                    + "    bad.push(pre.textContent.slice(0, 80)); }"
                    + "return bad;");
            assertThat(clipped).as("%s: stories cut off", name).isEmpty();

            @SuppressWarnings("unchecked")
            List<String> broken = (List<String>) js.executeScript("return [...document.images]"
                    + ".filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'));");
            assertThat(broken).as("%s: charts that did not load", name).isEmpty();
            Number images = (Number) js.executeScript("return document.images.length;");
            assertThat(images.intValue()).as(name).isEqualTo(name.equals("lab-compare") || name.equals("advise") ? 0
                    : name.equals("sweep") ? 3 : name.equals("cluster") ? 2 : 1);

            Number pageWidth = (Number) js.executeScript("return document.documentElement.scrollWidth;");
            Number viewWidth = (Number) js.executeScript("return document.documentElement.clientWidth;");
            assertThat(pageWidth.intValue()).as("%s: page wider than the window", name)
                    .isLessThanOrEqualTo(viewWidth.intValue());
            @SuppressWarnings("unchecked")
            List<String> scrolled = (List<String>) js.executeScript("return [...document.querySelectorAll('.wide')]"
                    + ".filter(d => d.scrollWidth > d.clientWidth + 1).map(d => d.textContent.slice(0, 60));");
            assertThat(scrolled).as("%s: tables wider than the page", name).isEmpty();

            screenshot(name, js);
        }
    }

    /** Table cells whose text takes more than one line (td only: headers are words and may wrap). */
    @SuppressWarnings("unchecked")
    private static List<String> wrappedCells(JavascriptExecutor js) {
        return (List<String>) js.executeScript("const bad = [];"
                + "for (const cell of document.querySelectorAll('td')) {"
                + "  const range = document.createRange(); range.selectNodeContents(cell);"
                + "  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.bottom)));"
                + "  if (lines.size > 1) bad.push(cell.textContent); }"
                + "return bad;");
    }

    /** The check can fail: a number in a cell too narrow for it, without the reports' CSS, is seen wrapped. */
    @Test
    void theWrapCheckSeesANumberSplitOverTwoLines() {
        browser.get("data:text/html,<table><tr><td style='width:20px'>1 in 10,000</td><td>30 s</td></tr></table>");
        assertThat(wrappedCells(browser)).containsExactly("1 in 10,000");
    }

    /** What a reader sees first (name-top.png), and the whole page: the window grown to the document's height. */
    private static void screenshot(String name, JavascriptExecutor js) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + "-top.png"), browser.getScreenshotAs(OutputType.BYTES));
        Number height = (Number) js.executeScript("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(1280, Math.min(12000, height.intValue() + 40)));
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }
}
