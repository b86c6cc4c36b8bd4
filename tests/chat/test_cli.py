"""`cablebot chat` run as a real subprocess of the installed console script."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main

CABLEBOT = Path(sys.executable).with_name("cablebot")
# The loose real cables only: these tests are about the process, and load it four times.
RAW_CABLES = Path(__file__).resolve().parents[2] / "seeds" / "raw"

LINES = [
    "!cable 08REYKJAVIK195",
    "",
    "cable 72TEHRAN1164 ¶3-5",
    "!frobnicate @everyone",
    "!browse year:1972",
    "!cable " + "x" * 5000,
    "!ask why did Iceland stop arming its peacekeepers",
    "!help refs",
]


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "CACHE_DIR": str(tmp_path / "cache"),
        "DATA_DIR": str(tmp_path / "data"),  # the chat's research desk
        "LIBRARY_PATHS": json.dumps([str(RAW_CABLES)]),
    }


def _run(args: list[str], tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return _process([str(CABLEBOT), "chat", *args], tmp_path, stdin)


def _process(
    command: list[str], tmp_path: Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def json_lines_run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    return _run(["--json"], tmp_path_factory.mktemp("jsonl"), "\n".join(LINES) + "\n")


def test_json_lines_one_reply_per_line_in_order(
    json_lines_run: subprocess.CompletedProcess[str],
) -> None:
    assert json_lines_run.returncode == 0, json_lines_run.stderr
    replies = [json.loads(line) for line in json_lines_run.stdout.splitlines()]
    assert [r["kind"] for r in replies] == [
        "cable",
        "error",
        "paragraphs",
        "error",
        "browse",
        "error",
        "answer",
        "help",
    ]
    assert replies[0]["ref_id"] == "08REYKJAVIK195"
    assert [p["label"] for p in replies[2]["paragraphs"]] == ["3", "4", "5"]
    assert "@" not in replies[3]["message"]
    assert replies[5]["notes"][0].startswith("Your message had 5,007 characters")
    assert replies[6]["hits"][0]["ref_id"] == "08REYKJAVIK195"
    assert replies[7]["topic"] == "refs"
    assert "Traceback" not in json_lines_run.stderr


def test_json_lines_survive_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(CABLEBOT), "chat", "--json"],
        input=b"\xff\xfe!cable 08REYKJAVIK195\nhelp refs\n",
        capture_output=True,
        env={**_env(tmp_path), "PYTHONIOENCODING": "utf-8:strict"},
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    kinds = [json.loads(line)["kind"] for line in done.stdout.splitlines()]
    assert kinds == ["error", "help"]


def test_json_for_one_message(tmp_path: Path) -> None:
    done = _run(["--json", "cable", "08", "reykjavik", "195", "¶2"], tmp_path)
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout)
    assert reply["kind"] == "paragraphs"
    assert reply["paragraphs"][0]["permalink"].endswith("08REYKJAVIK195.html#par2")


def test_terminal_chat_reads_until_end_of_input(tmp_path: Path) -> None:
    done = _run([], tmp_path, "help cable\n!cable 72TEHRAN1164 2\n")
    assert done.returncode == 0, done.stderr
    assert "## `!cable <id>" in done.stdout
    assert "https://wikileaks.org/cable/1972/02/72TEHRAN1164.html#par2" in done.stdout
    assert "Traceback" not in done.stderr


def test_terminal_chat_stops_quietly_on_ctrl_c(tmp_path: Path) -> None:
    chat = subprocess.Popen(
        [str(CABLEBOT), "chat"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=_env(tmp_path),
    )
    assert chat.stdin is not None and chat.stdout is not None
    chat.stdin.write("help help\n")
    chat.stdin.flush()
    # The reply to the first line proves the library is loaded and input is awaited.
    while "help [<command>]" not in chat.stdout.readline():
        pass
    chat.send_signal(signal.SIGINT)
    _, stderr = chat.communicate(timeout=30)
    assert chat.returncode == 0
    assert "Traceback" not in stderr


def test_a_missing_library_path_is_a_clear_error(tmp_path: Path) -> None:
    env = {**_env(tmp_path), "LIBRARY_PATHS": json.dumps([str(tmp_path / "nowhere")])}
    done = subprocess.run(
        [str(CABLEBOT), "chat", "--json", "help"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == f"cablebot chat: no such file or directory: {tmp_path / 'nowhere'}\n"
    assert done.stdout == ""


def test_a_bad_setting_is_named_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("COOLDOWN_RATE", "abc")
    assert main(["chat", "help"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Invalid setting COOLDOWN_RATE: ")
    assert "(given 'abc')." in err and "pydantic.dev" not in err


def _arrived(fd: int, marker: bytes, seen: bytearray, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return False
        seen += os.read(fd, 4096)
    return True


def _read_until(fd: int, marker: bytes, seen: bytearray) -> None:
    assert _arrived(fd, marker, seen, 60), f"no {marker!r} in {bytes(seen)[-300:]!r}"


def test_ctrl_c_at_a_terminal_prompt_drops_the_line_not_the_session(tmp_path: Path) -> None:
    controller, terminal = pty.openpty()
    chat = subprocess.Popen(
        [str(CABLEBOT), "chat"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        cwd=tmp_path,
        env=_env(tmp_path),
    )
    os.close(terminal)
    seen = bytearray()
    try:
        _read_until(controller, b"cablebot> ", seen)
        os.write(controller, b"half typed")
        _read_until(controller, b"half typed", seen)
        # A person presses Ctrl-C while the line editor waits for keys. A signal that
        # arrives while it is still busy with the last key is only seen at the next key
        # (a person presses Ctrl-C again), so on a loaded machine it is sent again.
        time.sleep(0.5)
        del seen[:]
        for _ in range(30):
            chat.send_signal(signal.SIGINT)
            if _arrived(controller, b"cablebot> ", seen, 2):
                break
        _read_until(controller, b"cablebot> ", seen)
        os.write(controller, b"help refs\n")
        _read_until(controller, b"## `!refs <id>`", seen)
        os.write(controller, b"quit\n")
        assert chat.wait(timeout=30) == 0
    finally:
        chat.kill()
        os.close(controller)
    assert b"Traceback" not in seen


def test_a_failing_command_apologises_and_logs_to_a_file_not_the_terminal(
    tmp_path: Path,
) -> None:
    # A bug stood in by a handler that raises: the user sees the apology, never a traceback.
    code = (
        "import sys\n"
        "from bot.chat.commands import Command\n"
        "from handlers import dispatch, search\n"
        "broken = Command(search.SPEC, search.parse, lambda state, request: 1 / 0)\n"
        "dispatch.command_named = lambda name: broken\n"
        "from bot.cli import main\n"
        "sys.exit(main(['chat', 'search trafficking']))\n"
    )
    done = _process([sys.executable, "-c", code], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Sorry, that command failed on our side.")
    assert "Traceback" not in done.stdout + done.stderr
    assert "ZeroDivisionError" in (tmp_path / "cache" / "chat.log").read_text("utf-8")


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("line", ["DISCORD_TOKEN=   ", 'DISCORD_TOKEN=""'])
def test_make_run_asks_the_settings_whether_there_is_a_token(tmp_path: Path, line: str) -> None:
    """`.env` lines a grep takes for a token, which the settings read as none: the chat starts."""
    (tmp_path / ".env").write_text(line + "\n")
    env = {k: v for k, v in _env(tmp_path).items() if k != "DISCORD_TOKEN"}
    env["LIBRARY_PATHS"] = str(RAW_CABLES / "08REYKJAVIK195.html")
    bin_dir = Path(sys.executable).parent
    done = subprocess.run(
        ["make", "-s", "-f", str(ROOT / "Makefile"), "run", f"BIN={bin_dir}", "STAMP="],
        input="!cable 08REYKJAVIK195\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert "No DISCORD_TOKEN set: starting the terminal chat" in done.stderr, done.stderr
    assert "08REYKJAVIK195" in done.stdout
    assert done.returncode == 0
