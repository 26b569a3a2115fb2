using System.Text.Json.Nodes;

namespace Course.Kernel;

/// <summary>What the kernel tells front ends about itself (kernel_info_reply) and how its kernelspec names it.</summary>
public static class KernelInfo
{
    /// <summary>The kernelspec directory name used unless --name says otherwise.</summary>
    public const string DefaultName = "course-csharp";

    /// <summary>The name shown in kernel pickers (VS Code, JupyterLab).</summary>
    public const string DisplayName = "C# (course)";

    /// <summary>The language of the kernel, as kernelspecs and language_info name it.</summary>
    public const string Language = "csharp";

    internal static string Version => typeof(KernelInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    internal static JsonObject Reply() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = Protocol.JupyterMessage.ProtocolVersion,
        ["implementation"] = "course-csharp",
        ["implementation_version"] = Version,
        ["language_info"] = new JsonObject
        {
            ["name"] = Language,
            ["version"] = Environment.Version.ToString(),
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = $"C# {Environment.Version} for the course \"Accuracy vs. Speed\" (Roslyn scripting, TorchSharp)",
        ["debugger"] = false,
        ["help_links"] = new JsonArray
        {
            new JsonObject { ["text"] = "C# documentation", ["url"] = "https://learn.microsoft.com/dotnet/csharp/" },
            new JsonObject { ["text"] = "TorchSharp", ["url"] = "https://github.com/dotnet/TorchSharp" },
        },
    };
}
