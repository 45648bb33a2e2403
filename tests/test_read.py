"""Reading the corpus: encodings, kinds (text, HTML, PDF), metadata, folders, comment sections."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdf_samples import make_pdf

from timeline.errors import CorpusError
from timeline.models import Document
from timeline.published import page_of
from timeline.read import load_corpus
from timeline.read.folder import _suffix
from timeline.read.html import pick_title
from timeline.read.language import language_code
from timeline.read.text import find_body_end

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
        ("published: in June, we think\n", "'published'"),
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
    assert docs["a"].text == "Article text." and docs["a"].meta.title is None
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert str(tmp_path / "a.meta.yaml") in warnings[0] and expected in warnings[0]
    assert warnings[0].endswith("read without it")


def test_only_the_bad_keys_of_metadata_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Article text.", encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text("title: Kept\npublished: 2021-02-29\n", "utf-8")
    warnings, docs = _load(tmp_path)
    assert docs["a"].meta.title == "Kept" and docs["a"].meta.published is None
    assert "'2021-02-29' is not a date" in warnings[0]


def test_invalid_front_matter_is_a_warning_and_the_text_after_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("---\ntitle: [open\n---\nBody.\n", encoding="utf-8")
    warnings, docs = _load(tmp_path)
    assert docs["post"].text == "Body.\n"
    assert len(warnings) == 1 and "front matter" in warnings[0]


PAGE = """<!doctype html><html lang="en-GB"><head>
<title>Forde report published - The Site</title>
<meta name="author" content="A. Writer"><meta property="og:site_name" content="The Site">
<meta property="article:published_time" content="2022-07-19T10:00:00Z">
<style>p { color: red }</style><script>var x = "hidden";</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/a">News archive 2019</a></li></ul>
</nav><article><h1>Forde report published</h1>
<p>The report was published on <b>19 July 2022</b>, after two years of work by the panel,
which heard evidence from staff.</p><script>alert("no")</script>
<p>Second&nbsp;paragraph &amp; more, about the findings the panel made public that day.</p>
</article><footer>&copy; 2023 The Site. All rights reserved.</footer></body></html>"""


def test_html_gives_the_main_text_and_the_page_metadata(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    warnings, docs = _load(tmp_path)
    doc = docs["page"]
    assert doc.text == (
        "Forde report published\n\nThe report was published on 19 July 2022, after two years "
        "of work by the panel, which heard evidence from staff.\n\nSecond paragraph & more, "
        "about the findings the panel made public that day.\n"
    )
    meta = doc.meta
    assert (meta.title, meta.author, meta.publisher, meta.published, meta.language) == (
        "Forde report published",
        "A. Writer",
        "The Site",
        "2022-07-19",
        "en",
    )
    assert doc.published_from == "page" and warnings == []


def test_html_reader_comments_are_a_marked_section(tmp_path: Path) -> None:
    comments = "".join(
        f'<li class="comment"><p>Reader {i} writes: I read the report in August {2022 + i}, '
        "and I think the panel was right about the culture it found.</p></li>"
        for i in range(3)
    )
    page = PAGE.replace(
        "</article>", f'</article><section id="comments"><ol class="comments">{comments}</ol>'
    ).replace("<footer>", "</section><footer>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    _, docs = _load(tmp_path)
    doc = docs["page"]
    assert doc.body_end is not None
    assert "Reader 0 writes" in doc.text[doc.body_end :]
    assert "Reader" not in doc.text[: doc.body_end]
    assert doc.sections() == [("body", 0, doc.body_end), ("comment", doc.body_end, len(doc.text))]


def test_a_page_without_main_text_is_read_whole_with_one_counted_warning(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.html").write_text(
            "<html><head><title>Page</title><script>x()</script></head><body>"
            "<aside><p>Body <svg><title>icon</title></svg>text</p></aside></body></html>",
            encoding="utf-8",
        )
    warnings, docs = _load(tmp_path)
    assert docs["a"].text == "Body text\n" and docs["a"].meta.title == "Page"
    assert len(warnings) == 1
    assert warnings[0].startswith("2 pages with no recognisable main text, read whole")
    assert warnings[0].endswith(": a.html, b.html")


@pytest.mark.parametrize(
    ("headings", "declared", "site", "expected"),
    [
        (["Ein Bericht"], "Chronik: Ein Bericht", "wien.ORF.at", "Ein Bericht"),
        (["Politics | A mayor is elected"], "A mayor is elected", "Twin", "A mayor is elected"),
        (["The Daily Example", "A mayor is elected"], "A mayor is elected | The Daily Example",
         "The Daily Example", "A mayor is elected"),
        ([], "A mayor is elected - The Daily Example", "The Daily Example", "A mayor is elected"),
        ([], "The Daily Example - A mayor is elected", "The Daily Example", "A mayor is elected"),
        ([], "A mayor is elected - The Daily", None, "A mayor is elected - The Daily"),
        (["Unrelated sidebar"], "A mayor is elected", None, "A mayor is elected"),
        (["Only heading"], None, None, "Only heading"),
    ],
    ids=["prefix", "section-label", "logo-h1", "site-suffix", "site-prefix", "no-site",
         "no-overlap", "no-declared"],
)  # fmt: skip
def test_the_headline_is_the_h1_that_matches_the_declared_title(
    headings: list[str], declared: str | None, site: str | None, expected: str
) -> None:
    assert pick_title(headings, declared, site) == expected


# --------------------------------------------------------------------------- PDF


def test_pdf_text_layer_page_offsets_and_document_information(tmp_path: Path) -> None:
    raw = make_pdf(
        ["The inquiry opened in May 2020.", "Its report came out on 19 July 2022."],
        {"/Title": "The Forde Report", "/Author": "Martin Forde", "/CreationDate": "D:20220719"},
    )
    (tmp_path / "forde.pdf").write_bytes(raw)
    warnings, docs = _load(tmp_path)
    doc = docs["forde"]
    assert doc.text == "The inquiry opened in May 2020.\n\nIts report came out on 19 July 2022.\n\n"
    assert doc.pages == [0, doc.text.index("Its report")]
    assert (doc.meta.title, doc.meta.author, doc.meta.published) == (
        "The Forde Report",
        "Martin Forde",
        "2022-07-19",
    )
    assert doc.published_from == "file" and warnings == []
    assert page_of(doc.pages, doc.text.index("19 July")) == 2


@pytest.mark.parametrize(
    ("raw", "reason"),
    [(make_pdf(["", ""]), "no text layer"), (b"%PDF-1.4 broken", "cannot be read")],
    ids=["scan", "damaged"],
)
def test_a_pdf_without_text_is_skipped_with_a_warning(
    tmp_path: Path, raw: bytes, reason: str
) -> None:
    (tmp_path / "scan.pdf").write_bytes(raw)
    (tmp_path / "good.txt").write_text("A real article.", encoding="utf-8")
    warnings, docs = _load(tmp_path)
    assert list(docs) == ["good"]
    assert (
        len(warnings) == 1 and str(tmp_path / "scan.pdf") in warnings[0] and reason in warnings[0]
    )


# --------------------------------------------------------------------------- metadata.csv


def test_metadata_csv_gives_many_files_their_metadata_and_names_bad_rows(tmp_path: Path) -> None:
    (tmp_path / "bbc").mkdir()
    (tmp_path / "bbc" / "index.txt").write_text("Un texte.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("B text.", encoding="utf-8")
    (tmp_path / "b.meta.yaml").write_text("title: From the sidecar\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "path,title,publisher,published,url,language\n"
        "bbc/index.txt,Le titre,BBC,2020-03-01,https://example.org/a,fr\n"
        "b.txt,From the manifest,,2019,,\n"
        "c.txt,Bad date,,some day in March,,\n"
        "missing.txt,Nobody,,,,\n",
        encoding="utf-8",
    )
    warnings, docs = _load(tmp_path)
    index = docs["bbc/index"].meta
    assert (index.title, index.publisher, index.published, index.url, index.language) == (
        "Le titre",
        "BBC",
        "2020-03-01",
        "https://example.org/a",
        "fr",
    )
    assert index.day_first is True  # French numeric dates put the day first
    assert (docs["b"].meta.title, docs["b"].meta.published) == ("From the sidecar", "2019")
    manifest = tmp_path / "metadata.csv"
    assert warnings == [
        f"{manifest}:4: invalid metadata: 'published': 'some day in March' is not a date (use "
        "2020-10-30, 2020-10 or 2020); read without it",
        f"{manifest}:4: no document at 'c.txt'",
        f"{manifest}:5: no document at 'missing.txt'",
    ]


def test_language_is_detected_when_nothing_declares_it(tmp_path: Path) -> None:
    (tmp_path / "de.txt").write_text(
        "Die Bundesregierung hat am Mittwoch beschlossen, die Regeln für das kommende Jahr zu "
        "ändern, wie ein Sprecher in Berlin mitteilte.",
        encoding="utf-8",
    )
    _, docs = _load(tmp_path)
    assert (docs["de"].meta.language, docs["de"].meta.day_first) == ("de", True)


# --------------------------------------------------------------------------- folders and ids


def test_recursive_ids_are_relative_paths_skipping_dot_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("A", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("H", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("X", encoding="utf-8")
    docs = load_corpus(tmp_path)
    assert [(d.id, d.path) for d in docs] == [("b", "b.txt"), ("sub/a", "sub/a.md")]


def test_two_index_pages_in_different_folders_are_two_documents(tmp_path: Path) -> None:
    for folder in ("bbc", "dw"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text(
            PAGE.replace("Second", folder.upper()), encoding="utf-8"
        )
    docs = load_corpus(tmp_path)
    assert [d.id for d in docs] == ["bbc/index", "dw/index"]


def test_one_id_for_two_files_names_both(tmp_path: Path) -> None:
    (tmp_path / "same.txt").write_text("one", encoding="utf-8")
    (tmp_path / "same.md").write_text("two", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path)
    message = str(info.value)
    assert "'same'" in message
    assert str(tmp_path / "same.md") in message and "same.txt" in message


def test_saved_page_folders_are_skipped_and_other_kinds_counted_in_one_line(
    tmp_path: Path,
) -> None:
    (tmp_path / "Story.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "Story_files").mkdir()
    (tmp_path / "Story_files" / "ad-frame.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "Mine_files").mkdir()  # no Mine.html beside it: a folder of the user's
    (tmp_path / "Mine_files" / "note.txt").write_text("A note.", encoding="utf-8")
    for name in ("a.mhtml", "b.mhtml", "c.docx", "d.png", "README"):
        (tmp_path / name).write_bytes(b"x")
    warnings, docs = _load(tmp_path)
    assert sorted(docs) == ["Mine_files/note", "Story"]
    assert warnings == [
        f"{tmp_path}: 5 files of a kind not read, skipped: (no extension) (1), .docx (1), "
        ".mhtml (2), .png (1) (documents are .txt, .md, .html, .htm and .pdf)"
    ]


@settings(max_examples=300)
@given(st.text(alphabet=".aB_ x-", max_size=8))
def test_a_names_suffix_is_the_one_splitext_finds(name: str) -> None:
    assert _suffix(name) == os.path.splitext(name)[1].lower()


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


# --------------------------------------------------------------------------- language


@pytest.mark.parametrize(
    ("declared", "expected"),
    [("en-GB", "en"), ("de_DE", "de"), ("FR", "fr"), ("", None), ("not a code", None)],
)
def test_language_codes_are_read_from_what_a_page_declares(
    declared: str, expected: str | None
) -> None:
    assert language_code(declared) == expected


def test_language_written_by_the_user_wins_over_the_page_and_the_detector(tmp_path: Path) -> None:
    page = PAGE.replace('lang="en-GB"', 'lang="de"')
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "b.html").write_text(page, encoding="utf-8")
    (tmp_path / "b.meta.yaml").write_text("language: en\n", encoding="utf-8")
    _, docs = _load(tmp_path)
    assert (docs["a"].meta.language, docs["a"].meta.day_first) == ("de", True)
    assert (docs["b"].meta.language, docs["b"].meta.day_first) == ("en", False)
