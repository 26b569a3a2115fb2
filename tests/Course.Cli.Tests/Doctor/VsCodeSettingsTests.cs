using System.Text.Json;
using Course.Cli.Doctor;
using Course.Cli.Tests.Running;

namespace Course.Cli.Tests.Doctor;

/// <summary>`course kernel install --vscode` and the doctor's check, on temporary settings files.</summary>
public class VsCodeSettingsTests
{
    private const string Setting = VsCodeSettings.Setting;

    [Fact]
    public void An_absent_file_is_created_with_the_extension_defaults_and_csharp()
    {
        using var temp = new TempDir();
        var path = Path.Combine(temp.Path, "Code", "User", "settings.json");
        Assert.Equal(TriggerState.Missing, VsCodeSettings.Check(path).State);

        Assert.True(VsCodeSettings.Enable(path));

        var triggers = Triggers(File.ReadAllText(path));
        Assert.Equal([".", "#", "\""], triggers["csharp"]);
        Assert.Equal([".", "%", "'", "\""], triggers["python"]); // the value replaces the defaults: they are written too
        Assert.Contains("r", triggers.Keys);
        Assert.Equal(TriggerState.Set, VsCodeSettings.Check(path).State);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{ }\n")]
    [InlineData("")]
    [InlineData("// my settings\n")]
    public void An_empty_object_or_file_gets_the_setting(string text)
    {
        var edited = VsCodeSettings.WithCSharp(text, "settings.json")!;
        Assert.Contains("csharp", Triggers(edited).Keys);
        AssertOnlyInserted(text, edited);
    }

    [Fact]
    public void Comments_trailing_commas_and_other_settings_stay_as_they_were()
    {
        var text = """
            // VS Code user settings
            {
              /* the editor */
              "editor.fontSize": 14, // large
              "files.exclude": { "**/bin": true, },
              "python.defaultInterpreterPath": "/usr/bin/python3",
            }
            """;
        var edited = VsCodeSettings.WithCSharp(text, "settings.json")!;
        AssertOnlyInserted(text, edited);
        Assert.Contains("\n  \"" + Setting, edited); // indented like its neighbours
        using var document = Parse(edited);
        Assert.Equal(14, document.RootElement.GetProperty("editor.fontSize").GetInt32());
        Assert.Contains("csharp", Triggers(edited).Keys);
    }

    [Fact]
    public void Existing_languages_are_kept_and_only_csharp_is_added()
    {
        var text = "{\n    \"" + Setting + "\": {\n        \"python\": [\".\"], // mine\n        \"r\": [\"$\"],\n    },\n    \"editor.tabSize\": 2\n}\n";
        var edited = VsCodeSettings.WithCSharp(text, "settings.json")!;
        AssertOnlyInserted(text, edited);
        var triggers = Triggers(edited);
        Assert.Equal(["python", "r", "csharp"], triggers.Keys);
        Assert.Equal(["."], triggers["python"]);
        Assert.Contains("\n        \"csharp\"", edited);
    }

    [Fact]
    public void A_file_with_csharp_already_is_left_untouched()
    {
        using var temp = new TempDir();
        var path = Path.Combine(temp.Path, "settings.json");
        var text = "{ \"" + Setting + "\": { \"csharp\": [\".\"] } } // done\n";
        File.WriteAllText(path, text);
        Assert.Null(VsCodeSettings.WithCSharp(text, path));
        Assert.False(VsCodeSettings.Enable(path));
        Assert.Equal(text, File.ReadAllText(path));
        Assert.Equal(TriggerState.Set, VsCodeSettings.Check(path).State);
    }

    [Theory]
    [InlineData("{ \"editor.fontSize\": }")]
    [InlineData("{ \"a\": 1 ")]
    [InlineData("[1, 2]")]
    [InlineData("oops")]
    [InlineData("{ \"a\": 1 } { }")]
    [InlineData("{ \"" + Setting + "\": [\".\"] }")]
    public void An_invalid_file_or_setting_is_refused_and_not_changed(string text)
    {
        using var temp = new TempDir();
        var path = Path.Combine(temp.Path, "settings.json");
        File.WriteAllText(path, text);
        var error = Assert.Throws<SettingsFileException>(() => VsCodeSettings.Enable(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("then run this again", error.Message);
        Assert.Equal(text, File.ReadAllText(path));
        Assert.Equal(TriggerState.Unusable, VsCodeSettings.Check(path).State);
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_kept()
    {
        var text = "\uFEFF{\r\n\t\"editor.fontSize\": 14\r\n}\r\n";
        var edited = VsCodeSettings.WithCSharp(text, "settings.json")!;
        Assert.StartsWith("\uFEFF{\r\n", edited);
        Assert.DoesNotContain("\n", edited.Replace("\r\n", ""));
        Assert.Contains("\r\n\t\"" + Setting, edited);
        AssertOnlyInserted(text, edited);
    }

    [Fact]
    public void Doctor_says_how_to_set_it_then_that_it_is_set_for_each_installed_variant()
    {
        using var temp = new TempDir();
        var context = new DoctorContext(name => name == "XDG_CONFIG_HOME" ? temp.Path : null, []);
        var none = Assert.Single(DoctorChecks.VsCodeCompletions(context));
        Assert.Equal(Verdict.Info, none.Verdict); // VS Code not installed: nothing to fix

        Directory.CreateDirectory(Path.Combine(temp.Path, "Code"));
        Directory.CreateDirectory(Path.Combine(temp.Path, "VSCodium", "User"));
        var missing = DoctorChecks.VsCodeCompletions(context).ToList();
        Assert.Equal(2, missing.Count);
        Assert.All(missing, m => Assert.Equal(Verdict.Warn, m.Verdict));
        Assert.All(missing, m => Assert.Contains("./course kernel install --vscode", m.Fix));

        var output = new StringWriter();
        Assert.Equal(0, VsCodeSettings.EnableCompletions(output, TextWriter.Null, name => name == "XDG_CONFIG_HOME" ? temp.Path : null));
        Assert.Contains("VSCodium: added csharp", output.ToString());
        Assert.All(DoctorChecks.VsCodeCompletions(context), m => Assert.Equal(Verdict.Ok, m.Verdict));
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "Code - Insiders"))); // a variant not installed is not created
    }

    [Fact]
    public void Kernel_install_with_vscode_registers_the_kernel_and_edits_the_settings()
    {
        using var temp = new TempDir();
        var settings = Path.Combine(temp.Path, "config", "Code", "User", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        File.WriteAllText(settings, "{\n  // keep me\n  \"editor.fontSize\": 14,\n}\n");
        var start = CourseProcess.Start(temp.Path, "kernel", "install", "--prefix", Path.Combine(temp.Path, "prefix"), "--vscode");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(temp.Path, "config");
        start.Environment["HOME"] = Path.Combine(temp.Path, "home"); // never the real VS Code settings
        var (exit, output) = CourseProcess.Run(start, TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output);
        Assert.Contains("added csharp", output);
        Assert.True(File.Exists(Path.Combine(temp.Path, "prefix", "share", "jupyter", "kernels", "course-csharp", "kernel.json")));
        Assert.Contains("// keep me", File.ReadAllText(settings));
        Assert.Contains("csharp", Triggers(File.ReadAllText(settings)).Keys);

        File.WriteAllText(settings, "{ oops }");
        (exit, output) = CourseProcess.Run(start, TimeSpan.FromMinutes(1));
        Assert.Equal(1, exit);
        Assert.Contains("is not valid JSON with comments", output);
        Assert.Equal("{ oops }", File.ReadAllText(settings));
    }

    // The edit only inserted text: the original is the edited text with one contiguous span taken out.
    private static void AssertOnlyInserted(string original, string edited)
    {
        var prefix = 0;
        while (prefix < original.Length && original[prefix] == edited[prefix]) prefix++;
        var suffix = 0;
        while (suffix < original.Length - prefix && original[^(suffix + 1)] == edited[^(suffix + 1)]) suffix++;
        Assert.True(prefix + suffix == original.Length, $"more than an insertion changed:\n{edited}");
    }

    private static JsonDocument Parse(string text) =>
        JsonDocument.Parse(text.TrimStart('\uFEFF'), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

    private static Dictionary<string, string[]> Triggers(string text)
    {
        using var document = Parse(text);
        return document.RootElement.GetProperty(Setting).EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
    }
}
