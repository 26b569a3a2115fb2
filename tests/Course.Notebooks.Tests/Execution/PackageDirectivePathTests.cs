using Course.Notebooks.Execution.Directives;

namespace Course.Notebooks.Tests.Execution;

/// <summary>A package name and version become folders of the package cache: nothing in them may leave it.</summary>
public class PackageDirectivePathTests
{
    [Theory]
    [InlineData("#r \"nuget: .., ..\"", "not a NuGet package name")]
    [InlineData("#r \"nuget: Plotly.NET, ../../etc\"", "not a package version")]
    [InlineData("#r \"nuget: ../evil\"", "not a NuGet package name")]
    [InlineData("#r \"nuget: a/b, 1.0\"", "not a NuGet package name")]
    [InlineData("#r \"nuget: Good, 1.0/..\"", "not a package version")]
    [InlineData("#r \"nuget: Good, ..\"", "not a package version")]
    [InlineData("#r \"nuget: .hidden\"", "not a NuGet package name")]
    public void Names_and_versions_that_are_not_nuget_s_are_refused(string line, string expected)
    {
        var error = Assert.Throws<DirectiveException>(() => CellDirectives.Parse(line));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("Plotly.NET.CSharp", "0.14.0")]
    [InlineData("Microsoft.DotNet.Interactive", "1.0.0-beta.26120.1")]
    [InlineData("My_Lib-2", "1.*")]
    [InlineData("x", "2.0.0+build.7")]
    public void Real_names_and_versions_still_parse(string name, string version)
    {
        var (directives, _) = CellDirectives.Parse($"#r \"nuget: {name}, {version}\"");
        var package = Assert.IsType<PackageDirective>(directives.Single());
        Assert.Equal((name, version), (package.Name, package.Version));
    }
}
