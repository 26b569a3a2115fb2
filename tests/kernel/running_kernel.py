"""The kernel under test, started once per test class with its stderr in a log file the tests can read."""
import os
import tempfile

from jupyter_client.manager import KernelManager

KERNEL = os.environ.get("COURSE_KERNEL_NAME", "course-csharp")
TIMEOUT = 60


class RunningKernel:
    """Mix into a unittest.TestCase: sets cls.km, cls.kc (channels started, ready) and cls.log, one kernel per class."""

    @classmethod
    def setUpClass(cls):
        cls.start_kernel()

    @classmethod
    def tearDownClass(cls):
        cls.stop_kernel()

    @classmethod
    def start_kernel(cls):
        cls.log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
        cls.km = KernelManager(kernel_name=KERNEL)
        cls.km.start_kernel(stderr=cls.log)
        cls.kc = cls.km.client()
        cls.kc.start_channels()
        cls.kc.wait_for_ready(timeout=TIMEOUT)

    @classmethod
    def stop_kernel(cls, now=False):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=now)
        cls.log.close()
        os.unlink(cls.log.name)

    @classmethod
    def kernel_log(cls):
        cls.log.flush()
        with open(cls.log.name) as f:
            return f.read()
