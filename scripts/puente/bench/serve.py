"""How long ``make serve`` takes to show an edit: a benchmark, never a timed test.

A copy of the project is served with ``mkdocs serve`` on 127.0.0.1; once its first build is up, a
line is appended to one page and the page is fetched until the line is there. The time from the
edit to the first response carrying it is what an editor waits for in the browser (livereload
then reloads the page at once). Repeated a few times; the median is reported.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from puente.core.project import Project

PAGE, URL_PATH = "docs/sobre.es.md", "/sobre/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _cpu_seconds(pid: int) -> float:
    """CPU time the process and its finished children have used (Linux ``/proc``): unlike wall
    time, it does not grow when other work shares the machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _wait_for(url: str, text: str, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _get(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def measure(root: Path, edits: int = 3, timeout: float = 120.0) -> dict:
    """Seconds from saving an edit to the served page showing it, median of ``edits`` edits."""
    with tempfile.TemporaryDirectory(prefix="puente-serve-") as tmp:
        project = Project(root).copy_sources(Path(tmp)).root
        port = _free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}{URL_PATH}"
            first = _wait_for(url, "</html>", timeout)
            if first is None:
                return {"error": f"mkdocs serve did not answer within {timeout:.0f} s"}
            seconds, cpu = [], []
            for _ in range(edits):
                before = _cpu_seconds(server.pid)
                # letters only: a run of digits would be taken for a typed phone number
                marker = "Edición de prueba " + "".join(chr(ord("a") + int(d)) for d in str(time.time_ns()))
                with (project / PAGE).open("a", encoding="utf-8") as handle:
                    handle.write(f"\n{marker}\n")
                waited = _wait_for(url, marker, timeout)
                if waited is None:
                    return {"error": f"the edit did not show within {timeout:.0f} s"}
                seconds.append(round(waited, 2))
                cpu.append(round(_cpu_seconds(server.pid) - before, 2))
                time.sleep(1.0)   # let livereload settle before the next edit
            return {"first_build_s": round(first, 1), "edit_to_page_s": seconds,
                    "median_s": round(statistics.median(seconds), 2), "cpu_s": cpu,
                    "median_cpu_s": round(statistics.median(cpu), 2)}
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
