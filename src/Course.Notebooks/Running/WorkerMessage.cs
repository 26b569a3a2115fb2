using System.Text.Json;
using System.Text.Json.Serialization;
using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;

namespace Course.Notebooks.Running;

/// <summary>
/// One line of the runner ↔ worker protocol (JSON lines over a local pipe).
/// Parent → worker: execute, cancel. Worker → parent: ready, failed, stream, display, clear, progress, result.
/// </summary>
internal sealed record WorkerMessage(string Type)
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Text { get; init; }
    public IReadOnlyDictionary<string, string>? Data { get; init; }
    public string? Id { get; init; }
    public bool Update { get; init; }
    public bool Wait { get; init; }
    public CellStatus? Status { get; init; }
    public CellError? Error { get; init; }
    public double Milliseconds { get; init; }
    public CellProgress? Progress { get; init; }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToLine() => JsonSerializer.Serialize(this, Options);

    public static WorkerMessage Parse(string line) =>
        JsonSerializer.Deserialize<WorkerMessage>(line, Options) ?? throw new JsonException("empty worker message");

    public static WorkerMessage ForResult(CellResult result) => new("result")
    {
        Status = result.Status,
        Data = result.Value?.Data,
        Error = result.Error,
        Milliseconds = result.Duration.TotalMilliseconds,
    };

    public CellResult ToResult() => new(Status ?? CellStatus.Error, Data is null ? null : new MimeBundle(Data), Error, TimeSpan.FromMilliseconds(Milliseconds));
}
