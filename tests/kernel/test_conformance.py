"""The Jupyter project's own kernel conformance tests (jupyter_kernel_test) against the course's C# kernel.

Run: JUPYTER_PATH=<prefix>/share/jupyter COURSE_KERNEL_NAME=<name> /usr/bin/python3 -m unittest -v test_conformance
(the xunit test KernelConformanceTests does this with a kernelspec installed into a temporary prefix).
"""
import os
import unittest

import jupyter_kernel_test

HTML = 'new Course.Hosting.MimeBundle(new Dictionary<string, string> { ["text/plain"] = "bold", ["text/html"] = "<b>bold</b>" })'


class CourseCSharpKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("COURSE_KERNEL_NAME", "course-csharp")
    language_name = "csharp"
    file_extension = ".cs"

    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("something went wrong");'

    completion_samples = [
        {"text": "Console.WriteLi", "matches": {"WriteLine"}},
        {"text": "Math.Sqr", "matches": {"Sqrt"}},
    ]

    complete_code_samples = ["1 + 1", "var x = 3;", "Console.WriteLine(\"hi\");", "void F() { }"]
    incomplete_code_samples = ["if (true) {", "var s = \"abc", "void F() {"]
    invalid_code_samples = ["var = ;", "int x = ;"]

    code_execute_result = [
        {"code": "1 + 1", "result": "2"},
        {"code": "\"abc\".ToUpper()", "result": "ABC"},
        {"code": "6 * 7", "result": "42"},
    ]
    code_history_pattern = "6 * *"
    supported_history_operations = ("tail", "range", "search")

    code_display_data = [
        {"code": f"Course.Hosting.Display.Show({HTML});", "mime": "text/html"},
        {"code": 'Course.Hosting.Display.Show("plain");', "mime": "text/plain"},
    ]

    code_clear_output = "clear_output();"

    code_inspect_sample = "Console.WriteLine"
    code_page_something = "Math.Sqrt?"
    code_generate_error = 'throw new InvalidOperationException("boom");'


if __name__ == "__main__":
    unittest.main()
