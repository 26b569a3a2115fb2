using Course.Notebooks.Execution;
using Course.Notebooks.Execution.Directives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Course.Notebooks.Tests.Execution;

public sealed class DirectiveTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("course-directives-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public async Task Hash_r_references_an_assembly_file()
    {
        var dll = Path.Combine(temp, "Greeter.dll");
        var compilation = CSharpCompilation.Create("Greeter",
            [CSharpSyntaxTree.ParseText("namespace Greetings; public static class Greeter { public static string Hello(string n) => $\"Hello, {n}!\"; }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.True(compilation.Emit(dll).Success);

        using var engine = new ScriptEngine();
        var result = await engine.Run($"#r \"{dll}\"\nusing Greetings;");
        Assert.Equal(CellStatus.Ok, result.Status);
        Assert.Equal("Hello, course!", await engine.Value("Greeter.Hello(\"course\")"));
    }

    [Fact]
    public async Task Hash_r_of_a_missing_file_says_which_path_was_tried()
    {
        using var engine = new ScriptEngine();
        var result = await engine.Run("#r \"no/such/Library.dll\"");
        Assert.Equal("DirectiveError", result.Error!.Name);
        Assert.Contains(Path.GetFullPath("no/such/Library.dll"), result.Error.Message);
    }

    [Fact]
    public async Task Hash_r_nuget_restores_a_package_and_the_second_time_uses_the_cache()
    {
        var options = new EngineOptions { NuGetCacheDirectory = Path.Combine(temp, "cache"), NuGetSources = ["/opt/nuget/packages"] };
        using (var engine = new ScriptEngine(options))
        {
            var result = await engine.Run("#r \"nuget: Newtonsoft.Json, 13.0.3\"\nusing Newtonsoft.Json;");
            Assert.True(result.Status == CellStatus.Ok, string.Join("\n", result.Error?.Traceback ?? []));
            Assert.Equal("{\"a\":1}", await engine.Value("JsonConvert.SerializeObject(new { a = 1 })"));
        }
        var again = new NuGetResolver(options.NuGetCacheDirectory!, options.NuGetSources)
            .Resolve(new PackageDirective(1, "Newtonsoft.Json", "13.0.3"), CancellationToken.None);
        Assert.True(again.FromCache);
        Assert.Equal("13.0.3", again.Version);
        Assert.Contains(again.Assemblies, a => a.EndsWith("Newtonsoft.Json.dll", StringComparison.Ordinal) && File.Exists(a));
    }

    [Fact]
    public async Task A_package_that_does_not_exist_gives_a_clear_error()
    {
        using var engine = new ScriptEngine(new EngineOptions { NuGetCacheDirectory = Path.Combine(temp, "cache"), NuGetSources = ["/opt/nuget/packages"] });
        var result = await engine.Run("#r \"nuget: Course.NoSuchPackage.Anywhere, 1.0.0\"");
        Assert.Equal("DirectiveError", result.Error!.Name);
        Assert.Contains("Could not restore NuGet package Course.NoSuchPackage.Anywhere 1.0.0", result.Error.Message);
    }

    [Theory]
    [InlineData("#!time", "'#!time'")]
    [InlineData("#!fsharp\nlet x = 1", "'#!fsharp'")]
    [InlineData("#i \"nuget: https://example.org/feed\"", "'#i'")]
    [InlineData("#load \"other.csx\"", "'#load'")]
    public async Task Unsupported_directives_are_named_in_the_error(string cell, string named)
    {
        using var engine = new ScriptEngine();
        var result = await engine.Run(cell);
        Assert.Equal(CellStatus.Error, result.Status);
        Assert.Equal("DirectiveError", result.Error!.Name);
        Assert.Contains(named, result.Error.Message);
        Assert.Contains("not supported", result.Error.Message);
        Assert.Equal(1, result.Error.Line);
    }

    [Fact]
    public async Task Language_markers_are_accepted_and_line_numbers_stay_those_of_the_cell()
    {
        using var engine = new ScriptEngine();
        var result = await engine.Run("#!csharp\nvar x = 1;\nx = undefined;");
        Assert.Equal("CompilationError", result.Error!.Name);
        Assert.Equal(3, result.Error.Line);
        Assert.Equal("3", await engine.Value("#!c#\n1 + 2"));
    }

    [Theory]
    [InlineData("#r \"nuget: Newtonsoft.Json,\"", "comma but no version")]
    [InlineData("#r \"nuget: Newtonsoft.Json, \"", "comma but no version")]
    [InlineData("#r \"nuget: Newtonsoft.Json", "double quotes")]
    [InlineData("#r nuget: Newtonsoft.Json", "double quotes")]
    [InlineData("#r", "got: nothing")]
    [InlineData("#r \"nuget: \"", "does not name a package")]
    [InlineData("#r \"nuget: A, 1.0, extra\"", "more than a name and a version")]
    [InlineData("#r \"\"", "empty argument")]
    public void Malformed_references_get_a_message_saying_what_is_wrong(string line, string expected)
    {
        var error = Assert.Throws<DirectiveException>(() => CellDirectives.Parse("var a = 1;\n" + line));
        Assert.Contains(expected, error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void References_parse_with_and_without_version()
    {
        var (directives, code) = CellDirectives.Parse("#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget:Foo\" // latest\n#r \"lib/My.dll\"\nvar x = 1;");
        Assert.Equal(
            [new PackageDirective(1, "Plotly.NET", "6.0.0"), new PackageDirective(2, "Foo", null), new AssemblyDirective(3, "lib/My.dll")],
            directives);
        Assert.Equal(4, code.Split('\n').Length);
        Assert.Equal("var x = 1;", code.Split('\n')[3]);
    }
}
