"""`timeline suggest`: grouped, ranked candidate events as YAML; --write appends them."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.cli import cli
from timeline.events_file import load_events
from timeline.models import CorpusSource, TimexRef
from timeline.suggest import (
    _alike,
    _content,
    shared_phrase,
    split_by_wording,
    suggest_events,
    words_near_date,
)

REPO = Path(__file__).parents[1]

DOCS = {
    "a": "A 2017 YouGov poll found members divided. The weather was fine.\n"
    "The strike began on 3 March 2018 at the docks.\n",
    "b": "The 2017 YouGov poll has been quoted often since.\n"
    "Staff were bullied in 2017, the report says.\n",
    "c": "Another look at the 2017 YouGov poll surprised nobody.\n",
}

EVENTS = """\
# My events
events:
  - id: election
    title: The election
    date: 2019-12-12
    aliases: [general election]
"""


def _project(root: Path) -> None:
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in DOCS.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
        (corpus / f"{name}.meta.yaml").write_text("published: 2019-03\n", encoding="utf-8")
    (root / "events.yaml").write_text(EVENTS, encoding="utf-8")


def test_groups_across_documents_and_splits_a_coarse_date_by_wording(tmp_path: Path) -> None:
    _project(tmp_path)
    result = suggest_events(tmp_path / "corpus", tmp_path / "events.yaml")
    first = result.suggestions[0]
    assert (first.id, first.title, first.date, first.alias) == (
        "yougov-poll-2017",
        "2017 YouGov poll",
        "2017",
        "YouGov poll",
    )
    assert first.documents == ["a", "b", "c"]
    dates = sorted(s.date for s in result.suggestions)
    assert dates == ["2017", "2017", "2018-03-03"]  # the bullying in 2017 is its own event
    bullied = next(s for s in result.suggestions if s.date == "2017" and s is not first)
    assert bullied.documents == ["b"]
    assert "id: yougov-poll-2017" in result.yaml
    assert '#   a: "A 2017 YouGov poll found members divided."' in result.yaml


def test_min_docs_and_date_range_filter(tmp_path: Path) -> None:
    _project(tmp_path)
    corpus, events = tmp_path / "corpus", tmp_path / "events.yaml"
    assert [s.id for s in suggest_events(corpus, events, min_docs=2).suggestions] == [
        "yougov-poll-2017"
    ]
    dated = suggest_events(corpus, events, date_from="2018", date_to="2018-12").suggestions
    assert [s.date for s in dated] == ["2018-03-03"]


def test_write_appends_candidates_that_check_and_build_accept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["suggest", "--write", "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 0
    text = Path("events.yaml").read_text(encoding="utf-8")
    assert text.startswith(EVENTS)  # every hand-written byte kept
    assert Path("events.yaml.bak").read_text(encoding="utf-8") == EVENTS
    specs = load_events(Path("events.yaml"))
    assert [s.status for s in specs[1:]] == ["candidate"] * (len(specs) - 1)
    assert runner.invoke(cli, ["check", "--no-cache"]).exit_code == 0
    build = runner.invoke(cli, ["build", "--no-cache", "--json", "t.json"])
    assert build.exit_code == 0, build.output
    # The written aliases link their sentences: nothing is proposed twice.
    again = runner.invoke(cli, ["suggest", "--no-cache"])
    assert again.stdout == ""
    assert again.stderr.strip().endswith("0 suggestions.")


def test_a_bad_date_bound_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["suggest", "--from", "last spring"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: --from 'last spring' is not a date (use 2016, 2016-06, 2016-06-27 or June 2016)"
    )


def test_the_seed_corpus_suggests_the_2017_yougov_poll(tmp_path: Path) -> None:
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    shutil.copy(REPO / "events.yaml", tmp_path / "events.yaml")
    result = suggest_events(tmp_path / "corpus", tmp_path / "events.yaml")
    poll = result.suggestions[0]
    assert (poll.title, poll.date, poll.documents) == (
        "2017 YouGov poll",
        "2017",
        ["002_fdc82da32448117d"],
    )
    curated = {s.id for s in load_events(tmp_path / "events.yaml")}
    assert not curated & {s.id for s in result.suggestions}


LIBYA = {
    "a": ("2011-03-20", "Warplanes struck Tripoli on 19 March, the first night of strikes.\n"),
    "b": ("2011-03-25", "Since the strikes began on March 19, rebels have advanced.\n"),
    "c": ("2011-03-19", "On Saturday the first strikes hit Libya, officials said.\n"),
    "d": ("2011-03-19", "Markets were calm on Saturday. It rained on Saturday, too.\n"),
    "e": ("2011-03-10", "Diplomats will meet on 24 March to discuss Libya.\n"),
}


def test_top_gives_the_most_salient_dates_with_their_best_quotes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, (published, text) in LIBYA.items():
        (corpus / f"{name}.txt").write_text(f"---\npublished: {published}\n---\n{text}")
    (tmp_path / "events.yaml").write_text("events: []\n", encoding="utf-8")
    result = suggest_events(corpus, tmp_path / "events.yaml", top=2)
    assert [s.date for s in result.suggestions] == ["2011-03-19", "2011-03-24"]
    first = result.suggestions[0]
    assert first.totals == (5, 4) and len(first.sources) == 3
    assert first.title.startswith(("Warplanes struck", "Since the strikes", "On Saturday the"))
    assert "# 19 March 2011: 4 documents, salience" in result.yaml
    runner = CliRunner()
    cli_args = ["suggest", "--top", "1", "--corpus", str(corpus)]
    out = runner.invoke(cli, [*cli_args, "--events", str(tmp_path / "events.yaml"), "--no-cache"])
    assert out.exit_code == 0, out.output
    assert out.output.count("status: candidate") == 1 and "date: '2011-03-19'" in out.output


def _source(doc: str, quote: str, phrase: str, value: str) -> CorpusSource:
    at = quote.index(phrase)
    timex = TimexRef(start=at, end=at + len(phrase), text=phrase, value=value)
    return CorpusSource(doc=doc, start=0, end=len(quote), quote=quote, timex=timex)


def test_titles_from_the_articles_keep_their_accented_words() -> None:
    first = _source(
        "a", "Le 5 février, la grève générale a paralysé le pays.", "5 février", "2020-02"
    )
    second = _source("b", "Une grève générale est prévue le 5 février.", "5 février", "2020-02")
    assert shared_phrase([first, second]) == "grève générale"
    assert words_near_date(second) == "est prévue"


def _sources(quotes: list[str]) -> list[CorpusSource]:
    return [
        CorpusSource(doc=f"d{i}", start=0, end=len(q), quote=q, section="body")
        for i, q in enumerate(quotes)
    ]


def _grouped_pairwise(sources: list[CorpusSource]) -> list[list[str]]:
    """The groups of comparing every pair of sentences, for reference."""
    words = [_content(s.quote) for s in sources]
    group = list(range(len(sources)))
    for i, j in itertools.combinations(range(len(sources)), 2):
        if _alike(words[i], words[j]):
            old, new = group[j], group[i]
            group = [new if g == old else g for g in group]
    out: dict[int, list[str]] = {}
    for g, s in zip(group, sources, strict=True):
        out.setdefault(g, []).append(s.doc)
    return sorted(out.values())


_WORDS = st.sampled_from(
    ["poll", "strike", "report", "vote", "union", "court", "budget", "docks", "members"]
)


@settings(max_examples=200)
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=6), min_size=1, max_size=12))
def test_splitting_by_wording_groups_as_comparing_every_pair(
    sentences: list[list[str]],
) -> None:
    sources = _sources([" ".join(words) + "." for words in sentences])
    grouped = sorted([s.doc for s in g] for g in split_by_wording(sources))
    assert grouped == _grouped_pairwise(sources)


def test_a_proposed_alias_is_checked_against_inflected_forms_elsewhere(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "In the summer, Bailey's vision endured a blow.\n\n"
        "The Bailey vision is economic and moral.\n",
        encoding="utf-8",
    )
    (corpus / "a.meta.yaml").write_text("published: 2009-10-01\n", encoding="utf-8")
    (tmp_path / "events.yaml").write_text("events: []\n", encoding="utf-8")
    result = suggest_events(corpus, tmp_path / "events.yaml")
    # "Bailey's vision" would also name the second sentence ("vision" and "Bailey" folded)
    assert [(s.alias, s.date) for s in result.suggestions] == [("vision endured", "2009-SU")]
