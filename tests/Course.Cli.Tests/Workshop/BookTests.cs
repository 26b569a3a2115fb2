using System.Diagnostics;
using System.Text.RegularExpressions;
using Course.Cli.Tests.Doctor;
using Course.Cli.Tests.Running;
using Course.Runtime;

namespace Course.Cli.Tests.Workshop;

/// <summary>`course book` on executed fixture notebooks, opened in headless Chromium from file:// with no network.</summary>
public sealed partial class BookTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public void Book_pages_render_charts_and_images_offline_and_link_the_chapters()
    {
        var executed = Path.Combine(dir.Path, "executed");
        var site = Path.Combine(dir.Path, "site");
        var (ran, runLog) = CourseProcess.Run(Repo.Root, "run", Path.Combine(CourseProcess.Fixtures, "book"), "-o", executed);
        Assert.True(ran == 0, runLog);
        var (built, bookLog) = CourseProcess.Run(Repo.Root, "book", site, "--from", executed);
        Assert.True(built == 0, bookLog);

        var index = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Contains("href=\"01-charts.html\">Charts and digits</a>", index);
        Assert.Contains("href=\"02-second.html\">Second chapter</a>", index);
        Assert.Contains("href=\"02-second.html\" rel=\"next\"", File.ReadAllText(Path.Combine(site, "01-charts.html")));
        Assert.Contains("href=\"01-charts.html\" rel=\"prev\"", File.ReadAllText(Path.Combine(site, "02-second.html")));
        foreach (var page in Directory.GetFiles(site, "*.html"))
        {
            var remote = RemoteReferences(File.ReadAllText(page));
            Assert.True(remote.Count == 0, $"{Path.GetFileName(page)} loads from the network: {string.Join(", ", remote)}");
        }

        var dom = Chromium(Path.Combine(site, "01-charts.html"));
        Assert.Contains("class=\"main-svg\"", dom);
        Assert.Matches(ImageTag(), dom);
        Assert.Contains("<strong>chart</strong>", dom);
        Assert.Contains("loss 0.25", dom);
        Assert.Contains("<table>", Chromium(Path.Combine(site, "02-second.html")));
    }

    /// <summary>src/href URLs with http(s) outside markdown text; script bodies (plotly.js) are left out.</summary>
    private static List<string> RemoteReferences(string html)
    {
        var withoutScripts = ScriptBody().Replace(html, "$1</script>");
        var withoutProse = MarkdownSection().Replace(withoutScripts, "");
        return RemoteAttribute().Matches(withoutProse).Select(m => m.Value).ToList();
    }

    private string Chromium(string page)
    {
        var start = new ProcessStartInfo("/usr/bin/chromium");
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", $"--user-data-dir={Path.Combine(dir.Path, "chromium")}", "--virtual-time-budget=5000",
                     "--window-size=1200,2000", "--dump-dom", new Uri(page).AbsoluteUri })
            start.ArgumentList.Add(arg);
        var (_, dom, errors) = ExternalTool.Run(start, TimeSpan.FromMinutes(2));
        Assert.True(dom.Length > 0, "Chromium printed no DOM:\n" + errors);
        return dom;
    }

    [GeneratedRegex("(<script[^>]*>).*?</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptBody();

    [GeneratedRegex("<section class=\"markdown\">.*?</section>", RegexOptions.Singleline)]
    private static partial Regex MarkdownSection();

    [GeneratedRegex("(src|href)\\s*=\\s*[\"']?https?:[^\"'> ]*", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteAttribute();

    [GeneratedRegex("<img alt=\"output image\" src=\"data:image/png;base64,[A-Za-z0-9+/=]{20,}\">")]
    private static partial Regex ImageTag();
}
