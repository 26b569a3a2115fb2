using System.Text.Json.Nodes;

namespace Course.Kernel;

/// <summary>What the kernel tells front ends about itself (kernel_info_reply) and how its kernelspec names it.</summary>
public static class KernelInfo
{
    /// <summary>The kernelspec directory name used unless --name says otherwise.</summary>
    public const string DefaultName = "course-csharp";

    /// <summary>The name shown in kernel pickers (VS Code, JupyterLab).</summary>
    public const string DisplayName = "C# (course)";

    /// <summary>The kernelspec of the quick-mode kernel (`course kernel install --quick`): COURSE_QUICK=1 in its environment.</summary>
    public const string QuickName = "course-csharp-quick";

    /// <summary>The quick-mode kernel's name in kernel pickers.</summary>
    public const string QuickDisplayName = "C# (course, quick)";

    /// <summary>The language of the kernel, as kernelspecs and language_info name it.</summary>
    public const string Language = "csharp";

    internal static string Version => typeof(KernelInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The banner and help links a kernel shows when its host gives none: the language, nothing about any course.</summary>
    public static KernelBanner Neutral { get; } = new($"C# {Environment.Version} (Roslyn scripting)",
        [new("C# documentation", "https://learn.microsoft.com/dotnet/csharp/")]);

    internal static JsonObject Reply(KernelBanner banner) => new()
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
        ["banner"] = banner.Text,
        ["debugger"] = false,
        ["help_links"] = new JsonArray([.. banner.HelpLinks.Select(link => new JsonObject { ["text"] = link.Text, ["url"] = link.Url })]),
    };
}

/// <summary>What the host says about itself in kernel_info_reply: the banner front ends show, and help-menu links.</summary>
/// <param name="Text">The banner, e.g. "C# 10.0 for the course …".</param>
/// <param name="HelpLinks">Entries of the front end's help menu.</param>
public sealed record KernelBanner(string Text, IReadOnlyList<HelpLink> HelpLinks);

/// <summary>One help-menu entry of a kernel.</summary>
public sealed record HelpLink(string Text, string Url);
