"""Benchmark (not a test): kernel start to first kernel_info reply, and warm round trips through the protocol.

Run: JUPYTER_PATH=<prefix>/share/jupyter COURSE_KERNEL_NAME=<name> /usr/bin/python3 bench_kernel.py
"""
import os
import statistics
import time

from jupyter_client.manager import KernelManager

km = KernelManager(kernel_name=os.environ.get("COURSE_KERNEL_NAME", "course-csharp"))
start = time.perf_counter()
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=120)  # sends kernel_info until the first reply
print(f"start -> first kernel_info reply: {time.perf_counter() - start:.2f} s")
first = time.perf_counter()
kc.execute_interactive("1", timeout=120, output_hook=lambda m: None)
print(f"first cell (engine load + warm-up): {time.perf_counter() - first:.2f} s")


def median_ms(action, n=50):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        action()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


print(f"kernel_info round trip (transport only): {median_ms(lambda: (kc.kernel_info(), kc.get_shell_msg(timeout=10))):.1f} ms")
print(f"1+1 execute -> idle (all outputs): {median_ms(lambda: kc.execute_interactive('1+1', timeout=10, output_hook=lambda m: None)):.1f} ms")
kc.stop_channels()
km.shutdown_kernel(now=False)
