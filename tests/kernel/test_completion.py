"""Completion and inspection as a front end asks for them (Tab, Shift-Tab, VS Code's IntelliSense): members with
kinds and signatures, the course's usings, variables of earlier cells, keywords, #r, Unicode cursors, bad cursors,
and answers while a cell runs. Drives the real kernel with jupyter_client.

Run: JUPYTER_PATH=<prefix>/share/jupyter COURSE_KERNEL_NAME=<name> /usr/bin/python3 -m unittest -v test_completion
"""
import sys
import time
import unittest

from running_kernel import TIMEOUT, RunningKernel


class CompletionTests(RunningKernel, unittest.TestCase):
    def reply_to(self, msg_id):
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        return reply["content"]

    def complete(self, code, cursor_pos=None):
        return self.reply_to(self.kc.complete(code, len(code) if cursor_pos is None else cursor_pos))

    def inspect(self, code, cursor_pos=None):
        return self.reply_to(self.kc.inspect(code, len(code) if cursor_pos is None else cursor_pos))

    def run_cell(self, code):
        reply = self.reply_to(self.kc.execute(code))
        self.assertEqual(reply["status"], "ok", reply)

    @staticmethod
    def typed(reply, text):
        return next(t for t in reply["metadata"]["_jupyter_types_experimental"] if t["text"] == text)

    def test_a_first_and_warm_completion_latency(self):
        # Named to run first. The kernel answers kernel_info before its engine has loaded; a cell waits for the
        # engine, and the editor services warm in the background from then on.
        self.run_cell("1")
        timings = []
        for _ in range(2):
            started = time.perf_counter()
            reply = self.complete("Console.Wri")
            timings.append((time.perf_counter() - started) * 1000)
            self.assertIn("WriteLine", reply["matches"])
        print(f"completion latency: first {timings[0]:.0f} ms, warm {timings[1]:.0f} ms", file=sys.stderr)

    def test_math_members_with_kind_and_signature(self):
        reply = self.complete("Math.")
        self.assertEqual(reply["status"], "ok")
        self.assertIn("Sqrt", reply["matches"])
        self.assertNotIn("Console", reply["matches"])
        self.assertEqual((reply["cursor_start"], reply["cursor_end"]), (5, 5))
        sqrt = self.typed(reply, "Sqrt")
        self.assertEqual(sqrt["type"], "method")
        self.assertEqual((sqrt["start"], sqrt["end"]), (5, 5))
        self.assertEqual(self.typed(reply, "PI")["type"], "constant")

    def test_typed_prefix_is_replaced_and_the_first_items_have_signatures(self):
        reply = self.complete("Math.Sq")
        self.assertEqual(reply["matches"][0], "Sqrt")
        self.assertEqual((reply["cursor_start"], reply["cursor_end"]), (5, 7))
        self.assertIn("Math.Sqrt(double d)", self.typed(reply, "Sqrt")["signature"])

    def test_optim_adam_inspection_lists_its_parameters(self):
        for code in ("optim.Adam(", "torch.optim.Adam("):
            reply = self.inspect(code)
            self.assertEqual(reply["status"], "ok")
            self.assertTrue(reply["found"], code)
            text = reply["data"]["text/plain"]
            for parameter in ("lr", "beta1", "beta2", "weight_decay", "amsgrad"):
                self.assertIn(parameter, text)
            self.assertIn("optim.Adam(", text)

    def test_inspection_shows_xml_documentation(self):
        reply = self.inspect("Math.Sqrt", 6)
        self.assertTrue(reply["found"])
        self.assertIn("square root", reply["data"]["text/plain"])

    def test_variable_from_an_earlier_cell(self):
        self.run_cell("var learningRateOfCell = 0.25; var batches = new List<int>();")
        reply = self.complete("learningRateOf")
        self.assertEqual(reply["matches"][0], "learningRateOfCell")
        members = self.complete("batches.")
        self.assertIn("Add", members["matches"])
        self.assertIn("Count", members["matches"])

    def test_keyword(self):
        reply = self.complete("forea")
        self.assertEqual(reply["matches"][0], "foreach")
        self.assertEqual(self.typed(reply, "foreach")["type"], "keyword")

    def test_named_argument(self):
        reply = self.complete("Math.Round(2.5, mode")
        self.assertIn("mode:", reply["matches"])

    def test_reference_directive(self):
        reply = self.complete('#r "nu')
        self.assertEqual(reply["matches"], ["nuget: "])
        self.assertEqual((reply["cursor_start"], reply["cursor_end"]), (4, 6))

    def test_cursor_counts_unicode_code_points(self):
        code = 'var smile = "\U0001F600"; Math.Sq'  # the emoji is one code point, two UTF-16 units
        reply = self.complete(code)
        self.assertEqual(reply["matches"][0], "Sqrt")
        self.assertEqual((reply["cursor_start"], reply["cursor_end"]), (len(code) - 2, len(code)))

    def test_bad_cursor_positions_get_an_error_reply(self):
        for cursor in (-1, 5, 10**6):
            for ask in (self.complete, self.inspect):
                reply = ask("Math", cursor)
                self.assertEqual(reply["status"], "error", reply)
                self.assertIn("between 0 and 4", reply["evalue"])
        self.run_cell("1 + 1")  # and the kernel goes on

    def test_completion_answers_while_a_cell_runs(self):
        running = self.kc.execute("await Task.Delay(4000); 1")
        time.sleep(0.5)
        started = time.perf_counter()
        msg_id = self.kc.complete("Math.Sq", 7)
        first = self.kc.get_shell_msg(timeout=TIMEOUT)
        waited = time.perf_counter() - started
        self.assertEqual(first["parent_header"]["msg_id"], msg_id, "the completion waited for the running cell")
        self.assertEqual(first["content"]["matches"][0], "Sqrt")
        print(f"completion while a cell runs: {waited * 1000:.0f} ms", file=sys.stderr)
        self.assertEqual(self.reply_to(running)["status"], "ok")

    def test_completions_beside_a_torchsharp_cell_leave_the_cells_working(self):
        # The kernel compiles completions beside the cells; it once made a TorchSharp cell fail with CS0433 (the type
        # exists in both TorchSharp and TorchSharp). Ask while a TorchSharp cell compiles and runs, then use its types.
        running = self.kc.execute("Tensor Twice(Tensor t) => t * 2;\nvar m = randn(300, 300);\n"
                                  "for (var i = 0; i < 40; i++) m = m.matmul(m).tanh();\nm.shape[0]")
        asked = [self.kc.complete(code, len(code)) for code in ("nn.Lin", "torch.ones(3).sh", "Math.Sq")]
        asked.append(self.kc.inspect("optim.Adam(", 10))
        replies = {}
        while len(replies) < len(asked) + 1:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            replies[reply["parent_header"].get("msg_id")] = reply["content"]
        self.assertEqual(replies[running]["status"], "ok", replies[running])
        self.assertIn("Linear", replies[asked[0]]["matches"])
        self.assertIn("shape", replies[asked[1]]["matches"])
        self.assertIn("Sqrt", replies[asked[2]]["matches"])
        self.assertIn("lr", replies[asked[3]]["data"]["text/plain"])
        for code in ("var doubled = Twice(ones(2));", "Tensor total = doubled.sum(); total.item<float>()"):
            self.run_cell(code)


if __name__ == "__main__":
    unittest.main()
