using System.Text;
using System.Text.Json;

namespace Course.Cli.Doctor;

/// <summary>Where a settings file stands with respect to C# completions in VS Code's Jupyter extension.</summary>
public enum TriggerState
{
    /// <summary><c>jupyter.completionTriggerCharacters</c> has a <c>csharp</c> entry.</summary>
    Set,
    /// <summary>The file, or the setting, or its <c>csharp</c> entry does not exist yet.</summary>
    Missing,
    /// <summary>The file is not JSON with comments, or the setting is not an object: the course will not edit it.</summary>
    Unusable,
}

/// <summary>
/// VS Code's Jupyter extension asks a kernel for completions only for languages listed in its
/// <c>jupyter.completionTriggerCharacters</c> setting, whose defaults lack <c>csharp</c>. This finds the user
/// settings files of VS Code, VS Code Insiders and VSCodium and adds <c>csharp</c> there by editing the text in
/// place: comments, trailing commas, order and every other setting stay exactly as they were.
/// </summary>
public static class VsCodeSettings
{
    /// <summary>The setting's name.</summary>
    public const string Setting = "jupyter.completionTriggerCharacters";

    /// <summary>What typing triggers a C# completion: members, <c>#r</c>, inside <c>#r "…"</c>.</summary>
    public static readonly IReadOnlyList<string> CSharpTriggers = [".", "#", "\""];

    // A value written for the setting replaces the extension's whole default object, so the extension's defaults
    // (vscode-jupyter 2026.6's package.json) are written too, or other languages would lose their completions.
    private static readonly (string Language, string[] Triggers)[] ExtensionDefaults =
    [
        ("bash", ["$", "{"]),
        ("java", [".", "@", "#"]),
        ("javascript", [".", "\"", "'", "/", "@"]),
        ("python", [".", "%", "'", "\""]),
        ("julia", ["."]),
        ("r", ["[", "(", ",", "$", "@", "\"", "'"]),
        ("rust", [".", ":"]),
        ("scala", ["."]),
        ("typescript", [".", "\"", "'", "/", "@", "<"]),
    ];

    private static readonly (string Product, string Folder)[] Products =
        [("VS Code", "Code"), ("VS Code Insiders", "Code - Insiders"), ("VSCodium", "VSCodium")];

    /// <summary>
    /// The user settings.json of each VS Code variant installed here (its configuration folder exists); VS Code
    /// itself always, as the one to create when none is installed yet.
    /// </summary>
    public static IReadOnlyList<(string Product, string Path)> Files(Func<string, string?> variable) =>
        Products.Select(p => (p.Product, Folder: Path.Combine(ConfigurationRoot(variable), p.Folder)))
            .Where(p => p.Product == "VS Code" || Directory.Exists(p.Folder))
            .Select(p => (p.Product, Path.Combine(p.Folder, "User", "settings.json")))
            .ToList();

    // Linux: $XDG_CONFIG_HOME or ~/.config; macOS: ~/Library/Application Support; Windows: %APPDATA%.
    private static string ConfigurationRoot(Func<string, string?> variable)
    {
        var home = variable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
            return variable("APPDATA") is { Length: > 0 } appData ? appData : Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Application Support");
        return variable("XDG_CONFIG_HOME") is { Length: > 0 } config ? config : Path.Combine(home, ".config");
    }

    /// <summary>
    /// <c>course kernel install --vscode</c>: adds <c>csharp</c> in every installed variant's settings and says what
    /// it did to each; 1 when a file could not be edited (the others are still done).
    /// </summary>
    public static int EnableCompletions(TextWriter output, TextWriter error, Func<string, string?> variable)
    {
        var exit = 0;
        foreach (var (product, path) in Files(variable))
        {
            try
            {
                output.WriteLine(Enable(path)
                    ? $"{product}: added csharp to {Setting} in {path} (reload VS Code's window to apply)."
                    : $"{product}: {Setting} already has csharp in {path}; nothing changed.");
            }
            catch (Exception e) when (e is SettingsFileException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{product}: {e.Message}");
                exit = 1;
            }
        }
        return exit;
    }

    /// <summary>Whether <paramref name="path"/> already gives C# completions, and why not.</summary>
    public static (TriggerState State, string Detail) Check(string path)
    {
        if (!File.Exists(path)) return (TriggerState.Missing, $"{path} does not exist");
        try
        {
            var found = Scan(Encoding.UTF8.GetBytes(Text(File.ReadAllText(path)).Body), path);
            return found.HasCSharp ? (TriggerState.Set, $"csharp is in {Setting} in {path}")
                : found.Setting is null ? (TriggerState.Missing, $"{path} has no {Setting}")
                : (TriggerState.Missing, $"{Setting} in {path} has no csharp entry");
        }
        catch (SettingsFileException e)
        {
            return (TriggerState.Unusable, e.Message);
        }
    }

    /// <summary>
    /// Adds <c>csharp</c> to the setting in <paramref name="path"/> (creating the file and folders if needed); false
    /// when it was there already. Throws <see cref="SettingsFileException"/>, leaving the file untouched, when the
    /// file is not JSON with comments or the setting is not an object.
    /// </summary>
    public static bool Enable(string path)
    {
        var original = File.Exists(path) ? File.ReadAllText(path) : "";
        var edited = WithCSharp(original, path);
        if (edited is null) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".course-tmp";
        File.WriteAllText(temporary, edited, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true); // a reader never sees half a file
        return true;
    }

    /// <summary>The settings text with <c>csharp</c> added, or null when it has it already.</summary>
    public static string? WithCSharp(string text, string path)
    {
        var (bom, body) = Text(text);
        var bytes = Encoding.UTF8.GetBytes(body);
        var found = Scan(bytes, path);
        if (found.HasCSharp) return null;
        var newline = body.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var indent = found.Indent is { Length: > 0 } unit ? unit : "    ";

        string insertion;
        int at;
        if (found.Setting is { } setting)
        {
            var inner = setting.Indent + indent;
            var entry = $"{inner}\"csharp\": {Array(CSharpTriggers)}";
            (at, insertion) = setting.LastMemberEnd is { } end
                ? (end, $",{newline}{entry}")
                : (setting.OpenBrace + 1, $"{newline}{entry}{newline}{setting.Indent}");
        }
        else
        {
            var value = NewSetting(indent, newline);
            (at, insertion) = found.RootOpenBrace is not { } open
                ? (bytes.Length, $"{(body.Length == 0 || body.EndsWith('\n') ? "" : newline)}{{{newline}{indent}{value}{newline}}}{newline}")
                : found.LastMemberEnd is { } end
                    ? (end, $",{newline}{indent}{value}")
                    : (open + 1, $"{newline}{indent}{value}{newline}");
        }
        var edited = Encoding.UTF8.GetString(bytes, 0, at) + insertion + Encoding.UTF8.GetString(bytes, at, bytes.Length - at);
        return bom + edited;
    }

    private static string NewSetting(string indent, string newline)
    {
        var entries = ExtensionDefaults.Append((Language: "csharp", Triggers: CSharpTriggers.ToArray()))
            .Select(e => $"{indent}{indent}\"{e.Language}\": {Array(e.Triggers)}");
        return $"\"{Setting}\": {{{newline}{string.Join("," + newline, entries)}{newline}{indent}}}";
    }

    // Written as a person would ("\"" rather than the serializer's "\u0022"); only quote and backslash need escaping here.
    private static string Array(IEnumerable<string> items) =>
        "[" + string.Join(", ", items.Select(i => "\"" + i.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")) + "]";

    private static (string Bom, string Body) Text(string text) =>
        text.StartsWith('\uFEFF') ? ("\uFEFF", text[1..]) : ("", text);

    private sealed record SettingObject(int OpenBrace, int? LastMemberEnd, string Indent);

    private sealed record Scanned(int? RootOpenBrace, int? LastMemberEnd, string? Indent, SettingObject? Setting, bool HasCSharp);

    // Finds, in byte offsets, the root object's braces and last member, and the setting's object and its members.
    private static Scanned Scan(byte[] bytes, string path)
    {
        if (Blank(bytes)) return new Scanned(null, null, null, null, false); // VS Code reads it as {}
        var reader = new Utf8JsonReader(bytes, Options);
        try
        {
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new SettingsFileException($"{path} is not a settings file: its top level is not an object ({{ … }}). Fix it in VS Code (Preferences: Open User Settings (JSON)), then run this again.");
            var rootOpen = (int)reader.TokenStartIndex;
            int? lastEnd = null;
            string? indent = null;
            SettingObject? setting = null;
            var hasCSharp = false;
            while (Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                indent ??= IndentOf(bytes, (int)reader.TokenStartIndex);
                var propertyIndent = IndentOf(bytes, (int)reader.TokenStartIndex);
                Next(ref reader);
                if (name == Setting)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                        throw new SettingsFileException($"{Setting} in {path} is not an object of languages (e.g. {{ \"python\": [\".\"] }}), so the course will not change it. Replace it with an object or remove it, then run this again.");
                    var open = (int)reader.TokenStartIndex;
                    int? innerEnd = null;
                    while (Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        hasCSharp |= reader.GetString() == "csharp";
                        Next(ref reader);
                        reader.Skip();
                        innerEnd = (int)reader.BytesConsumed;
                    }
                    setting = new SettingObject(open, innerEnd, propertyIndent);
                }
                else reader.Skip();
                lastEnd = (int)reader.BytesConsumed;
            }
            if (Next(ref reader))
                throw new SettingsFileException($"{path} has more after its closing brace (line {Line(bytes, (int)reader.TokenStartIndex)}). Fix it in VS Code, then run this again.");
            return new Scanned(rootOpen, lastEnd, indent, setting, hasCSharp);
        }
        catch (JsonException e)
        {
            throw new SettingsFileException($"{path} is not valid JSON with comments ({e.Message}). VS Code shows the problem when you open it; fix it there, then run this again. The file was not changed.");
        }
    }

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Allow, AllowTrailingCommas = true };

    // Empty, whitespace or comments only: the reader stops with "no JSON tokens" after nothing but blank bytes.
    private static bool Blank(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, Options);
        try
        {
            while (reader.Read())
                if (reader.TokenType != JsonTokenType.Comment) return false;
            return true;
        }
        catch (JsonException)
        {
            return reader.TokenType is JsonTokenType.None or JsonTokenType.Comment &&
                   bytes.AsSpan((int)reader.BytesConsumed).Trim(" \t\r\n"u8).IsEmpty;
        }
    }

    // Reads the next token that is not a comment.
    private static bool Next(ref Utf8JsonReader reader)
    {
        while (reader.Read())
            if (reader.TokenType != JsonTokenType.Comment) return true;
        return false;
    }

    // The whitespace between the start of the line and offset, or "" when something else comes first.
    private static string IndentOf(byte[] bytes, int offset)
    {
        var start = offset;
        while (start > 0 && bytes[start - 1] is (byte)' ' or (byte)'\t') start--;
        return start == 0 || bytes[start - 1] == (byte)'\n' ? Encoding.UTF8.GetString(bytes, start, offset - start) : "";
    }

    private static int Line(byte[] bytes, int offset) => bytes.Take(offset).Count(b => b == (byte)'\n') + 1;
}

/// <summary>A settings file the course will not edit; the message says why and what to do.</summary>
public sealed class SettingsFileException(string message) : Exception(message);
