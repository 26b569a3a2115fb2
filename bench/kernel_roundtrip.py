"""Benchmark (driven by bench/run.sh): the course kernel through the real Jupyter protocol.

Measures kernel start to the first kernel_info reply, the first cell (engine load and warm-up), and warm round trips:
kernel_info (transport only) and `1+1` from execute_request to the kernel going idle with all outputs received.
Prints one JSON object. Run: JUPYTER_PATH=<prefix>/share/jupyter COURSE_KERNEL_NAME=<name> /usr/bin/python3 kernel_roundtrip.py [repeats]
"""
import json
import os
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 50
km = KernelManager(kernel_name=os.environ.get("COURSE_KERNEL_NAME", "course-csharp"))
start = time.perf_counter()
km.start_kernel()
kc = km.client()
kc.start_channels()
try:
    kc.wait_for_ready(timeout=120)  # sends kernel_info until the first reply
    ready = time.perf_counter() - start
    first = time.perf_counter()
    kc.execute_interactive("1", timeout=120, output_hook=lambda m: None)
    first_cell = time.perf_counter() - first

    def timed_ms(action):
        for _ in range(5):  # warm-up, not recorded
            action()
        samples = []
        for _ in range(repeats):
            t = time.perf_counter()
            action()
            samples.append((time.perf_counter() - t) * 1000)
        samples.sort()
        return {"median": statistics.median(samples), "p95": samples[min(len(samples) - 1, int(0.95 * len(samples)))], "n": len(samples)}

    info = timed_ms(lambda: (kc.kernel_info(), kc.get_shell_msg(timeout=10)))
    execute = timed_ms(lambda: kc.execute_interactive("1+1", timeout=10, output_hook=lambda m: None))
    print(json.dumps({"ready_s": ready, "first_cell_s": first_cell, "kernel_info_ms": info, "execute_ms": execute}))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=False)
