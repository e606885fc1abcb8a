using Microsoft.Playwright;

namespace IntegrationHub.BrowserTests;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium, installed by tests/test.sh), driven by Playwright. Never
/// `playwright install`: no browser build can be downloaded on these machines.
/// </summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (tests/test.sh does).");
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>
    /// Where screenshots go: docs/screenshots when HUB_SCREENSHOTS names it (see docs/dashboard.md), else the
    /// test's work directory, so every run still exercises the capture.
    /// </summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Environment.GetEnvironmentVariable("HUB_SCREENSHOTS") is { Length: > 0 } dir
            ? dir
            : Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}
