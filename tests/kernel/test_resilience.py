"""The kernel survives what learners do: cells that throw, endless loops interrupted, input it cannot get,
forged messages; plus stop_on_error, silent execution and restart. Drives the real kernel with jupyter_client.

Run: JUPYTER_PATH=<prefix>/share/jupyter COURSE_KERNEL_NAME=<name> /usr/bin/python3 -m unittest -v test_resilience
"""
import time
import unittest
from queue import Empty

from jupyter_client.session import Session

from running_kernel import TIMEOUT, RunningKernel


class KernelResilienceTests(RunningKernel, unittest.TestCase):
    def run_cell(self, code, **kw):
        """Executes and returns (reply content, iopub messages of that request up to idle)."""
        msg_id = self.kc.execute(code, **kw)
        return self.collect(msg_id)

    def collect(self, msg_id):
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status":
                if msg["content"]["execution_state"] == "idle":
                    break
                continue
            outputs.append(msg)
        return reply["content"], outputs

    def assert_answers(self):
        reply, outputs = self.run_cell("1 + 1")
        self.assertEqual(reply["status"], "ok")
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "2")

    def test_cell_that_throws(self):
        reply, outputs = self.run_cell('throw new ArgumentException("bad value");')
        self.assertEqual(reply["status"], "error")
        self.assertIn("ArgumentException", reply["ename"])
        self.assertEqual(reply["evalue"], "bad value")
        self.assertEqual([m["msg_type"] for m in outputs if m["msg_type"] != "execute_input"], ["error"])
        self.assert_answers()

    def test_interrupt_endless_loop(self):
        msg_id = self.kc.execute("while (true) { }")
        time.sleep(2)
        self.assertTrue(self.km.is_alive())
        self.assertTrue(self.kc.hb_channel.is_beating(), "heartbeat must answer while a cell runs")
        started = time.monotonic()
        self.km.interrupt_kernel()  # interrupt_mode "message": an interrupt_request on control
        reply, outputs = self.collect(msg_id)
        self.assertLess(time.monotonic() - started, 10)
        self.assertEqual(reply["status"], "error")
        self.assertIn("cancel", reply["evalue"].lower())
        self.assertIn("error", [m["msg_type"] for m in outputs])
        self.assert_answers()

    def test_bad_signature_is_dropped(self):
        forger = Session(key=b"not-the-key", signature_scheme="hmac-sha256")
        msg = forger.msg("execute_request", {"code": 'Console.WriteLine("forged");', "silent": False,
                                             "store_history": True, "user_expressions": {},
                                             "allow_stdin": False, "stop_on_error": True})
        forger.send(self.kc.shell_channel.socket, msg)
        with self.assertRaises(Empty):
            while True:
                got = self.kc.get_shell_msg(timeout=2)
                self.assertNotEqual(got["parent_header"].get("msg_id"), msg["header"]["msg_id"])
        self.assert_answers()
        self.assertIn("invalid HMAC signature", self.kernel_log())

    def test_input_without_stdin_fails_clearly(self):
        reply, _ = self.run_cell("var name = Console.ReadLine();", allow_stdin=False)
        self.assertEqual(reply["status"], "error")
        self.assertIn("allow_stdin is false", reply["evalue"])
        self.assert_answers()

    def test_input_with_stdin(self):
        msg_id = self.kc.execute("Console.ReadLine().ToUpper()", allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(request["msg_type"], "input_request")
        self.kc.input("forty-two")
        reply, outputs = self.collect(msg_id)
        self.assertEqual(reply["status"], "ok")
        results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(results, ["FORTY-TWO"])

    def test_stop_on_error_aborts_queued_cells(self):
        failing = self.kc.execute('System.Threading.Thread.Sleep(500); throw new Exception("first");')
        queued = self.kc.execute("1 + 1")
        first, _ = self.collect(failing)
        second, outputs = self.collect(queued)
        self.assertEqual(first["status"], "error")
        self.assertEqual(second["status"], "aborted")
        self.assertFalse([m for m in outputs if m["msg_type"] == "execute_result"])
        self.assert_answers()

    def test_silent_publishes_nothing(self):
        reply, outputs = self.run_cell('Console.WriteLine("quiet"); 5', silent=True)
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(outputs, [])

    def test_execution_count_increments(self):
        first, _ = self.run_cell("1")
        second, _ = self.run_cell("2")
        third, _ = self.run_cell("3", store_history=False)
        self.assertEqual(second["execution_count"], first["execution_count"] + 1)
        self.assertEqual(third["execution_count"], second["execution_count"])

    def test_zz_restart_gives_fresh_state(self):
        reply, _ = self.run_cell("var kept = 5;")
        self.assertEqual(reply["status"], "ok")
        self.km.restart_kernel(now=False)
        self.kc.wait_for_ready(timeout=TIMEOUT)
        reply, _ = self.run_cell("kept")
        self.assertEqual(reply["status"], "error")
        self.assertIn("kept", reply["evalue"])
        self.assert_answers()


if __name__ == "__main__":
    unittest.main()
