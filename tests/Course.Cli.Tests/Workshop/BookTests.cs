using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Cli.Tests.Doctor;
using Course.Cli.Tests.Running;
using Course.Platform;

namespace Course.Cli.Tests.Workshop;

/// <summary>
/// The fixture book (tests/fixtures/notebooks/book), executed with `course run` and built with `course book` once for
/// the class. Notebook 03 fails on purpose in its last cell, so the run reports one failure.
/// </summary>
public sealed class BookSite : IDisposable
{
    private readonly TempDir dir = new();

    public BookSite()
    {
        var executed = Path.Combine(dir.Path, "executed");
        Site = Path.Combine(dir.Path, "site");
        var (ran, runLog) = CourseProcess.Run(Repo.Root, "run", Path.Combine(CourseProcess.Fixtures, "book"), "-o", executed);
        RunLog = runLog;
        RunExit = ran;
        // A relative site folder, as a learner types it: the typesetter runs in another folder and must not care.
        (BuildExit, BuildLog) = CourseProcess.Run(dir.Path, "book", "site", "--from", executed);
    }

    public string Site { get; }
    public int RunExit { get; }
    public string RunLog { get; }
    public int BuildExit { get; }
    public string BuildLog { get; }

    public string Page(string name) => Path.Combine(Site, name);

    public void Dispose() => dir.Dispose();
}

/// <summary>`course book` on executed fixture notebooks, opened in headless Chromium from file:// with no network.</summary>
public sealed partial class BookTests(BookSite book) : IClassFixture<BookSite>, IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public void Book_pages_render_charts_and_images_offline_and_link_the_chapters()
    {
        Assert.True(book.RunExit == 1, "only 03-math-and-errors.ipynb should fail:\n" + book.RunLog);
        Assert.Contains("03-math-and-errors.ipynb, cell 3", book.RunLog);
        Assert.DoesNotContain("01-charts.ipynb, cell", book.RunLog);
        Assert.True(book.BuildExit == 0, book.BuildLog);
        var site = book.Site;

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
        foreach (var css in Directory.GetFiles(site, "*.css", SearchOption.AllDirectories))
            Assert.DoesNotMatch("url\\(\\s*[\"']?(https?:)?//", File.ReadAllText(css));

        var dom = Chromium(book.Page("01-charts.html"));
        Assert.Contains("class=\"main-svg\"", dom);
        Assert.Matches(ImageTag(), dom);
        Assert.Contains("<strong>chart</strong>", dom);
        Assert.Contains("loss 0.25", dom);
        Assert.Contains("<table>", Chromium(book.Page("02-second.html")));
    }

    [Fact]
    public void Formulas_are_typeset_with_katex_fonts_loaded_from_the_site_and_no_tex_left_in_the_text()
    {
        Assert.True(book.BuildExit == 0, book.BuildLog);
        var probe = Probe(book.Page("03-math-and-errors.html"));

        // Three good formulas: inline r_i, the two-line display (MSE and MAE), inline θ ← θ − η∇L.
        var boxes = probe.GetProperty("boxes").EnumerateArray().Select(b => (W: b[0].GetDouble(), H: b[1].GetDouble())).ToList();
        Assert.Equal(3, boxes.Count);
        Assert.All(boxes, b => Assert.True(b.W > 5 && b.H > 5, $"a formula has no size: {b.W} × {b.H}"));
        Assert.Equal(1, probe.GetProperty("displays").GetInt32());
        Assert.Equal(3, probe.GetProperty("mathml").GetInt32());
        var fonts = probe.GetProperty("fonts").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("KaTeX_Main", fonts);
        Assert.Contains("KaTeX_Math", fonts);

        // Visible prose: no TeX command and no dollar sign except the prices, which are text, not math.
        var text = probe.GetProperty("text").GetString()!;
        Assert.DoesNotMatch(@"\\[A-Za-z]+", text);
        Assert.Matches(@"A price of \$5 and \$10 stays text", text);
        Assert.DoesNotMatch(@"\$(?!5 |10 )", text);

        // The broken formula is reported and stays visible as TeX, marked, with KaTeX's message.
        Assert.Contains("KaTeX cannot typeset 03-math-and-errors.ipynb: $\\frac{1$", book.BuildLog);
        Assert.Equal("$\\frac{1$", probe.GetProperty("broken").GetString());
    }

    [Fact]
    public void Code_is_highlighted_and_a_failed_cell_shows_its_whole_traceback()
    {
        Assert.True(book.BuildExit == 0, book.BuildLog);
        var probe = Probe(book.Page("03-math-and-errors.html"));

        var tokens = probe.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("hljs-keyword", tokens);
        Assert.Contains("hljs-comment", tokens);
        Assert.Contains("hljs-string", tokens);
        var colors = probe.GetProperty("colors");
        Assert.NotEqual(colors.GetProperty("plain").GetString(), colors.GetProperty("keyword").GetString());
        Assert.NotEqual(colors.GetProperty("plain").GetString(), colors.GetProperty("comment").GetString());

        var error = probe.GetProperty("error").GetString()!;
        Assert.Contains("System.InvalidOperationException: the loss is NaN: lower the learning rate", error);
        Assert.Matches(@"at \.?CheckLoss in cell \[\d+\], line 3", error);
        Assert.Matches(@"at \.?TrainOneEpoch in cell \[\d+\], line 5", error);
    }

    /// <summary>
    /// Opens a copy of <paramref name="page"/> with a measuring script added, after its fonts have loaded, and returns
    /// what the script saw: sizes of the typeset formulas, loaded KaTeX font faces, the visible prose, highlight
    /// colours and the error text. The site itself holds no script of ours.
    /// </summary>
    private JsonElement Probe(string page)
    {
        var copy = Path.Combine(Path.GetDirectoryName(page)!, $"probe-{Guid.NewGuid():N}.html");
        File.WriteAllText(copy, File.ReadAllText(page).Replace("</body>", ProbeScript + "</body>", StringComparison.Ordinal));
        try
        {
            var dom = Chromium(copy);
            var json = ProbeOutput().Match(dom);
            Assert.True(json.Success, "the probe script wrote nothing:\n" + dom[..Math.Min(dom.Length, 2000)]);
            return JsonDocument.Parse(WebUtility.HtmlDecode(json.Groups[1].Value)).RootElement.Clone();
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private const string ProbeScript = """
        <script>
        window.addEventListener('load', async () => {
          await document.fonts.ready;
          const main = document.querySelector('main');
          const all = s => [...main.querySelectorAll(s)];
          const color = s => { const e = main.querySelector(s); return e ? getComputedStyle(e).color : null; };
          const result = {
            boxes: all('.katex').map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; }),
            displays: all('.katex-display').length,
            mathml: all('.katex math').length,
            fonts: [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family),
            tokens: [...new Set(all('pre.source span[class^="hljs-"]').map(e => e.className))],
            colors: { plain: color('pre.source code'), keyword: color('pre.source .hljs-keyword'), comment: color('pre.source .hljs-comment') },
            error: main.querySelector('pre.output.error')?.innerText ?? null,
            broken: main.querySelector('.tex-error')?.innerText ?? null,
          };
          all('.katex-mathml, pre, code, .tex-error').forEach(e => e.remove());
          result.text = main.innerText;
          const out = document.createElement('pre');
          out.id = 'probe';
          out.textContent = JSON.stringify(result);
          document.body.append(out);
        });
        </script>
        """;

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
                     "--disable-sync", "--no-first-run", $"--user-data-dir={Path.Combine(dir.Path, "chromium-" + Guid.NewGuid().ToString("N"))}",
                     "--virtual-time-budget=5000", "--window-size=1200,2000", "--dump-dom", new Uri(page).AbsoluteUri })
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

    [GeneratedRegex("<pre id=\"probe\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex ProbeOutput();
}
