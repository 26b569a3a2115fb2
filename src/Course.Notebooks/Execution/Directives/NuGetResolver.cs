using System.Diagnostics;
using System.Security;
using System.Text.Json;

namespace Course.Notebooks.Execution.Directives;

/// <summary>A restored package: the assemblies a cell references for it.</summary>
/// <param name="Name">Package id as written in the directive.</param>
/// <param name="Version">The version NuGet resolved.</param>
/// <param name="Assemblies">Runtime assemblies of the package and its dependencies, for net10.0.</param>
/// <param name="FromCache">True when no restore was needed.</param>
internal sealed record ResolvedPackage(string Name, string Version, IReadOnlyList<string> Assemblies, bool FromCache);

/// <summary>
/// Resolves <c>#r "nuget: …"</c> the way the SDK does: a generated project with one PackageReference, restored by
/// <c>dotnet restore</c> against the machine's NuGet sources (plus any extra ones), then project.assets.json read for
/// the runtime assemblies. Results are cached per name and version, so the second time needs no dotnet at all.
/// </summary>
internal sealed class NuGetResolver(string cacheDirectory, IReadOnlyList<string> extraSources)
{
    private const string TargetFramework = "net10.0";
    private const string ManifestName = "assemblies.txt";

    /// <summary>Names (lower case) of the packages restored into the cache before, for <c>#r "nuget: …"</c> completion.</summary>
    public IReadOnlyList<string> CachedPackageNames() =>
        Directory.Exists(cacheDirectory)
            ? Directory.GetDirectories(cacheDirectory)
                .Where(d => Directory.EnumerateFiles(d, ManifestName, SearchOption.AllDirectories).Any())
                .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Restores (or finds in the cache) a package; throws <see cref="DirectiveException"/> when that fails.</summary>
    public ResolvedPackage Resolve(PackageDirective package, CancellationToken cancellation)
    {
        var directory = Path.Combine(cacheDirectory, Safe(package.Name.ToLowerInvariant()), Safe(package.Version ?? "latest"));
        var manifest = Path.Combine(directory, ManifestName);
        if (TryReadManifest(manifest) is { } cached)
            return new ResolvedPackage(package.Name, cached.Version, cached.Assemblies, FromCache: true);

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "packages.csproj"), Project(package));
        Restore(directory, package, cancellation);
        var (version, assemblies) = ReadAssets(Path.Combine(directory, "obj", "project.assets.json"), package);
        File.WriteAllLines(manifest, [version, .. assemblies]);
        return new ResolvedPackage(package.Name, version, assemblies, FromCache: false);
    }

    private static (string Version, IReadOnlyList<string> Assemblies)? TryReadManifest(string manifest)
    {
        if (!File.Exists(manifest)) return null;
        var lines = File.ReadAllLines(manifest);
        if (lines.Length == 0 || !lines.Skip(1).All(File.Exists)) return null;
        return (lines[0], lines[1..]);
    }

    // The project stands alone: no Directory.Build.props or central package management from folders above it.
    private string Project(PackageDirective package) => $"""
        <Project>
          <PropertyGroup>
            <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
            <ImportDirectoryBuildTargets>false</ImportDirectoryBuildTargets>
            <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
            <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
          </PropertyGroup>
          <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
          <PropertyGroup>
            <TargetFramework>{TargetFramework}</TargetFramework>
            <RestoreAdditionalProjectSources>{SecurityElement.Escape(string.Join(';', extraSources))}</RestoreAdditionalProjectSources>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="{SecurityElement.Escape(package.Name)}" Version="{SecurityElement.Escape(package.Version ?? "*")}" />
          </ItemGroup>
          <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
        </Project>
        """;

    private static void Restore(string directory, PackageDirective package, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(DotnetPath(), ["restore", "packages.csproj", "--nologo", "-v", "q"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)
            ?? throw new DirectiveException(package.Line, "Could not start 'dotnet' to restore the package.");
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var error = process.StandardError.ReadToEndAsync(cancellation);
        try
        {
            process.WaitForExitAsync(cancellation).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode == 0) return;
        var messages = (output.Result + error.Result).Split('\n')
            .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Select(l => l.Trim()).Distinct().Take(5);
        var what = package.Version is null ? package.Name : $"{package.Name} {package.Version}";
        throw new DirectiveException(package.Line,
            $"Could not restore NuGet package {what} (line {package.Line}). Check the name and version and that a " +
            $"package source has it.\n{string.Join('\n', messages)}");
    }

    private static string DotnetPath() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static (string Version, IReadOnlyList<string> Assemblies) ReadAssets(string assetsFile, PackageDirective package)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(assetsFile));
        var root = json.RootElement;
        var packageFolder = root.GetProperty("packageFolders").EnumerateObject().First().Name;
        var libraries = root.GetProperty("libraries");
        var target = root.GetProperty("targets").EnumerateObject().First(t => !t.Name.Contains('/')).Value;
        var assemblies = new List<string>();
        string? version = null;
        foreach (var library in target.EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() != "package") continue;
            var nameAndVersion = library.Name.Split('/');
            if (string.Equals(nameAndVersion[0], package.Name, StringComparison.OrdinalIgnoreCase)) version = nameAndVersion[1];
            var libraryPath = libraries.GetProperty(library.Name).GetProperty("path").GetString()!;
            // Runtime assets are what gets loaded; a package with only compile assets (rare) is referenced by those.
            var assets = Assets(library.Value, "runtime");
            if (assets.Count == 0) assets = Assets(library.Value, "compile");
            assemblies.AddRange(assets.Select(a => Path.GetFullPath(Path.Combine(packageFolder, libraryPath, a))));
        }
        return (version ?? package.Version ?? "?", assemblies);
    }

    private static List<string> Assets(JsonElement library, string kind) =>
        library.TryGetProperty(kind, out var assets)
            ? assets.EnumerateObject().Select(a => a.Name)
                .Where(a => a.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList()
            : [];

    // One folder name, never "." or ".." (the parser refuses such names already; this keeps the cache safe on its own).
    private static string Safe(string name)
    {
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
        return safe.Trim('.').Length == 0 ? safe.Replace('.', '_') : safe;
    }
}
