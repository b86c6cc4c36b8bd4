"""The sentence encoder: all-MiniLM-L6-v2 adapted to the cables (scripts/finetune_minilm.py)
as an int8 ONNX graph (model/), with mean pooling and normalisation inside the graph, run
by onnxruntime. No network, ever."""

from __future__ import annotations

import atexit
import hashlib
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime
from tokenizers import Tokenizer

MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_FILE = MODEL_DIR / "minilm-l6-cables-int8.onnx"
# Word pieces per input: windows are cut to fit (windows.py); longer is slower, not better.
MAX_TOKENS = 128
DIMENSIONS = 384

Vectors = npt.NDArray[np.float32]
# onnxruntime's own arena, bounded by one text of MAX_TOKENS a run at a time: without it
# each thread's malloc arena kept about 20 MB of a run's freed buffers (six threads that
# encoded at once, 140 MB), against 4 MB (21 MB) with it.
MEMORY_ARENA = True


class ModelMismatch(RuntimeError):
    """The bundled model file is not the one its sha256 names (a broken install)."""


class ShuttingDown(RuntimeError):
    """The process is exiting: no new onnxruntime work is started."""


# onnxruntime's C++ threads abort the process ("terminate called without an active
# exception") when the interpreter finalises while a daemon thread is inside a session's
# creation or run. Exit waits for those calls to end and lets no new one start.
_calls = threading.Condition()
_active = 0
_closing = False
_EXIT_WAIT_SECONDS = 30.0


@contextmanager
def _onnx_call() -> Iterator[None]:
    global _active
    with _calls:
        if _closing:
            raise ShuttingDown("the process is exiting")
        _active += 1
    try:
        yield
    finally:
        with _calls:
            _active -= 1
            _calls.notify_all()


@atexit.register
def _wait_for_onnx_calls() -> None:
    global _closing
    with _calls:
        _closing = True
        _calls.wait_for(lambda: _active == 0, timeout=_EXIT_WAIT_SECONDS)


class Encoder:
    """Texts in, unit vectors out. Thread-safe (onnxruntime sessions are).

    One text a run, never batched: the int8 graph quantises activations with one
    scale for the whole batch, padding included, so a batched text's vector would
    depend on its neighbours (and the stored vectors on the order they were made).
    On one thread batches are no faster a window, and hold more memory.
    """

    def __init__(self, threads: int = 1) -> None:
        options = onnxruntime.SessionOptions()
        # Few threads: commands and the background build share 2 cores with the bot.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = MEMORY_ARENA
        with _onnx_call():
            self._session = onnxruntime.InferenceSession(
                str(MODEL_FILE), options, providers=["CPUExecutionProvider"]
            )
        # One tokenizer for counting and encoding (each copy costs 15 MB): without the
        # file's own padding and truncation, which would count every text as the longest.
        self._tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        self._lock = threading.Lock()
        # Texts encoded so far: tests check that stored vectors are reused, not re-made;
        # and of those, texts a helper thread ran (someone waiting gets two threads).
        self.encoded = 0
        self.helped = 0

    @cached_property
    def model_hash(self) -> str:
        """The model file's sha256, checked against the one committed beside it."""
        digest = hashlib.sha256(MODEL_FILE.read_bytes()).hexdigest()
        expected = (MODEL_DIR / f"{MODEL_FILE.name}.sha256").read_text().split()[0]
        if digest != expected:
            raise ModelMismatch(f"{MODEL_FILE} has sha256 {digest}, expected {expected}")
        return digest

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        """Word pieces of each text, without the two special tokens."""
        return [len(e.ids) for e in self._tokenizer.encode_batch(list(texts), False)]

    def encode(self, texts: Sequence[str], threads: int = 1) -> Vectors:
        """One unit vector (float32) a text, in order. With `threads` > 1 (a user is
        waiting), that many texts are run at once, each still alone in its run, so the
        vectors are those of `threads=1`."""
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        pieces = [_cut(e.ids) for e in self._tokenizer.encode_batch(list(texts))]
        # Longest first, each thread taking the next: the threads end together.
        rows = iter(sorted(range(len(texts)), key=lambda row: -len(pieces[row])))
        take = threading.Lock()
        failed: list[BaseException] = []

        def run(helper: bool) -> None:
            try:
                while True:
                    with take:
                        row = next(rows, None)
                    if row is None:
                        return
                    result[row] = self._run(pieces[row])
                    if helper:
                        with self._lock:
                            self.helped += 1
            except BaseException as error:
                with take:
                    failed.append(error)
                    for _ in rows:  # the other threads stop too
                        pass

        helpers = [
            threading.Thread(target=run, args=(True,), name="encode-helper")
            for _ in range(min(threads, len(texts)) - 1)
        ]
        for helper in helpers:
            helper.start()
        run(False)
        for helper in helpers:
            helper.join()
        if failed:
            raise failed[0]
        with self._lock:
            self.encoded += len(texts)
        return result

    def _run(self, pieces: list[int]) -> Vectors:
        ids = np.array([pieces], dtype=np.int64)
        inputs = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        with _onnx_call():
            (vector,) = self._session.run(None, inputs)
        row: Vectors = vector[0]
        return row


def _cut(pieces: list[int]) -> list[int]:
    """At most MAX_TOKENS word pieces, keeping the closing [SEP]."""
    return pieces if len(pieces) <= MAX_TOKENS else [*pieces[: MAX_TOKENS - 1], pieces[-1]]
