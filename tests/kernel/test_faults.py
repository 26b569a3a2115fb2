"""Kernel fault suite: a few hundred hostile or clumsy messages (fixed seed, loopback only), and after every one
the kernel must still answer 1 + 1. Covers malformed frames, wrong and missing signatures, wrong-typed header
and content fields for every message type the kernel handles, duplicate keys, huge messages, replays, unknown
types, and interrupts while a cell runs and while it waits for input. Prints "N messages, 0 kernel deaths".

Run: JUPYTER_PATH=<prefix>/share/jupyter COURSE_KERNEL_NAME=<name> /usr/bin/python3 -m unittest -v test_faults
"""
import json
import random
import time
import unittest
import uuid

import zmq
from jupyter_client.session import Session

from running_kernel import TIMEOUT, RunningKernel

SEED = 20
DELIMITER = b"<IDS|MSG>"

# Values of every JSON type, plus the extremes a clumsy client might send.
ODD_VALUES = [None, 7, -1, 2 ** 70, 3.5, True, False, "", "text", [], [1, "a"], {}, {"x": 1}, "x" * 10_000]

# Each message type the kernel answers, with its well-formed content (shutdown_request is left out: it ends the
# kernel whatever its fields say, as it should).
REQUESTS = {
    "execute_request": {"code": "1", "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
    "complete_request": {"code": "Console.Wri", "cursor_pos": 11},
    "inspect_request": {"code": "Console", "cursor_pos": 7, "detail_level": 0},
    "is_complete_request": {"code": "if (true) {"},
    "history_request": {"output": False, "raw": True, "hist_access_type": "search", "session": 0, "start": 0,
                        "stop": 10, "n": 5, "pattern": "*", "unique": False},
    "kernel_info_request": {},
    "comm_info_request": {"target_name": "x"},
}
HEADER_FIELDS = ["msg_id", "msg_type", "session", "username", "date", "version"]


class KernelFaultTests(RunningKernel, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_kernel()
        cls.context = zmq.Context()
        cls.session = Session(key=cls.km.session.key, signature_scheme="hmac-sha256", username="faults")
        cls.shell = cls.connect(zmq.DEALER, cls.km.shell_port)
        cls.control = cls.connect(zmq.DEALER, cls.km.control_port)
        cls.sent = 0
        cls.deaths = 0
        cls.random = random.Random(SEED)

    @classmethod
    def connect(cls, kind, port):
        socket = cls.context.socket(kind)
        socket.linger = 0
        socket.connect(f"tcp://{cls.km.ip}:{port}")
        return socket

    @classmethod
    def tearDownClass(cls):
        print(f"\n{cls.sent} messages, {cls.deaths} kernel deaths")
        cls.shell.close()
        cls.control.close()
        cls.context.term()
        cls.stop_kernel(now=True)

    # ---- sending -------------------------------------------------------------------------------------------

    def header(self, msg_type):
        return {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": self.session.session,
                "username": "faults", "date": "2026-01-01T00:00:00Z", "version": "5.3"}

    def frames(self, header, content, parent=b"{}", metadata=b"{}", sign=True):
        """Signed frames from JSON given as objects or as raw bytes (for duplicate keys and broken JSON)."""
        parts = [p if isinstance(p, bytes) else json.dumps(p).encode() for p in (header, parent, metadata, content)]
        return [DELIMITER, self.session.sign(parts) if sign else b"", *parts]

    def send(self, frames, socket=None):
        (socket or self.shell).send_multipart(frames, copy=True)
        type(self).sent += 1

    def reply_to(self, msg_id, socket=None, timeout=TIMEOUT):
        """The reply whose parent is msg_id, or None after timeout seconds."""
        socket = socket or self.shell
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            if not socket.poll(int(left * 1000)):
                break
            _, frames = self.session.feed_identities(socket.recv_multipart())
            msg = self.session.deserialize(frames)
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
        return None

    def drain(self):
        for socket in (self.shell, self.control):
            while socket.poll(0):
                socket.recv_multipart()

    # ---- the rule checked after every message -------------------------------------------------------------

    def assert_alive(self, what):
        msg_id = self.kc.execute("1 + 1", store_history=False)
        answer = None
        deadline = time.monotonic() + TIMEOUT
        while answer is None and time.monotonic() < deadline and self.km.is_alive():
            try:
                msg = self.kc.get_iopub_msg(timeout=1)
            except Exception:
                continue
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_result":
                answer = msg["content"]["data"]["text/plain"]
        if answer != "2":
            type(self).deaths += 1
            self.fail(f"after {what} the kernel no longer answers 1 + 1 (alive: {self.km.is_alive()})\n{self.kernel_log()[-4000:]}")
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.drain()

    # ---- the faults ---------------------------------------------------------------------------------------

    def test_malformed_frames(self):
        rnd = self.random
        cases = [[b""], [b"garbage"], [DELIMITER], [DELIMITER, b"sig"], [DELIMITER, b"", b"{}", b"{}", b"{}"],
                 [b"id", DELIMITER, DELIMITER, DELIMITER]]
        cases += [[bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 200))) for _ in range(rnd.randint(1, 8))]
                  for _ in range(20)]
        cases += [self.frames(b"not json", {}), self.frames(b"[1, 2]", {}), self.frames(self.header("kernel_info_request"), b"\xff\xfe"),
                  self.frames(self.header("kernel_info_request"), b"null"), self.frames(self.header("kernel_info_request"), b'"{}"'),
                  self.frames(b"[" * 5000 + b"]" * 5000, {})]
        for frames in cases:
            self.send(frames)
            self.assert_alive(f"malformed frames {[f[:20] for f in frames][:4]}")

    def test_wrong_and_missing_signatures(self):
        forger = Session(key=b"not-the-key", signature_scheme="hmac-sha256")
        for kind in REQUESTS:
            header = self.header(kind)
            good = self.frames(header, REQUESTS[kind])
            variants = [
                self.frames(header, REQUESTS[kind], sign=False),
                [DELIMITER, good[1].upper(), *good[2:]],
                [DELIMITER, good[1][:-1], *good[2:]],
                [DELIMITER, forger.sign(good[2:6]), *good[2:]],
            ]
            for frames in variants:
                self.send(frames)
                self.assertIsNone(self.reply_to(header["msg_id"], timeout=0.2), f"{kind} with a bad signature was answered")
                self.assert_alive(f"{kind} with a bad signature")
        self.assertIn("invalid HMAC signature", self.kernel_log())

    def test_wrong_typed_header_fields(self):
        for kind in REQUESTS:
            for field in HEADER_FIELDS:
                for value in self.random.sample(ODD_VALUES, 4):
                    header = self.header(kind)
                    header[field] = value
                    self.send(self.frames(header, REQUESTS[kind]))
                    self.assert_alive(f"{kind} with header.{field} = {json.dumps(value)[:40]}")
            header = self.header(kind)
            del header["msg_type"]
            self.send(self.frames(header, REQUESTS[kind]))
            self.assert_alive(f"{kind} without msg_type")

    def test_wrong_typed_content_fields_still_get_a_reply(self):
        for kind, content in REQUESTS.items():
            fields = list(content) or ["unexpected"]
            for field in fields:
                for value in self.random.sample(ODD_VALUES, 5):
                    bad = dict(content, **{field: value})
                    header = self.header(kind)
                    self.send(self.frames(header, bad))
                    reply = self.reply_to(header["msg_id"])
                    self.assertIsNotNone(reply, f"no reply to {kind} with {field} = {json.dumps(value)[:40]}")
                    self.assertIn(reply["content"].get("status"), ("ok", "error", "complete", "incomplete", "invalid", "unknown"), reply["content"])
                    self.assert_alive(f"{kind} with {field} = {json.dumps(value)[:40]}")
            for content_value in (b"{}", b'{"code": {"nested": [1, {"deep": null}]}}'):
                header = self.header(kind)
                self.send(self.frames(header, content_value))
                self.assertIsNotNone(self.reply_to(header["msg_id"]), f"no reply to {kind} with content {content_value!r}")
                self.assert_alive(f"{kind} with content {content_value!r}")

    def test_duplicate_keys(self):
        for kind in REQUESTS:
            for raw_header in (b'{"msg_id": "a", "msg_type": "%s", "msg_type": "kernel_info_request"}' % kind.encode(),
                               b'{"msg_id": "b", "msg_id": "c", "msg_type": "%s"}' % kind.encode()):
                self.send(self.frames(raw_header, REQUESTS[kind]))
                self.assert_alive(f"{kind} with duplicate header keys")
            self.send(self.frames(self.header(kind), b'{"code": "1", "code": "2"}'))
            self.assert_alive(f"{kind} with duplicate content keys")
            self.send(self.frames(self.header(kind), b'{"a": {"b": 1, "b": 2}}'))
            self.assert_alive(f"{kind} with duplicate nested keys")

    def test_huge_messages(self):
        header = self.header("kernel_info_request")
        self.send(self.frames(header, {"padding": "x" * (16 << 20)}))
        self.assertIsNotNone(self.reply_to(header["msg_id"]))
        self.assert_alive("a 16 MB content")
        header = self.header("kernel_info_request")
        self.send(self.frames(header, {}) + [b"buffer"] * 5000)
        self.assertIsNotNone(self.reply_to(header["msg_id"]))
        self.assert_alive("5000 buffers")
        header = self.header("execute_request")
        code = "var big = \"" + "y" * 200_000 + "\"; big.Length"
        self.send(self.frames(header, dict(REQUESTS["execute_request"], code=code)))
        self.assertEqual(self.reply_to(header["msg_id"])["content"]["status"], "ok")
        self.assert_alive("a 200 kB cell")
        header = self.header("history_request")
        self.send(self.frames(header, dict(REQUESTS["history_request"], pattern="*y" * 40 + "*z")))
        reply = self.reply_to(header["msg_id"], timeout=30)
        self.assertIsNotNone(reply, "a backtracking-prone history search did not finish")
        self.assert_alive("a pathological history search")

    def test_replays_are_refused(self):
        for kind in ("kernel_info_request", "execute_request", "complete_request"):
            header = self.header(kind)
            frames = self.frames(header, REQUESTS[kind])
            self.send(frames)
            self.assertIsNotNone(self.reply_to(header["msg_id"]), f"first {kind} not answered")
            for _ in range(3):
                self.send(frames)
                self.assertIsNone(self.reply_to(header["msg_id"], timeout=0.5), f"replayed {kind} was answered")
                self.assert_alive(f"a replayed {kind}")
        self.assertIn("replayed message", self.kernel_log())

    def test_unknown_and_misplaced_types(self):
        for kind in ("", "foo_request", "execute_reply", "status", "x" * 5000, "input_reply", "comm_msg", "debug_request"):
            for socket in (self.shell, self.control):
                self.send(self.frames(self.header(kind), {"code": "1"}), socket)
                self.assert_alive(f"unknown type {kind[:30]!r}")

    def test_interrupt_while_a_cell_runs(self):
        for code in ("while (true) { }", "System.Threading.Thread.Sleep(1000); while (true) { }"):
            msg_id = self.kc.execute(code)
            time.sleep(1)
            header = self.header("interrupt_request")
            self.send(self.frames(header, {}), self.control)
            self.assertEqual(self.reply_to(header["msg_id"], self.control)["content"]["status"], "ok")
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "error")
            self.assert_alive("an interrupt during a running cell")

    def test_interrupt_while_a_cell_waits_for_input(self):
        msg_id = self.kc.execute("Console.ReadLine()", allow_stdin=True)
        self.assertEqual(self.kc.get_stdin_msg(timeout=TIMEOUT)["msg_type"], "input_request")
        header = self.header("interrupt_request")
        self.send(self.frames(header, {}), self.control)
        self.assertIsNotNone(self.reply_to(header["msg_id"], self.control))
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "error")
        self.assert_alive("an interrupt during a cell waiting for input")
        header = self.header("interrupt_request")
        self.send(self.frames(header, {}), self.control)
        self.assertIsNotNone(self.reply_to(header["msg_id"], self.control))
        self.assert_alive("an interrupt with no cell running")

    def test_zz_count(self):
        """Runs last (name order): the suite as a whole sent hundreds of messages and lost no kernel."""
        self.assertGreaterEqual(self.sent, 300, "the fault suite is meant to send a few hundred messages")
        self.assertEqual(self.deaths, 0)
        self.assertTrue(self.km.is_alive())


if __name__ == "__main__":
    unittest.main()
