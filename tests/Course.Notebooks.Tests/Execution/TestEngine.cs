using Course.Notebooks.Execution;

namespace Course.Notebooks.Tests.Execution;

/// <summary>The test-local host: an engine with default options and helpers to run cells.</summary>
internal static class TestEngine
{
    public static async Task<CellResult> Run(this INotebookEngine engine, string code, RecordingSink? sink = null) =>
        await engine.ExecuteAsync(code, sink ?? new RecordingSink(), CancellationToken.None);

    public static async Task<string> Value(this INotebookEngine engine, string code)
    {
        var result = await engine.Run(code);
        Assert.True(result.Status == CellStatus.Ok, $"cell failed: {result.Error?.Name}: {string.Join("\n", result.Error?.Traceback ?? [])}");
        Assert.NotNull(result.Value);
        return result.Value!.PlainText;
    }
}
