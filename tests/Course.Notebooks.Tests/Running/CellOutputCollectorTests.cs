using System.Text.Json.Nodes;
using Course.Hosting;
using Course.Notebooks.Documents;
using Course.Notebooks.Formatting;
using Course.Notebooks.Running;

namespace Course.Notebooks.Tests.Running;

public class CellOutputCollectorTests
{
    private static NotebookCell Cell() => NotebookCell.NewCode("", null);

    private static List<string> Lines(JsonNode? output) => output!["text"]!.AsArray().Select(l => (string)l!).ToList();

    [Fact]
    public void A_hundred_thousand_printed_lines_become_one_stream_output_of_whole_lines()
    {
        var cell = Cell();
        var sink = new CellOutputCollector(cell);
        for (var i = 0; i < 100_000; i++)
        {
            // Lines arrive split at odd places, as Console.Write pieces do.
            sink.Stream("stdout", $"line {i}");
            sink.Stream("stdout", "\n");
        }
        sink.Complete();
        var lines = Lines(cell.Outputs.Single());
        Assert.Equal(100_000, lines.Count);
        Assert.Equal("line 0\n", lines[0]);
        Assert.Equal("line 99999\n", lines[^1]);
        Assert.All(lines, l => Assert.EndsWith("\n", l));
    }

    [Fact]
    public void An_unfinished_line_is_kept_and_continued()
    {
        var cell = Cell();
        var sink = new CellOutputCollector(cell);
        sink.Stream("stdout", "epoch 1 ");
        sink.Stream("stdout", "loss 0.5\nepoch 2");
        sink.Stream("stdout", "\nend");
        sink.Complete();
        Assert.Equal(["epoch 1 loss 0.5\n", "epoch 2\n", "end"], Lines(cell.Outputs.Single()));
    }

    [Fact]
    public void Streams_split_at_other_outputs_and_at_a_change_of_stream()
    {
        var cell = Cell();
        var sink = new CellOutputCollector(cell);
        sink.Stream("stdout", "a");
        sink.Stream("stderr", "warn\n");
        sink.Stream("stdout", "b\n");
        sink.Display(MimeBundle.Text("chart"), "d1", update: false);
        sink.Stream("stdout", "c");
        sink.Display(MimeBundle.Text("chart 2"), "d1", update: true); // an update changes no order
        sink.Stream("stdout", "d\n");
        sink.Complete();
        var kinds = cell.Outputs.Select(o => $"{o!["output_type"]}:{o["name"]}").ToList();
        Assert.Equal(["stream:stdout", "stream:stderr", "stream:stdout", "display_data:", "stream:stdout"], kinds);
        Assert.Equal(["a"], Lines(cell.Outputs[0]));
        Assert.Equal(["cd\n"], Lines(cell.Outputs[4]));
        var shown = cell.Outputs[3]!["data"]!["text/plain"];
        Assert.Equal("chart 2", shown is JsonArray parts ? string.Concat(parts.Select(p => (string)p!)) : (string)shown!);
    }

    [Fact]
    public void Clear_drops_buffered_text_too()
    {
        var cell = Cell();
        var sink = new CellOutputCollector(cell);
        sink.Stream("stdout", "progress 10%");
        sink.Clear(wait: false);
        sink.Stream("stdout", "progress 20%");
        sink.Complete();
        Assert.Equal(["progress 20%"], Lines(cell.Outputs.Single()));
    }
}
