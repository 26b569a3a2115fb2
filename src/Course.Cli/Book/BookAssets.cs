using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using Course.Platform;

namespace Course.Cli.Book;

/// <summary>
/// The pinned renderers of the book (KaTeX and highlight.js, versions in <c>Book/assets/package-lock.json</c>):
/// installed once with <c>npm ci</c> into the course cache, run by Node at build time, and the few files a page
/// needs at view time (KaTeX's stylesheet and fonts, a highlight.js theme) copied into the site, so it opens from
/// file:// with no network.
/// </summary>
internal sealed class BookAssets
{
    private static readonly string[] Pinned = ["package.json", "package-lock.json", "render.mjs"];
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromMinutes(2);

    private BookAssets(string installed) => Installed = installed;

    /// <summary>The folder holding <c>node_modules</c> and <c>render.mjs</c>.</summary>
    public string Installed { get; }

    /// <summary>
    /// Returns the installed renderers, running <c>npm ci</c> into <paramref name="cacheRoot"/> (default
    /// <c>$COURSE_CACHE/book</c>, else <c>~/.cache/course/book</c>) the first time. The folder is named after a hash
    /// of the pinned files, so a version change installs afresh; the install goes to a temporary folder that is
    /// renamed when complete, so an interrupted or concurrent install never leaves a half-filled one behind.
    /// </summary>
    public static BookAssets Install(string? cacheRoot = null)
    {
        var sources = Path.Combine(AppContext.BaseDirectory, "Book", "assets");
        var missing = Pinned.Where(f => !File.Exists(Path.Combine(sources, f))).ToList();
        if (missing.Count > 0)
            throw new BookException($"{sources} lacks {string.Join(", ", missing)}: the course build is incomplete. Rebuild it (dotnet build Course.sln).");
        RequireNodeVersion();
        var root = cacheRoot ?? DefaultCacheRoot();
        var target = Path.Combine(root, Fingerprint(sources));
        if (File.Exists(Path.Combine(target, "node_modules", "katex", "package.json"))) return new BookAssets(target);

        var npm = Require("npm", "npm installs the pinned KaTeX and highlight.js into the course cache.");
        var staging = $"{target}.installing-{Environment.ProcessId}";
        try
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            Directory.CreateDirectory(staging);
            foreach (var file in Pinned) File.Copy(Path.Combine(sources, file), Path.Combine(staging, file));
            var start = new ProcessStartInfo(npm) { WorkingDirectory = staging };
            foreach (var arg in new[] { "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error" }) start.ArgumentList.Add(arg);
            var (exitCode, output, error) = RunTool(start, InstallTimeout, "npm ci");
            if (exitCode != 0)
                throw new BookException(
                    $"npm ci could not install the book's renderers (KaTeX, highlight.js) into {target} (exit code {exitCode}):\n" +
                    $"{Tail(error + output)}\n" +
                    "Check that the npm registry is reachable (npm config get registry; npm ping), or build the book without " +
                    "rendered math and highlighting with --plain.");
            Directory.Move(staging, target);
        }
        catch (IOException) when (File.Exists(Path.Combine(target, "node_modules", "katex", "package.json")))
        {
            // another build installed the same versions meanwhile
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); // a failed or lost install leaves nothing
        }
        return new BookAssets(target);
    }

    /// <summary>Runs <c>render.mjs</c> on a request file and returns its JSON answer.</summary>
    public string Render(string requestFile)
    {
        var node = Require("node", "Node.js runs KaTeX and highlight.js while the book is built.");
        var start = new ProcessStartInfo(node) { WorkingDirectory = Installed };
        start.ArgumentList.Add(Path.Combine(Installed, "render.mjs"));
        start.ArgumentList.Add(requestFile);
        var (exitCode, output, error) = RunTool(start, RenderTimeout, "node render.mjs");
        if (exitCode != 0)
            throw new BookException($"Typesetting with KaTeX and highlight.js failed (node exit code {exitCode}):\n{Tail(error)}\n" +
                                    $"If the cached install in {Installed} is damaged, delete that folder and build again.");
        return output;
    }

    /// <summary>Copies what rendered pages load into <paramref name="site"/>: katex/ (stylesheet, fonts) and highlight.css.</summary>
    public void CopyInto(string site)
    {
        var katex = Path.Combine(Installed, "node_modules", "katex");
        var fonts = Directory.CreateDirectory(Path.Combine(site, "katex", "fonts")).FullName;
        File.Copy(Path.Combine(katex, "dist", "katex.min.css"), Path.Combine(site, "katex", "katex.min.css"), overwrite: true);
        File.Copy(Path.Combine(katex, "LICENSE"), Path.Combine(site, "katex", "LICENSE"), overwrite: true);
        // The stylesheet lists woff2 first for every face and every current browser takes it, so woff/ttf stay behind.
        foreach (var font in Directory.GetFiles(Path.Combine(katex, "dist", "fonts"), "*.woff2"))
            File.Copy(font, Path.Combine(fonts, Path.GetFileName(font)), overwrite: true);
        var highlight = Path.Combine(Installed, "node_modules", "highlight.js");
        File.Copy(Path.Combine(highlight, "styles", "github.min.css"), Path.Combine(site, "highlight.css"), overwrite: true);
        File.Copy(Path.Combine(highlight, "LICENSE"), Path.Combine(site, "highlight.LICENSE"), overwrite: true);
    }

    private static string DefaultCacheRoot()
    {
        var course = Environment.GetEnvironmentVariable("COURSE_CACHE");
        if (string.IsNullOrEmpty(course))
            course = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "course");
        return Path.Combine(course, "book");
    }

    private static string Fingerprint(string sources)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Pinned) hash.AppendData(File.ReadAllBytes(Path.Combine(sources, file)));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH, or a <see cref="BookException"/> that says what to install.</summary>
    private static string Require(string tool, string why)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? tool + (tool == "npm" ? ".cmd" : ".exe") : tool))
            .FirstOrDefault(File.Exists);
        return found ?? throw new BookException(
            $"{tool} was not found on PATH. {why} Install Node.js 18 or newer with npm (Debian/Ubuntu: sudo apt-get install nodejs npm; " +
            "others: https://nodejs.org), or build the book without rendered math and highlighting with --plain.");
    }

    private const int OldestNode = 18; // KaTeX ships ES modules with package exports; tested with Node.js 20

    private static void RequireNodeVersion()
    {
        var node = Require("node", "Node.js runs KaTeX and highlight.js while the book is built.");
        var (_, version, _) = RunTool(new ProcessStartInfo(node, "--version"), TimeSpan.FromSeconds(30), "node --version");
        var major = version.Trim().TrimStart('v').Split('.')[0];
        if (!int.TryParse(major, out var number) || number < OldestNode)
            throw new BookException($"Node.js {version.Trim()} is too old for the book's renderers: install Node.js {OldestNode} or newer, or build with --plain.");
    }

    private static (int, string, string) RunTool(ProcessStartInfo start, TimeSpan timeout, string what)
    {
        try
        {
            return ExternalTool.Run(start, timeout);
        }
        catch (TimeoutException)
        {
            throw new BookException($"{what} ran longer than {timeout.TotalMinutes:0} minutes and was stopped. If npm is waiting for an unreachable " +
                                    "registry, check npm config get registry, or build with --plain.");
        }
        catch (Win32Exception e)
        {
            throw new BookException($"{what} could not start: {e.Message}. Reinstall Node.js and npm, or build with --plain.");
        }
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join('\n', lines.TakeLast(12));
    }
}
