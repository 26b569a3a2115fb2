"""A real JupyterHub workshop on this machine, end to end, bounded in time.

Starts Debian's JupyterHub (3.0) with configurable-http-proxy on 127.0.0.1, a local-process spawner that gives
each learner a home folder of their own, and a password for a fixed list of learners (the dummy authenticator:
here only, never in workshop/jupyterhub/values.yaml). Then, as a room would:
  1. each learner logs in through the hub's login form (a wrong password is refused);
  2. each learner's server starts; the course's start script (PREFIX/bin/course-home) puts the student copies into
     the home without overwriting what is there;
  3. each learner runs a course notebook, cell by cell, on the quick-mode course kernel, through the server's REST
     and kernel-websocket APIs behind the hub's proxy, one learner after another.
It prints what it measured and writes it as JSON (--out). Exit 0 when every check held; otherwise the first failure.

  /usr/bin/python3 run_hub.py --prefix PREFIX --work DIR --out result.json [--notebook 01-regression-losses]
PREFIX is an installation made by workshop/jupyterhub/install-course.sh.
"""
import argparse
import asyncio
import http.cookiejar
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import psutil
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

LEARNERS = ["ada", "grace", "alan"]
KERNEL = "course-csharp-quick"


class HubCheckFailed(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(work, prefix, port, secret, service_token):
    hub_port, api_port = free_port(), free_port()
    homes = os.path.join(work, "homes")
    # The same start as the image's postStart hook: copy the course in, then the single-user server.
    start = f'"{prefix}/bin/course-home" && exec jupyterhub-singleuser "$@"'
    config = f"""
c = get_config()
c.JupyterHub.bind_url = 'http://127.0.0.1:{port}'
c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{hub_port}'
c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{api_port}'
c.JupyterHub.db_url = 'sqlite:///{work}/jupyterhub.sqlite'
c.JupyterHub.cookie_secret_file = '{work}/jupyterhub_cookie_secret'
c.JupyterHub.pid_file = '{work}/jupyterhub.pid'
c.JupyterHub.authenticator_class = 'dummy'
c.DummyAuthenticator.password = {secret!r}
c.Authenticator.allowed_users = {set(LEARNERS)!r}
c.JupyterHub.spawner_class = 'simple'
c.SimpleLocalProcessSpawner.home_dir_template = '{homes}/{{username}}'
c.Spawner.cmd = ['bash', '-c', {start!r}, 'jupyterhub-singleuser']
c.Spawner.args = {['--allow-root'] if os.geteuid() == 0 else []!r}
c.Spawner.default_url = '/tree/course'
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {{
    'JUPYTER_PATH': '{prefix}/share/jupyter',
    'COURSE_DATASETS': '{prefix}/datasets',
    'DOTNET_CLI_TELEMETRY_OPTOUT': '1',
    'DOTNET_NOLOGO': '1',
}}
c.JupyterHub.services = [{{'name': 'course-test', 'api_token': {service_token!r}}}]
c.JupyterHub.load_roles = [{{
    'name': 'course-test',
    'scopes': ['admin:users', 'admin:servers', 'tokens', 'access:servers'],
    'services': ['course-test'],
}}]
"""
    path = os.path.join(work, "jupyterhub_config.py")
    with open(path, "w") as f:
        f.write(config)
    return path, homes


class Hub:
    def __init__(self, url, service_token):
        self.url = url
        self.token = service_token

    def api(self, method, path, body=None, token=None, expect=(200, 201, 202, 204)):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", f"token {token or self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                text = response.read().decode()
                status = response.status
        except urllib.error.HTTPError as e:
            text, status = e.read().decode(errors="replace"), e.code
        if status not in expect:
            raise HubCheckFailed(f"{method} {path} answered {status}: {text[:500]}")
        return json.loads(text) if text.strip() else None

    def login(self, name, password):
        """The login form, as a browser posts it; returns True when the hub let the learner in."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        form = urllib.parse.urlencode({"username": name, "password": password}).encode()
        try:
            opener.open(self.url + "/hub/login", data=form, timeout=60).read()
        except urllib.error.HTTPError as e:
            if e.code != 403:
                raise HubCheckFailed(f"login for {name} answered {e.code}")
        logged_in = any(c.name.startswith("jupyterhub-session") or c.name == "jupyterhub-hub-login" for c in jar)
        if not logged_in:
            return False
        # The session is real: the learner's own view of the hub answers with their name on it.
        with opener.open(self.url + "/hub/home", timeout=60) as response:
            return name in response.read().decode()

    def wait_ready(self, name, limit):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            server = (self.api("GET", f"/hub/api/users/{name}")["servers"] or {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.5)
        raise HubCheckFailed(f"{name}'s server was not ready after {limit} s")


def kernel_process(home):
    """The course kernel the learner's server started: a process running Course.Cli.dll kernel in the learner's home."""
    for p in psutil.process_iter(["cmdline", "environ"]):
        try:
            cmdline = p.info["cmdline"] or []
            if any(a.endswith("Course.Cli.dll") for a in cmdline) and "kernel" in cmdline \
                    and (p.info["environ"] or {}).get("HOME") == home:
                return p
        except psutil.Error:
            continue
    return None


class Peak:
    """Samples a process's resident memory until stopped (its peak is what a pod's memory limit must hold)."""

    def __init__(self, process):
        self.process, self.peak, self.stop = process, 0, threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop.is_set():
            try:
                self.peak = max(self.peak, self.process.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.1)

    def finish(self):
        self.stop.set()
        self.thread.join()
        return self.peak


def request(session, name, kind, content):
    msg_id = uuid.uuid4().hex
    return msg_id, json.dumps({
        "header": {"msg_id": msg_id, "username": name, "session": session, "msg_type": kind, "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [], "content": content,
    })


async def wait_for_iopub(ws, session, name, limit):
    """Sends kernel_info_request until one's status arrives on iopub: the server subscribes to the kernel's iopub
    when the websocket opens, and a message published before that is lost (nbclient nudges the same way)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        msg_id, text = request(session, name, "kernel_info_request", {})
        await ws.write_message(text)
        try:
            while True:
                message = json.loads(await asyncio.wait_for(ws.read_message(), 1.0))
                if message.get("channel") == "iopub" and message.get("parent_header", {}).get("msg_id") == msg_id:
                    return
        except asyncio.TimeoutError:
            continue
    raise HubCheckFailed(f"{name}: the kernel's iopub channel did not answer within {limit} s")


async def execute(ws, session, name, code, limit):
    msg_id, text = request(session, name, "execute_request",
                           {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                            "allow_stdin": False, "stop_on_error": True})
    await ws.write_message(text)
    outputs, reply, idle = [], None, False
    deadline = time.monotonic() + limit
    while reply is None or not idle:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise HubCheckFailed(f"{name}: a cell did not finish within {limit} s:\n{code[:300]}")
        text = await asyncio.wait_for(ws.read_message(), remaining)
        if text is None:
            raise HubCheckFailed(f"{name}: the kernel websocket closed")
        message = json.loads(text)
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = message["header"]["msg_type"]
        if kind == "execute_reply":
            reply = message["content"]
        elif kind == "status" and message["content"]["execution_state"] == "idle":
            idle = True
        elif kind in ("stream", "display_data", "execute_result", "error"):
            outputs.append(message)
    return reply, outputs


async def run_notebook(hub, name, home, token, notebook, cell_limit):
    base = f"/user/{name}"
    model = hub.api("GET", f"{base}/api/contents/course/{notebook}.ipynb", token=token)
    cells = [c for c in model["content"]["cells"] if c["cell_type"] == "code"]
    kernel = hub.api("POST", f"{base}/api/kernels", {"name": KERNEL}, token=token)
    url = hub.url.replace("http://", "ws://") + f"{base}/api/kernels/{kernel['id']}/channels"
    ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {token}"}))
    session = uuid.uuid4().hex
    try:
        await wait_for_iopub(ws, session, name, min(cell_limit, 120))
        # The quick kernel must really be in quick mode, and find the shared datasets.
        reply, outputs = await execute(ws, session, name, "Course.CourseMode.Quick", cell_limit)
        quick = [o["content"]["data"].get("text/plain") for o in outputs if o["header"]["msg_type"] == "execute_result"]
        if reply["status"] != "ok" or [q.lower() for q in quick if q] != ["true"]:
            raise HubCheckFailed(f"{name}: the quick kernel says CourseMode.Quick = {quick} ({reply})")
        started = time.monotonic()
        peak, process, cpu_start = None, None, None
        displays = 0
        verdicts = []
        for i, cell in enumerate(cells):
            if process is None:
                process = kernel_process(home)
                if process is not None:
                    peak, cpu_start = Peak(process), process.cpu_times()
            reply, outputs = await execute(ws, session, name, cell["source"], cell_limit)
            if reply["status"] != "ok":
                raise HubCheckFailed(f"{name}: cell {i + 1} of {notebook} failed: {reply.get('ename')}: {reply.get('evalue')}")
            for o in outputs:
                data = o["content"].get("data", {})
                displays += o["header"]["msg_type"] == "display_data"
                if "application/vnd.course.check+json" in data:
                    verdicts.append(data["application/vnd.course.check+json"].get("outcome"))
        wall = time.monotonic() - started
        if process is None:
            raise HubCheckFailed(f"{name}: no course kernel process found under the learner's server")
        cpu_end = process.cpu_times()
        cpu = (cpu_end.user + cpu_end.system) - (cpu_start.user + cpu_start.system)
        return {"learner": name, "cells": len(cells), "displays": displays, "verdicts": verdicts,
                "wall_s": round(wall, 2), "kernel_cpu_s": round(cpu, 2), "kernel_peak_rss_mb": round(peak.finish() / 2**20, 1)}
    finally:
        ws.close()
        hub.api("DELETE", f"{base}/api/kernels/{kernel['id']}", token=token)


def check_home(hub, homes, name, token, notebook, kept):
    listing = hub.api("GET", f"/user/{name}/api/contents/course", token=token)
    names = {item["name"] for item in listing["content"]}
    if f"{notebook}.ipynb" not in names:
        raise HubCheckFailed(f"{name}'s home has no course/{notebook}.ipynb; it has {sorted(names)}")
    if "solutions" in names:
        raise HubCheckFailed(f"{name}'s home has the worked solutions (course/solutions): learners must get student copies")
    if kept is not None:
        with open(os.path.join(homes, name, "course", kept[0])) as f:
            if f.read() != kept[1]:
                raise HubCheckFailed(f"{name}'s own course/{kept[0]} was overwritten when the server started")
    return sorted(n for n in names if n.endswith(".ipynb"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--notebook", default="01-regression-losses")
    parser.add_argument("--limit", type=float, default=480, help="seconds for the whole run")
    args = parser.parse_args()
    prefix = os.path.abspath(args.prefix)
    if not os.path.exists(os.path.join(prefix, "bin", "course-home")):
        sys.exit(f"run_hub: {prefix} is not a course installation (no bin/course-home); run install-course.sh --prefix {prefix}")
    for tool in ("jupyterhub", "configurable-http-proxy", "jupyterhub-singleuser"):
        if shutil.which(tool) is None:
            sys.exit(f"run_hub: {tool} is missing; scripts/setup.sh installs it (Debian's jupyterhub and node-configurable-http-proxy)")

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    port, secret, service_token = free_port(), secrets.token_urlsafe(12), secrets.token_hex(24)
    config, homes = write_config(work, prefix, port, secret, service_token)

    # A learner who already worked on notebook 02 before (their volume outlives the server): it must be kept.
    kept_name = "02-gradient-descent.ipynb"
    kept_text = json.dumps({"cells": [{"cell_type": "markdown", "id": "mine", "metadata": {}, "source": "my own notes"}],
                            "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    os.makedirs(os.path.join(homes, LEARNERS[0], "course"), exist_ok=True)
    with open(os.path.join(homes, LEARNERS[0], "course", kept_name), "w") as f:
        f.write(kept_text)

    log = open(os.path.join(work, "jupyterhub.log"), "w")
    # Debian's configurable-http-proxy keeps its modules in /usr/share/nodejs, which only Debian's own node
    # searches by default; a Node.js from elsewhere (NodeSource, nvm) needs NODE_PATH to find them.
    env = dict(os.environ, NODE_PATH=os.pathsep.join(filter(None, ["/usr/share/nodejs", os.environ.get("NODE_PATH")])))
    hub_process = subprocess.Popen(["jupyterhub", "-f", config], cwd=work, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True, env=env)
    hub = Hub(f"http://127.0.0.1:{port}", service_token)
    result = {"learners": [], "port": port}
    overall = time.monotonic()

    def stop_everything(*_):
        try:
            os.killpg(hub_process.pid, signal.SIGTERM)
            hub_process.wait(20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        # Single-user servers and kernels live in their own sessions: end every process under the work folder.
        for p in psutil.process_iter(["pid", "environ"]):
            try:
                env = p.info["environ"] or {}
                if env.get("JUPYTERHUB_SERVICE_PREFIX", "").startswith("/user/") and env.get("HOME", "").startswith(homes):
                    p.kill()
            except psutil.Error:
                pass

    signal.signal(signal.SIGTERM, lambda *_: (stop_everything(), sys.exit(143)))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(hub.url + "/hub/health", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if hub_process.poll() is not None or time.monotonic() > deadline:
                    raise HubCheckFailed("the hub did not start; its log:\n" + open(os.path.join(work, "jupyterhub.log")).read()[-3000:])
                time.sleep(0.3)
        result["hub_start_s"] = round(time.monotonic() - overall, 2)

        # 1. Log in: a wrong password and a name not on the list are refused; each learner gets in.
        if hub.login(LEARNERS[0], secret + "x"):
            raise HubCheckFailed("the hub let a learner in with a wrong password")
        if hub.login("mallory", secret):
            raise HubCheckFailed("the hub let in a name that is not on the learner list")
        for name in LEARNERS:
            if not hub.login(name, secret):
                raise HubCheckFailed(f"{name} could not log in with the right password")

        # 2. The servers start (all at once, as a room does): JupyterHub sends a learner who logs in to /hub/spawn,
        # so a server may already be starting; the API starts the ones that are not. Then check each home.
        tokens = {}
        started = time.monotonic()
        for name in LEARNERS:
            if not (hub.api("GET", f"/hub/api/users/{name}")["servers"] or {}).get(""):
                try:
                    hub.api("POST", f"/hub/api/users/{name}/server", expect=(201, 202))
                except HubCheckFailed as e:
                    if "already running" not in str(e) and "pending" not in str(e):
                        raise
        for name in LEARNERS:
            hub.wait_ready(name, 180)
            tokens[name] = hub.api("POST", f"/hub/api/users/{name}/tokens", {"note": "hub test", "expires_in": 3600})["token"]
        result["servers_ready_s"] = round(time.monotonic() - started, 2)
        for name in LEARNERS:
            kept = (kept_name, kept_text) if name == LEARNERS[0] else None
            result["home_notebooks"] = check_home(hub, homes, name, tokens[name], args.notebook, kept)

        # 3. Run the notebook: one learner alone, then the others side by side.
        limit = max(60, args.limit - (time.monotonic() - overall))

        # One after another: the test checks that every learner's server runs the course; how learners slow each
        # other down is measured by bench/hub_sizing.py, on an otherwise idle machine.
        result["learners"] = []
        for n in LEARNERS:
            r = asyncio.run(run_notebook(hub, n, os.path.join(homes, n), tokens[n], args.notebook, limit))
            r["sharing"] = 1
            result["learners"].append(r)
        result["notebook"] = args.notebook
        result["cpu_count"] = psutil.cpu_count()
        result["total_s"] = round(time.monotonic() - overall, 2)
        for r in result["learners"]:
            if r["displays"] == 0:
                raise HubCheckFailed(f"{r['learner']}: {args.notebook} showed no charts or tables through the hub")
            if not r["verdicts"] or any(v != "NotAttempted" for v in r["verdicts"]):
                raise HubCheckFailed(f"{r['learner']}: the student copy's checks should say 'not attempted'; they said {r['verdicts']}")
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)
        print(f"hub on 127.0.0.1:{port}: started in {result['hub_start_s']} s; {len(LEARNERS)} learners logged in, "
              f"servers ready in {result['servers_ready_s']} s; homes hold {len(result['home_notebooks'])} notebooks")
        for r in result["learners"]:
            print(f"  {r['learner']:6} {args.notebook} quick: {r['wall_s']:6.1f} s wall, "
                  f"{r['kernel_cpu_s']:6.1f} CPU s, peak {r['kernel_peak_rss_mb']:7.1f} MB, {r['cells']} cells, "
                  f"{r['displays']} displays, checks: {', '.join(sorted(set(r['verdicts'])))}")
        return 0
    except (HubCheckFailed, asyncio.TimeoutError) as e:
        print(f"hub test failed: {e}", file=sys.stderr)
        log.flush()
        print("--- end of the hub's log ---\n" + open(os.path.join(work, "jupyterhub.log")).read()[-4000:], file=sys.stderr)
        return 1
    finally:
        stop_everything()


if __name__ == "__main__":
    sys.exit(main())
