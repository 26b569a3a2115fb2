using System.Diagnostics;
using Course.Notebooks.Execution;

namespace Course.Notebooks.Tests.Execution;

public sealed class HostAssemblyTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("course-host-assemblies-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    // This test process gets Newtonsoft.Json 13.0.4 through Plotly.NET; /opt/nuget/packages holds 13.0.3.
    [Fact]
    public async Task A_package_the_host_already_has_is_used_from_the_host_and_the_version_change_is_noted()
    {
        var hostCopy = Path.Combine(AppContext.BaseDirectory, "Newtonsoft.Json.dll");
        var hostVersion = FileVersionInfo.GetVersionInfo(hostCopy).FileVersion!;
        Assert.StartsWith("13.0.4", hostVersion);
        using var engine = new ScriptEngine(new EngineOptions
        {
            NuGetCacheDirectory = Path.Combine(temp, "cache"), NuGetSources = ["/opt/nuget/packages"],
        });
        var sink = new RecordingSink();

        var result = await engine.Run("#r \"nuget: Newtonsoft.Json, 13.0.3\"\nusing Newtonsoft.Json;", sink);

        Assert.True(result.Status == CellStatus.Ok, string.Join("\n", result.Error?.Traceback ?? []));
        Assert.Contains($"Newtonsoft.Json {hostVersion} is already part of the course", sink.Text("stdout"));
        Assert.Contains("requested 13.0.3", sink.Text("stdout"));
        Assert.Equal(hostCopy, await engine.Value("typeof(JsonConvert).Assembly.Location"));
        Assert.Equal("{\"a\":1}", await engine.Value("JsonConvert.SerializeObject(new { a = 1 })"));
    }
}
