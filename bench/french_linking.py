"""French name forms linked: recall and precision of the link stage on generated French sentences.

Usage: ``python -m bench.french_linking [--set names|glued|glued_orgs|orgs|titled] [--per-name N] [--by-form]
[--misses N]``.

Data: :mod:`bench.french_linking_data` (real SDN names in the forms French reports give them, in French
sentences; split once by hash into dev and test by name, form and sentence). Each sentence goes through
the French NLP stage (with the list ruler of the configured store, ``KENNING_HOME`` with loaded lists)
and the link stage. Five sets (``--set``): *names*, a listed person's name in a French form; *glued*, a
listed person in full right after another listed person's surname ("le copain de Poutine Yevgeny
Prigozhin", which the French model reads as one name); *glued_orgs*, the same after a listed organisation's
one-word name ("le patron de Wagner Evgueni Prigojine"); *orgs*, a listed organisation's name after a French
generic head ("le groupe Abu Sayyaf" for ABU SAYYAF GROUP); *titled*, a listed person's bare surname after
the French title of their listed position ("le ministre Moallem"). Per part (and per form with ``--by-form``):

* **recall**: share of sentences whose listed person is linked (the entry, or one the lists give as the
  same party);
* **precision**: linked parties that are the sentence's person, over all parties linked (each same-as
  group counted once; in *glued*, a link to the other person named is not counted);
* **person found**: share of sentences where the NER gives a PERSON mention holding the surname (in
  *glued*, without the other party's name; in *orgs*, an ORG mention holding the name): what linking
  can at best reach.

Tuned on dev only; the test rows are the measure, their gap to dev the overfit.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass

from bench.french_events import plain_name
from bench.french_linking_data import ORG_FORMS, Case, cases, glued_cases, glued_org_cases, org_cases, titled_cases
from kenning.matching import Screener
from kenning.news.article import Article
from kenning.news.link import link
from kenning.news.model import ArticleResult
from kenning.news.nlp.french import annotate_french, french_resources
from kenning.progress import progress_bar


@dataclass(frozen=True)
class Scored:
    case: Case
    linked: bool
    wrong: int
    person: bool
    seen: str


def score(case: Case, screener: Screener) -> Scored:
    article = Article.create(case.text, f"{case.list_id}.txt", language="fr")
    result = link(annotate_french(article, french_resources()), screener)
    right = {case.list_id, *screener.same_as(case.list_id)}
    allowed = right | {i for other in case.also for i in (other, *screener.same_as(other))}
    groups = {frozenset({k.id, *screener.same_as(k.id)}) for m in result.mentions for k in m.links}
    seen = "; ".join(f"{m.label} {m.text!r} -> {[k.id for k in m.links]}" for m in result.mentions)
    return Scored(case, any(g & right for g in groups), sum(not g & allowed for g in groups),
                  _found(case, result), seen)


def _found(case: Case, result: ArticleResult) -> bool:
    """Whether the NER gives the mention linking needs (see the module docstring)."""
    if case.form in ORG_FORMS:
        core = plain_name(case.name.split()[-1])
        return any(m.label == "ORG" and core in plain_name(m.text) for m in result.mentions)
    surname = plain_name(case.name.split()[-1] if case.form not in ("caps_first", "inverted") else case.name.split()[0])
    # in a glued case, the other party's (last) word is the word right before the name
    other = plain_name(case.text.split(case.name)[0].split()[-1]) if case.also else ""
    return any(m.label == "PERSON" and surname[:4] in plain_name(m.text) and not (other and other in plain_name(m.text))
               for m in result.mentions)


def _row(label: str, rows: Sequence[Scored]) -> str:
    n = len(rows)
    hits, wrong = sum(r.linked for r in rows), sum(r.wrong for r in rows)
    recall, precision = hits / n if n else 1.0, hits / (hits + wrong) if hits + wrong else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    person = sum(r.person for r in rows) / n if n else 0.0
    return f"| {label} | {n} | {person:.2f} | {recall:.2f} | {precision:.2f} | {f1:.2f} |"


def report(scored: Sequence[Scored], by_form: bool) -> None:
    print("| part | cases | person found | recall | precision | F1 |")
    print("|---|---|---|---|---|---|")
    for part in ("dev", "test"):
        rows = [s for s in scored if s.case.part == part]
        print(_row(part, rows))
        if by_form:
            for form in sorted({s.case.form for s in rows}):
                print(_row(f"{part}: {form}", [s for s in rows if s.case.form == form]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("names", "glued", "glued_orgs", "orgs", "titled"), default="names",
                        help="which generated set")
    parser.add_argument("--per-name", type=int, default=1, help="cases per listed person (forms differ)")
    parser.add_argument("--by-form", action="store_true", help="a row per name form")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="print N dev misses and wrong links")
    args = parser.parse_args(argv)
    screener = Screener.open()
    items = {"names": lambda: cases(args.per_name), "glued": glued_cases, "glued_orgs": glued_org_cases,
             "orgs": org_cases, "titled": titled_cases}[args.set]()
    scored = []
    with progress_bar("French sentences", len(items)) as advance:
        for case in items:
            scored.append(score(case, screener))
            advance(1)
    report(scored, args.by_form)
    bad = [s for s in scored if s.case.part == "dev" and (not s.linked or s.wrong)]
    for s in bad[:args.misses]:
        print(f"\n{s.case.form} {s.case.list_id} {s.case.text}\n    {s.seen}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
