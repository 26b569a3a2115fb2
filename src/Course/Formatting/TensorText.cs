using System.Globalization;
using System.Text;
using static TorchSharp.torch;

namespace Course.Formatting;

/// <summary>
/// Text for tensors the way numpy prints arrays: shape, dtype and device first, then the values; a large tensor
/// shows only its first and last <c>edge</c> entries along each long dimension, with "…" between them.
/// </summary>
public static class TensorText
{
    /// <summary>Tensors with more elements than this are abbreviated.</summary>
    public const int Threshold = 1000;

    /// <summary>"float32 [60000, 1, 28, 28] on cpu".</summary>
    public static string Summary(Tensor t) =>
        $"{t.dtype.ToString().ToLowerInvariant()} [{string.Join(", ", t.shape)}] on {t.device}{(t.requires_grad ? ", requires grad" : "")}";

    /// <summary>Header line and the (possibly abbreviated) values.</summary>
    public static string Format(Tensor t, int edge = 3)
    {
        var header = $"tensor {Summary(t)}";
        if (t.numel() == 0) return header + "\n[]";
        if (t.is_complex()) return header + " (complex values not shown)";
        using var scope = NewDisposeScope();
        bool abbreviate = t.numel() > Threshold;
        var small = t.detach().cpu();
        var cut = new bool[t.dim()];
        for (int d = 0; d < t.dim(); d++)
        {
            if (!abbreviate || small.shape[d] <= 2 * edge) continue;
            cut[d] = true;
            small = cat([small.narrow(d, 0, edge), small.narrow(d, small.shape[d] - edge, edge)], d);
        }
        var values = small.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        var cells = Cells(values, t.is_floating_point());
        int width = cells.Max(c => c.Length);
        var text = new StringBuilder(header).Append('\n');
        if (t.dim() == 0) return text.Append(cells[0]).ToString();
        int offset = 0;
        Render(text, cells, small.shape, cut, edge, 0, ref offset, width);
        return text.ToString();
    }

    /// <summary>A small HTML rendering: the summary in bold, the values in a pre block.</summary>
    public static string ToHtml(Tensor t)
    {
        var text = Format(t);
        int newline = text.IndexOf('\n');
        var values = newline < 0 ? "" : text[(newline + 1)..];
        return $"<div class=\"course-tensor\"><b>tensor</b> <code>{Html.Encode(Summary(t))}</code><pre style=\"margin:2px 0\">{Html.Encode(values)}</pre></div>";
    }

    private static string[] Cells(double[] values, bool floating)
    {
        if (!floating) return values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)).ToArray();
        double max = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        double minNonZero = values.Where(v => double.IsFinite(v) && v != 0).Select(Math.Abs).DefaultIfEmpty(1).Min();
        string format = max >= 1e5 || minNonZero < 1e-4 ? "0.0000e+00" : "0.0000";
        return values.Select(v => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    private static void Render(StringBuilder text, string[] cells, long[] shape, bool[] cut, int edge, int dim, ref int offset, int width)
    {
        text.Append('[');
        long count = shape[dim];
        for (long i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
                if (dim < shape.Length - 1) text.Append('\n', shape.Length - 1 - dim).Append(' ', dim + 1);
                else text.Append(' ');
            }
            if (cut[dim] && i == edge)
            {
                text.Append(dim < shape.Length - 1 ? "…," : "…, ");
                if (dim < shape.Length - 1) text.Append('\n', shape.Length - 1 - dim).Append(' ', dim + 1);
            }
            if (dim == shape.Length - 1) text.Append(cells[offset++].PadLeft(width));
            else Render(text, cells, shape, cut, edge, dim + 1, ref offset, width);
        }
        text.Append(']');
    }
}
