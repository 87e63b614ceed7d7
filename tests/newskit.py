"""Hand-built news results for the news tests: annotated sentences for the event tests, and the seed
reports and Treasury releases of the 2023-07-24 action as the pipeline should read them
(``data/news/seeds/gold.json``), with real offsets, so events, stories and reconciliation are tested
on their own, fast and without the language model.

Kept out of ``conftest`` so test modules import it by name (as ``testkit``).
"""

from __future__ import annotations

import re
from pathlib import Path

from kenning.news.article import Article
from kenning.news.events.extract import extract_events
from kenning.news.ingest.collect import ingest_file
from kenning.news.model import ArticleResult, EntityLink, Mention, SanctionEvent, Span, Target
from kenning.news.nlp.models import Resources

DATA = Path(__file__).resolve().parents[1] / "data" / "news"
SEED_000 = DATA / "seeds" / "000_e3adef94a2369754.txt"
SEED_001 = DATA / "seeds" / "001_3223975ce75752ba.txt"
PRESS = DATA / "treasury_press" / "texts"
_BOUNDARY = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def sentences(text: str) -> list[Span]:
    """Lines, cut at sentence ends, as spans (good enough for these texts)."""
    spans = []
    position = 0
    for line in text.split("\n"):
        start = position
        position += len(line) + 1
        offset = 0
        for piece in _BOUNDARY.split(line):
            at = line.index(piece, offset)
            offset = at + len(piece)
            if piece.strip():
                begin = start + at + (len(piece) - len(piece.lstrip()))
                spans.append(Span(begin, begin + len(piece.strip()), piece.strip()))
    return spans


def link(entity_id: str, caption: str, schema: str = "Person") -> EntityLink:
    dataset, source_id = entity_id.rsplit("-", 1)
    return EntityLink(entity_id, dataset, source_id, 1.0, caption, schema)


class Build:
    """An ArticleResult written by hand over a real text."""

    def __init__(self, article: Article) -> None:
        self.result = ArticleResult(article=article, sentences=sentences(article.text))

    @property
    def text(self) -> str:
        return self.result.article.text

    def span(self, words: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(words, start + 1)
        return Span(start, start + len(words), words)

    def sentence(self, words: str) -> Span:
        at = self.span(words).start
        return next(s for s in self.result.sentences if s.start <= at < s.end)

    def mention(self, words: str, label: str, nth: int = 0, role: str | None = None, refers_to: str | None = None,
                links: tuple[EntityLink, ...] = ()) -> int:
        span = self.span(words, nth)
        index = next(i for i, s in enumerate(self.result.sentences) if s.start <= span.start < s.end)
        self.result.mentions.append(Mention(words, label, span.start, span.end, index, role=role,
                                            refers_to=refers_to, links=list(links)))
        return len(self.result.mentions) - 1

    def target(self, mention: int) -> Target:
        m = self.result.mentions[mention]
        return Target(name=m.refers_to or m.text, role=m.role, links=m.links, mention=mention,
                      span=Span(m.start, m.end, m.text))

    def event(self, evidence: list[str], authority: str, country: str, date: str | None, date_text: str | None,
              measures: list[str], targets: list[int] = (), **facts: object) -> None:  # type: ignore[assignment]
        self.result.events.append(SanctionEvent(
            authority=authority, authority_country=country, date=date, date_text=date_text,
            date_approx=date_text not in (None, "Today"), measures=measures, reason=facts.pop("reason", None),
            program=facts.pop("program", None), targets=[self.target(t) for t in targets],
            evidence=[self.sentence(e) for e in evidence], **facts))  # type: ignore[arg-type]


WAGNER = link("us_ofac_sdn-22543", "WAGNER GROUP", "Organization")
CAMARA = link("us_ofac_sdn-42618", "CAMARA, Sadio")
DIARRA = link("us_ofac_sdn-42617", "DIARRA, Alou Boi")
BAGAYOKO = link("us_ofac_sdn-42616", "BAGAYOKO, Adama")
MASLOV = (link("us_ofac_sdn-40969", "MASLOV, Ivan Aleksandrovich"), link("gb_ofsi-16024", "MASLOV, Ivan"))


def seed_000() -> ArticleResult:
    """The BBC-style report: the three officials only by their roles; undated (read against 2023-07-25)."""
    b = Build(ingest_file(SEED_000))
    b.mention("Antony Blinken", "PERSON", role="Secretary of State")
    wagner = [b.mention("Wagner", "ORG", nth=n, links=(WAGNER,)) for n in range(4)]
    b.mention("European Union", "ORG")
    b.mention("Sudanese Armed Forces", "ORG")
    b.event(["The US has placed sanctions", "They are Mali’s defence minister"], "United States", "us", None, None,
            ["designation"], target_description="three top Malian officials", target_count=3,
            announced_by="US Secretary of State Antony Blinken",
            reason="co-ordinating the presence of Russian private military firm Wagner in the West African country")
    b.event(["In January, Washington designated"], "United States", "us", "2023-01", "In January",
            ["transnational criminal organization designation"], [wagner[3]], background=True)
    b.event(["In 2022, the European Union"], "European Union", "eu", "2022", "In 2022", ["travel ban", "asset freeze"],
            target_description="five members of Mali’s junta", target_count=5, announced_by="three diplomats")
    b.event(["Last week, the UK sanctioned", "The sanctions target three businesses"], "United Kingdom", "gb",
            "2023-W29", "Last week", ["designation"], target_description="13 individuals", target_count=13)
    return b.result


def seed_001() -> ArticleResult:
    """The wire report: the officials by name and role, dated 2023-07-25."""
    b = Build(ingest_file(SEED_001))
    camara = b.mention("Sadio Camara", "PERSON", role="Defence Minister", links=(CAMARA,))
    diarra = b.mention("Alou Boi Diarra", "PERSON", role="Air Force chief of staff", links=(DIARRA,))
    bagayoko = b.mention("Adama Bagayoko", "PERSON", role="Air Force deputy chief of staff", links=(BAGAYOKO,))
    b.mention("Brian E. Nelson", "PERSON", role="under secretary for terrorism and financial intelligence")
    b.mention("Human Rights Watch", "ORG")
    maslov = b.mention("Ivan Aleksandrovich Maslov", "PERSON", role="head of Wagner in Mali", links=MASLOV)
    short = b.mention("Maslov", "PERSON", nth=1, refers_to="Ivan Aleksandrovich Maslov", role="head of Wagner in Mali",
                      links=MASLOV)
    perfilev = b.mention("Vitalii Viktorovitch Perfilev", "PERSON", role="Wagner's chief in CAR")
    pikalov = b.mention("Konstantin Aleksandrovitch Pikalov", "PERSON", role="the group's operations head there")
    b.event(["The United States has sanctioned Mali's", "The U.S. Treasury sanctioned Defence"],
            "U.S. Department of the Treasury", "us", "2023-07-24", "Monday", ["designation", "asset freeze"],
            [camara, diarra, bagayoko], target_description="Mali's Defence Minister and two officials",
            target_count=3, announced_by="U.S. Treasury statement",
            reason="facilitating the deployment and expansion of Wagner's activities in Mali")
    b.event(["That same month, the United States"], "United States", "us", "2023-05", "That same month",
            ["designation"], [maslov], background=True)
    b.event(["Last week, Britain announced", "They include Maslov"], "United Kingdom", "gb", "2023-W29", "Last week",
            ["designation"], [short, perfilev, pikalov], target_description="13 individuals and businesses",
            target_count=13, reason="crimes there including killings and torture")
    return b.result


def press_release(name: str, roles: dict[str, tuple[str, EntityLink]], date: str, description: str | None,
                  count: int | None, evidence: str) -> ArticleResult:
    """A Treasury release: its designees named with roles, one headline event of OFAC on its date."""
    b = Build(ingest_file(PRESS / name))
    people = [b.mention(person, "PERSON", role=role, links=(entity,)) for person, (role, entity) in roles.items()]
    b.event([evidence], "Office of Foreign Assets Control", "us", date, "Today", ["designation", "asset freeze"],
            people, target_description=description, target_count=count)
    return b.result


def jy1645() -> ArticleResult:
    return press_release("2023-07-24_jy1645.txt", {
        "Sadio Camara": ("Minister of Defense", CAMARA), "Alou Boi Diarra": ("Chief of Staff of the Air Force", DIARRA),
        "Adama Bagayoko": ("Air Force Deputy Chief of Staff", BAGAYOKO)}, "2023-07-24",
        "three Malian transition government and military officials", 3, "WASHINGTON — Today")


def jy1502() -> ArticleResult:
    return press_release("2023-05-25_jy1502.txt", {"Ivan Aleksandrovich Maslov": ("head of the Wagner Group in Mali",
                                                                                  MASLOV[0])},
                         "2023-05-25", None, None, "WASHINGTON — Today")



_SENTENCE = re.compile(r"[^\n]+")


def build(text: str, mentions: list[tuple[str, str]], published: str | None = "2023-07-25",
          outlet: str | None = None, refers: dict[str, str] | None = None,
          links: dict[str, str] | None = None) -> ArticleResult:
    """An annotated article: one sentence per line; each (words, label) becomes a mention at every place the
    words occur outside a longer mention; ``refers`` maps short forms to full names and ``links`` names to an
    SDN id."""
    article = Article.create(text, "test", published=published, published_source="header" if published else None,
                             outlet=outlet)
    result = ArticleResult(article=article)
    for match in _SENTENCE.finditer(text):
        chunk = match.group(0)
        start = match.start() + len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            result.sentences.append(Span(start, start + len(chunk.strip()), chunk.strip()))
    taken: list[tuple[int, int]] = []
    for words, label in sorted(mentions, key=lambda m: -len(m[0])):
        for found in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", text):
            if any(s <= found.start() < e for s, e in taken):
                continue
            taken.append((found.start(), found.end()))
            index = next(i for i, s in enumerate(result.sentences) if s.start <= found.start() < s.end)
            mention = Mention(words, label, found.start(), found.end(), index,
                              refers_to=(refers or {}).get(words))
            full = mention.refers_to or words
            if links and full in links:
                mention.links = [EntityLink(f"us_ofac_sdn-{links[full]}", "us_ofac_sdn", links[full], 0.95,
                                            full.upper(), "Person")]
            result.mentions.append(mention)
    result.mentions.sort(key=lambda m: m.start)
    return result


def events_of(text: str, mentions: list[tuple[str, str]], **kwargs: object) -> list[SanctionEvent]:
    return extract_events(build(text, mentions, **kwargs)).events  # type: ignore[arg-type]


def names(event: SanctionEvent) -> list[str]:
    return [t.name for t in event.targets]




def french_resources() -> Resources:
    """The French pipeline without list knowledge (no store)."""
    from kenning.news.nlp.french import load_french
    from kenning.news.nlp.gazetteer import gazetteer
    from kenning.news.nlp.ruler import ListNames

    return Resources(load_french(), gazetteer("fr"), ListNames("none"), frozenset(), {}, "fr")


def french(text: str, res: Resources, published: str | None = "2023-07-25") -> ArticleResult:
    """A French report annotated by the French NLP stage (events not read yet)."""
    from kenning.news.nlp.french import annotate_french

    article = Article.create(text, "t.txt", language="fr", published=published,
                             published_source="header" if published else None)
    return annotate_french(article, res)
