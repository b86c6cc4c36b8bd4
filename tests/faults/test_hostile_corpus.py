"""`cablebot corpus` over the hostile set: under 1 GB of memory, every input accounted for."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.faults.hostile import INPUTS, REJECTED, make_hostile_set

MAX_RSS_BYTES = 1024 * 1024 * 1024


# Runs the command and writes its peak RSS (kB). A small process of its own starts it:
# a child forked from the test process would count the test process's pages too.
_MEASURE = """
import os, subprocess, sys
peak_file, *command = sys.argv[1:]
process = subprocess.Popen(command)
_, status, usage = os.wait4(process.pid, 0)
open(peak_file, "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _corpus(root: Path, out: Path) -> tuple[dict[str, Any], int]:
    """The report of `cablebot corpus --json root`, and the command's peak RSS in bytes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INPUT_MAX_")}
    peak = out.with_suffix(".peak")
    cablebot = str(Path(sys.executable).with_name("cablebot"))
    with out.open("w") as stdout:
        process = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(peak), cablebot, "corpus", "--json", str(root)],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            cwd=root.parent,  # no .env of the project
            env=env,
            check=False,
        )
    assert process.returncode == 0, process.stderr
    return json.loads(out.read_text()), int(peak.read_text()) * 1024  # kilobytes on Linux


def test_hostile_set_loads_in_bounded_memory_and_accounts_for_every_input(
    tmp_path: Path,
) -> None:
    root = make_hostile_set(tmp_path)
    report, peak = _corpus(root, tmp_path / "report.json")
    assert peak < MAX_RSS_BYTES, f"peak RSS {peak / 1e6:,.0f} MB"
    prefix = f"{root}/"
    rejected = {r["path"].removeprefix(prefix): r["reason"] for r in report["rejected"]}
    for name, phrase in REJECTED.items():
        assert phrase in rejected[name], (name, rejected.get(name))
    copies = [path for d in report["duplicates"] for path in (d["kept"], *d["dropped"])]
    reported = [path.removeprefix(prefix) for path in copies] + list(rejected)
    for name in INPUTS:
        assert any(path.split("#")[0] == name for path in reported), f"{name} is not reported"
    assert report["files"] == len(INPUTS)
    assert report["records"] == report["cables"] + len(rejected) + sum(
        len(d["dropped"]) for d in report["duplicates"]
    )
