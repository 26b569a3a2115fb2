"""Writes the fixture notebooks (kept in git; rerun after editing the cells here)."""
import nbformat
from nbformat.v4 import new_code_cell, new_notebook

KERNELSPEC = {"name": "course-csharp", "display_name": "C# (course)", "language": "csharp"}


def write(name, cells):
    nb = new_notebook(cells=[new_code_cell(c) for c in cells], metadata={"kernelspec": KERNELSPEC, "language_info": {"name": "csharp"}})
    nbformat.validate(nb)
    nbformat.write(nb, f"fixtures/{name}.ipynb")


write("state", ["var total = 40;", "total += 2;", "total", 'Console.WriteLine($"total is {total}");'])
write("display_update", ['var handle = display("first");', 'handle.Update("second");', 'var live = display("step 0");\nfor (int i = 1; i <= 3; i++) live.Update($"step {i}");', '"done"'])
write("error", ["var before = 1;", 'throw new InvalidOperationException("bad input");', "before + 1"])
write("plotly", ['Chart.Line<int, int, string>(new[] { 1, 2, 3 }, new[] { 4, 1, 6 })'])
