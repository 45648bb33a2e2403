"""Loading the corpus: encodings, metadata (front matter, sidecars, HTML) and comment sections."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from timeline.corpus import find_body_end, html_to_text, load_corpus
from timeline.errors import CorpusError
from timeline.models import Document

REPO = Path(__file__).parents[1]
CORPUS = REPO / "corpus"
SEEDS = REPO / ".." / "shared" / "seeds"
SEED_IDS = [
    "000_f9cfd8c1c008ccdb",
    "001_8dc0db9dbabbc171",
    "002_fdc82da32448117d",
    "003_181a5cc54984c10d",
]


def _load(root: Path) -> tuple[list[str], dict[str, Document]]:
    warnings: list[str] = []
    docs = load_corpus(root, warn=warnings.append)
    return warnings, {d.id: d for d in docs}


# --------------------------------------------------------------------------- encodings


def test_utf8_with_bom_is_stripped_and_offsets_follow_the_decoded_text(tmp_path: Path) -> None:
    raw = "\ufeffCafé opened on 1 July 2016.".encode()
    (tmp_path / "bom.txt").write_bytes(raw)
    warnings, docs = _load(tmp_path)
    doc = docs["bom"]
    assert doc.text == "Café opened on 1 July 2016."
    assert doc.text.index("1 July") == 15
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert warnings == []


def test_cp1252_file_is_decoded_with_a_warning_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Labour\u2019s \u201creport\u201d cost \u00a31m.".encode("cp1252"))
    warnings, docs = _load(tmp_path)
    assert docs["legacy"].text == "Labour\u2019s \u201creport\u201d cost \u00a31m."
    assert len(warnings) == 1
    assert str(path) in warnings[0] and "cp1252" in warnings[0]


def test_latin1_only_bytes_fall_back_without_a_traceback(tmp_path: Path) -> None:
    # 0x81 is undefined in cp1252, so only latin-1 can decode this file
    (tmp_path / "odd.txt").write_bytes(b"Caf\xe9 \x81 end")
    warnings, docs = _load(tmp_path)
    assert docs["odd"].text.startswith("Café")
    assert "latin-1" in warnings[0]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a text file"),
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n", "empty"),
        ("only-meta.md", b"---\ntitle: T\n---\n", "no text"),
        ("script.html", b"<html><script>x()</script></html>", "no text"),
    ],
    ids=["binary", "empty", "whitespace-only", "front-matter-only", "markup-only"],
)
def test_binary_and_empty_files_are_skipped_with_a_warning(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("A real article.", encoding="utf-8")
    warnings, docs = _load(tmp_path)
    assert list(docs) == ["good"]
    assert len(warnings) == 1
    assert str(tmp_path / name) in warnings[0] and reason in warnings[0]


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    (tmp_path / "wide.txt").write_bytes("Published in July.".encode("utf-16"))
    warnings, docs = _load(tmp_path)
    assert docs["wide"].text == "Published in July."
    assert warnings == []


# --------------------------------------------------------------------------- metadata


def test_front_matter_is_metadata_and_offsets_start_after_it(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(
        "---\ntitle: 'Forde: the report'\npublished: 2022-07-19\npublisher: Example\n---\n"
        "Body starts here.\n",
        encoding="utf-8",
    )
    _, docs = _load(tmp_path)
    doc = docs["post"]
    assert doc.text == "Body starts here.\n"
    assert doc.meta.title == "Forde: the report"
    assert doc.meta.published == "2022-07-19"
    assert doc.meta.published_estimated is False


def test_a_leading_rule_that_is_not_front_matter_stays_text(tmp_path: Path) -> None:
    text = "---\nJust a horizontal rule, then prose.\n---\nMore prose.\n"
    (tmp_path / "rule.md").write_text(text, encoding="utf-8")
    _, docs = _load(tmp_path)
    assert docs["rule"].text == text


def test_sidecar_metadata_keeps_the_article_pristine(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Article text.", encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text(
        "title: A headline\npublished: 2020-08\npublished_estimated: true\n", encoding="utf-8"
    )
    warnings, docs = _load(tmp_path)
    assert list(docs) == ["a"]  # the sidecar is not a document
    meta = docs["a"].meta
    assert (meta.title, meta.published, meta.published_estimated) == ("A headline", "2020-08", True)
    assert docs["a"].text == "Article text."
    assert warnings == []


@pytest.mark.parametrize(
    ("sidecar", "expected"),
    [
        ("titel: x\n", "unknown key 'titel'"),
        ("published: June 2020\n", "'published'"),
        ("published_estimated: maybe\n", "'published_estimated'"),
        ("- a list\n", "is not a mapping"),
        ("title: [unclosed\n", "not valid YAML"),
    ],
    ids=["unknown-key", "bad-date", "bad-bool", "not-a-mapping", "malformed"],
)
def test_invalid_sidecar_is_one_warning_naming_file_and_key_and_the_text_is_read(
    tmp_path: Path, sidecar: str, expected: str
) -> None:
    (tmp_path / "a.txt").write_text("Article text.", encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text(sidecar, encoding="utf-8")
    warnings, docs = _load(tmp_path)
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert str(tmp_path / "a.meta.yaml") in warnings[0] and expected in warnings[0]
    assert warnings[0].endswith("read without it")
    assert docs["a"].text == "Article text." and docs["a"].meta.published is None


def test_only_the_bad_keys_of_metadata_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Article text.", encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text("title: Kept\npublished: 2021-02-29\n", "utf-8")
    warnings, docs = _load(tmp_path)
    assert docs["a"].meta.title == "Kept" and docs["a"].meta.published is None
    assert "'2021-02-29' is not a date" in warnings[0]


def test_html_gives_visible_text_and_head_metadata(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        """<!doctype html><html lang="en-GB"><head><title>Forde report published</title>
        <meta name="author" content="A. Writer">
        <meta property="article:published_time" content="2022-07-19T10:00:00Z">
        <style>p { color: red }</style><script>var x = "hidden";</script></head>
        <body><h1>Forde report</h1><p>Published on <b>19 July 2022</b>.</p>
        <script>alert("no")</script><p>Second&nbsp;paragraph &amp; more.</p></body></html>""",
        encoding="utf-8",
    )
    _, docs = _load(tmp_path)
    doc = docs["page"]
    assert doc.text == ("Forde report\n\nPublished on 19 July 2022.\n\nSecond paragraph & more.\n")
    meta = doc.meta
    assert (meta.title, meta.author, meta.published, meta.language) == (
        "Forde report published",
        "A. Writer",
        "2022-07-19",
        "en",
    )


def test_html_with_an_unclosed_head_still_gives_its_body() -> None:
    text, meta = html_to_text(
        "<html><head><title>Page</title><body><p>Body <svg><title>icon</title></svg>text</p>"
    )
    assert (text, meta) == ("Body text\n", {"title": "Page"})


def test_html_to_text_drops_scripts_and_styles() -> None:
    text, meta = html_to_text("<p>a</p><script>b()</script><style>.c{}</style><p>d</p>")
    assert text == "a\n\nd\n" and meta == {}


# --------------------------------------------------------------------------- folders and ids


def test_recursive_and_sorted_by_id_skipping_dot_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("A", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("H", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("X", encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("x: 1", encoding="utf-8")
    docs = load_corpus(tmp_path)
    assert [(d.id, d.path) for d in docs] == [("a", "sub/a.md"), ("b", "b.txt")]


def test_duplicate_ids_in_subfolders_name_both_files(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(folder, encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path)
    message = str(info.value)
    assert "'same'" in message
    assert str(tmp_path / "one" / "same.txt") in message
    assert str(tmp_path / "two" / "same.txt") in message


@pytest.mark.parametrize("kind", ["missing", "file", "empty"])
def test_unusable_root_is_a_one_line_corpus_error(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "corpus"
    if kind == "file":
        root.write_text("x", encoding="utf-8")
    elif kind == "empty":
        root.mkdir()
        (root / "empty.txt").write_bytes(b"")
    with pytest.raises(CorpusError) as info:
        load_corpus(root)
    assert "\n" not in str(info.value) and str(root) in str(info.value)


# --------------------------------------------------------------------------- comment sections


@pytest.mark.parametrize(
    ("tail", "marker"),
    [
        ("\n\n12 Comments\n\nAlice: I agree.\n", "12 Comments"),
        ("\n\n3 thoughts on “The story”\n\nBob: no.\n", "3 thoughts on “The story”"),
        ("\n\nLeave a Reply\n\nYour email address will not be published.\n", "Leave a Reply"),
        ("\n\n  • Show Comments\n    1. First!\n", "• Show Comments"),
        ("\n\nJoin the conversation\n", "Join the conversation"),
    ],
)
def test_comment_section_markers(tail: str, marker: str) -> None:
    body = "The article says something about the report. " * 10
    text = body + tail
    end = find_body_end(text)
    assert end is not None and text[end:].startswith(marker)


@pytest.mark.parametrize(
    "text",
    [
        "The report cited comments from staff. " * 10 + "\nShe said the comments were private.\n",
        "Comments\n" + "Navigation first, then a long article body. " * 10,
        "An article with no comment section at all. " * 10,
    ],
    ids=["sentence-mentions-comments", "navigation-at-the-top", "none"],
)
def test_no_comment_section(text: str) -> None:
    assert find_body_end(text) is None


# --------------------------------------------------------------------------- the seed corpus


def test_seed_corpus_loads_with_its_metadata() -> None:
    warnings: list[str] = []
    docs = {d.id: d for d in load_corpus(CORPUS, warn=warnings.append)}
    assert list(docs) == SEED_IDS
    assert warnings == []
    expected = {
        "000_f9cfd8c1c008ccdb": ("5Pillars", "2022-10", "Vaseem Ahmed says he will never"),
        "001_8dc0db9dbabbc171": ("Labour Heartlands", "2020-08", "Diane Abbott Calls For"),
        "002_fdc82da32448117d": ("Red Revolution Media", "2019-03", "Labour Friends of Israel"),
        "003_181a5cc54984c10d": ("The Canary", "2020-10-30", "Keir Stalin has launched"),
    }
    for doc_id, (publisher, published, title_start) in expected.items():
        meta = docs[doc_id].meta
        assert meta.publisher == publisher
        assert meta.published == published
        assert meta.published_estimated is True
        assert meta.title is not None and meta.title.startswith(title_start)
        assert meta.title in docs[doc_id].text  # the headline as it appears in the text
        assert meta.url is None and meta.notes


def test_seed_comment_boundary_only_in_003() -> None:
    docs = {d.id: d for d in load_corpus(CORPUS)}
    for doc_id in SEED_IDS[:3]:
        assert docs[doc_id].body_end is None, doc_id
    doc = docs["003_181a5cc54984c10d"]
    assert doc.body_end is not None
    assert doc.text[doc.body_end :].startswith("• Show Comments")
    assert "Support us" in doc.text[: doc.body_end]
    assert "yesterday\u2019s suspension" in doc.text[doc.body_end :]
    assert "has suspended Jeremy Corbyn" in doc.text[: doc.body_end]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_articles_are_byte_identical_to_the_shared_seeds(doc_id: str) -> None:
    ours = (CORPUS / f"{doc_id}.txt").read_bytes()
    assert ours == (SEEDS / f"{doc_id}.txt").read_bytes()
    doc = {d.id: d for d in load_corpus(CORPUS)}[doc_id]
    assert doc.sha256 == hashlib.sha256(ours).hexdigest()
    assert doc.text == ours.decode("utf-8")
