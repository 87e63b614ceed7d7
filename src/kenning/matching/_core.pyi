from collections.abc import Callable

from kenning.matching.similarity import Memo, Prepared

def first_pass(q: Prepared, c: Prepared, memo: Memo, person: bool, extra_penalty: float, v2: bool,
               first_letter: Callable[[str], str] | None = None) -> tuple[float, int]: ...
