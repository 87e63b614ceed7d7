"""The readable story report of ``kenning story`` and ``kenning demo``: one screen of summary first.

Order: the story and its reports (each by its outlet); who was sanctioned, by whom and when, each target
checked against the stored lists; conflicts; possibly different events; complementary facts; then one
line saying what is folded (agreed and single-source facts, sentences left out as never facts), which
``--full`` prints too. Plain lines, so the report reads the same in a terminal, a pipe or a file.
"""

from __future__ import annotations

from typing import Any

from kenning.news.reconcile.wording import date_words

__all__ = ["report_lines"]

#: Characters of a statement's words shown on one line (with ``--full``: of a whole sentence).
WORDS_CHARS = 60
FULL_CHARS = 400
STATUS_TITLES = {"conflicting": "Conflicts", "possibly-different": "Possibly different events",
                 "complementary": "Complementary facts", "agreed": "Agreed facts",
                 "single-source": "Said by one report only"}
FOLDED = ("agreed", "single-source")
CHECK_MARKS = {"confirmed": "✓", "listed": "✓", "listed-earlier": "!", "differs": "✗", "not-listed": "✗",
               "no-list": "·"}


def _cut(text: str, limit: int = WORDS_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def _labels(report: dict[str, Any]) -> dict[str, str]:
    return {a["id"]: f"#{i}" for i, a in enumerate(report["articles"], start=1)}


def _reports(report: dict[str, Any], labels: dict[str, str]) -> list[str]:
    lines = []
    anchors = {m["id"]: m.get("anchor") for m in (report.get("story") or {}).get("articles", [])}
    for article in report["articles"]:
        when = article.get("published_words") or "undated"
        anchor = date_words(anchors.get(article["id"]))
        if not article.get("published") and anchor:
            when += f" (read as of {anchor.text})"
        title = _cut(article.get("title") or "untitled", 70)
        language = f" [{article['language']}]" if article.get("language") else ""
        outlet = article.get("outlet") or "outlet unknown"
        lines.append(f"  {labels[article['id']]} {outlet}{language} — {when} — {title}")
    return lines


def _what(item: dict[str, Any]) -> str:
    what = item.get("what")
    if not what or not what["words"]:
        return ""
    words = " | ".join(f"“{w}”" for w in what["words"])
    return f"; {words}" + (" (the reports conflict)" if what["status"] == "conflicting" else "")


def _action(item: dict[str, Any], labels: dict[str, str]) -> list[str]:
    when = item["date"]["text"] if item.get("date") else "no date given"
    authorities = ", ".join(item.get("authorities") or [item["authority"]])
    chain = item.get("authority_chain") or []
    if len(item.get("authorities") or []) <= 1 and len(chain) > 1:
        authorities = " → ".join(chain)
    measures = ", ".join(item.get("measures") or []) or "sanctions"
    told = " ".join(labels.get(s, s) for s in item["sources"])
    lines = [f"• {when} — {authorities}: {measures}{_what(item)} — told by {told}"]
    for target in item["targets"]:
        check = target.get("check")
        if check:
            lines.append(f"    {CHECK_MARKS.get(check['status'], '?')} {check['text']}")
        else:
            lines.append(f"    · {target['name']} (not linked to a list entry)")
    return lines


def _summary(report: dict[str, Any], labels: dict[str, str]) -> list[str]:
    items = report.get("summary") or []
    if not items:
        return ["No sanctions action in this story."]
    lines = ["Who was sanctioned, by whom and when"]
    for item in items:
        if item["headline"]:
            lines += _action(item, labels)
    earlier = [i for i in items if not i["headline"]]
    if earlier:
        lines.append("Earlier actions the reports tell")
        for item in earlier:
            lines += _action(item, labels)
    return lines


def _fact(fact: dict[str, Any], labels: dict[str, str], full: bool) -> list[str]:
    by_words: dict[str, list[str]] = {}
    for st in fact["statements"]:
        words = _cut(st["value"], WORDS_CHARS if not full else FULL_CHARS)
        by_words.setdefault(words, []).append(labels.get(st["source"], "?"))
    said = " / ".join(f"{' '.join(dict.fromkeys(who))} “{words}”" for words, who in by_words.items())
    line = f"  • {fact['about']}: {said}" if fact["kind"] != "statement" else f"  • {said}"
    lines = [line + (f" — {fact['note']}" if fact.get("note") and fact["status"] != "single-source" else "")]
    if full and fact["kind"] != "statement":
        lines += [f"      {labels.get(st['source'], '?')}: {_cut(st['evidence']['text'], 110)}"
                  for st in fact["statements"]]
    return lines


def report_lines(report: dict[str, Any], full: bool = False, story_command: str | None = None) -> list[str]:
    """The report as lines of text (see the module docstring)."""
    labels = _labels(report)
    info = report.get("story") or {}
    lines = [f"{info.get('title') or report['story_id']}",
             f"{report['story_id']} · {len(report['articles'])} report{'s' if len(report['articles']) != 1 else ''}"]
    if report.get("merged_from"):
        lines.append(f"({report['merged_from']} was merged into this story)")
    lines += [*_reports(report, labels), "", *_summary(report, labels)]
    for status in ("conflicting", "possibly-different", "complementary", *(FOLDED if full else ())):
        facts = [f for f in report["facts"] if f["status"] == status]
        if facts:
            lines += ["", f"{STATUS_TITLES[status]} ({len(facts)})"]
            for fact in facts:
                lines += _fact(fact, labels, full)
    lines += ["", _folded(report, full, story_command)]
    return lines


def _folded(report: dict[str, Any], full: bool, command: str | None) -> str:
    counts = report["counts"]
    left = report.get("left_out") or {}
    never = sum(left.values())
    reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(left.items()))
    said = f"{counts.get('agreed', 0)} agreed and {counts.get('single-source', 0)} single-source facts"
    out = f"{never} sentences were left out as never facts ({reasons})." if never else ""
    if full:
        return out
    more = f" `{command} --full` shows them." if command else ""
    return f"Folded: {said}.{more} {out}".strip()


