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

    /// <summary>Waits until the cell has written <paramref name="text"/> to stdout.</summary>
    public static async Task WaitForOutput(this RecordingSink sink, string text)
    {
        for (var i = 0; i < 3000 && !sink.Text("stdout").Contains(text); i++) await Task.Delay(10);
        Assert.Contains(text, sink.Text("stdout"));
    }
}
