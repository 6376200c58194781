package com.ninebits.sms.local;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Debian's {@code chromium}, headless, driven through its {@code chromium-driver} (both installed
 * by {@code .ci/run}); named explicitly, so that Selenium never looks for a browser to download.
 * As a JUnit extension it saves a screenshot of every failing test under
 * {@code target/screenshots/}, before the test's browser is closed.
 */
final class Chromium implements AfterTestExecutionCallback {

    static final Path FAILURES = Path.of("target/screenshots");
    private static final String BROWSER = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";

    private static final ThreadLocal<WebDriver> CURRENT = new ThreadLocal<>();

    /** A fresh browser (no cookies) with a window {@code width} pixels wide; the extension's for this test. */
    static WebDriver open(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().window().setSize(new Dimension(width, height));
        CURRENT.set(driver);
        return driver;
    }

    static void close() {
        WebDriver driver = CURRENT.get();
        CURRENT.remove();
        if (driver != null) {
            driver.quit();
        }
    }

    static void screenshot(WebDriver driver, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        WebDriver driver = CURRENT.get();
        if (driver != null && context.getExecutionException().isPresent()) {
            screenshot(driver, FAILURES.resolve(context.getRequiredTestMethod().getName() + ".png"));
        }
    }
}
