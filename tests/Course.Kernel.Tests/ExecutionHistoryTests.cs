using System.Text.Json.Nodes;

namespace Course.Kernel.Tests;

public sealed class ExecutionHistoryTests
{
    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("var x*", "var x = 1;", true)]
    [InlineData("var x*", "let var x", false)]
    [InlineData("*Sum(?)*", "a.Sum(1) + 2", true)]
    [InlineData("*Sum(?)*", "a.Sum(12)", false)]
    [InlineData("[abc]x", "bx", true)]
    [InlineData("[!abc]x", "bx", false)]
    [InlineData("[a-c]x", "cx", true)]
    [InlineData("[a-c]x", "dx", false)]
    [InlineData("a[", "a[", true)]
    [InlineData("ABC", "abc", false)]
    [InlineData("", "", true)]
    [InlineData("**a", "a", true)]
    public void Glob_follows_shell_rules(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Glob.Matches(pattern, text));

    [Fact]
    public async Task A_pattern_that_makes_a_regex_backtrack_ends_promptly()
    {
        // With the old regex, ^.*a.*a…b$ over 20,000 'a's explores an astronomic number of splits.
        var pattern = string.Concat(Enumerable.Repeat("*a", 30)) + "*b";
        var text = new string('a', 20_000);
        var history = new ExecutionHistory();
        history.Add(1, text, null);
        var reply = await Task.Run(() => history.Query(new JsonObject { ["hist_access_type"] = "search", ["pattern"] = pattern }))
            .WaitAsync(TimeSpan.FromSeconds(30)); // the old regex never returned: a TimeoutException fails the test
        Assert.Empty(reply["history"]!.AsArray());
    }

    [Theory]
    [InlineData("n", "\"ten\"")]
    [InlineData("output", "1")]
    [InlineData("hist_access_type", "[]")]
    [InlineData("pattern", "{}")]
    [InlineData("start", "\"1\"")]
    public void A_field_of_the_wrong_type_is_an_argument_error_naming_the_field(string field, string json)
    {
        var request = new JsonObject { ["hist_access_type"] = field is "pattern" ? "search" : field is "start" ? "range" : "tail", [field] = JsonNode.Parse(json) };
        var e = Assert.Throws<ArgumentException>(() => new ExecutionHistory().Query(request));
        Assert.Contains($"\"{field}\"", e.Message);
    }
}
