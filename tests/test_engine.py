"""Where extraction runs (timeline.engine): a real Dask cluster on loopback — one scheduler
and two workers started here — gives the JSON a local build gives."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from timeline import copies, engine, pipeline
from timeline.cli import cli
from timeline.copies import band_keys, signature, signature_key
from timeline.engine import Engine, EngineError
from timeline.link import Linker
from timeline.merge import Merged
from timeline.merge_stage import stored_signatures
from timeline.models import Document, DocumentMeta
from timeline.read import language
from timeline.relink import Linking, LinkPlan
from timeline.snapshot import KeptMerge, word_heads
from timeline.store import Store, code_digest

ROOT = Path(__file__).parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    dask = Path(sys.executable).parent / "dask"
    address = f"tcp://127.0.0.1:{free_port()}"
    port = address.rsplit(":", 1)[1]
    worker = [str(dask), "worker", address, "--nworkers", "1", "--nthreads", "1"]
    commands = [
        [str(dask), "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
        *[[*worker, "--no-dashboard", "--host", "127.0.0.1"]] * 2,
    ]
    services = [
        subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        for c in commands
    ]
    try:
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for service in reversed(services):
            service.terminate()
        for service in services:
            try:
                service.wait(timeout=20)
            except subprocess.TimeoutExpired:
                service.kill()
                service.wait()


@pytest.mark.slow
def test_a_dask_cluster_gives_the_json_of_a_local_build(
    scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = pipeline.build_timeline(ROOT / "corpus", ROOT / "events.yaml")
    monkeypatch.setattr(engine, "BATCH_CHARS", 1)  # one document per task: both workers busy
    remote = pipeline.build_timeline(
        ROOT / "corpus", ROOT / "events.yaml", engine=Engine("dask", scheduler=scheduler)
    )
    assert remote.model_dump_json(indent=2) == local.model_dump_json(indent=2)


@pytest.mark.slow
def test_build_engine_dask_from_the_command_line(scheduler: str, tmp_path: Path) -> None:
    runner = CliRunner()
    common = ["--corpus", str(ROOT / "corpus"), "--events", str(ROOT / "events.yaml")]
    common += ["--no-cache", "-o", str(tmp_path / "t.html")]
    args = ["build", *common, "--engine", "dask", "--scheduler", scheduler]
    remote = runner.invoke(cli, [*args, "--json", str(tmp_path / "dask.json")])
    assert remote.exit_code == 0, remote.output
    local = runner.invoke(cli, ["build", *common, "--json", str(tmp_path / "local.json")])
    assert local.exit_code == 0, local.output
    assert (tmp_path / "dask.json").read_bytes() == (tmp_path / "local.json").read_bytes()


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    with pytest.raises(
        EngineError, match=r"^cannot reach the Dask scheduler at tcp://127\.0\.0\.1"
    ):
        list(
            engine.run_extract(
                [(_document("text"), "key")],
                Engine("dask", scheduler=f"tcp://127.0.0.1:{free_port()}"),
                _linking(),
            )
        )


@pytest.mark.parametrize(
    "options,message",
    [
        (["--engine", "dask"], "Error: --engine dask needs --scheduler tcp://HOST:PORT\n"),
        (["--scheduler", "tcp://127.0.0.1:1"], "Error: --scheduler needs --engine dask\n"),
    ],
)
def test_engine_options_that_do_not_go_together(options: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["build", "--no-cache", *options])
    assert result.exit_code == 1 and result.stderr == message


def test_jobs_one_runs_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "POOL_THRESHOLD", 0)

    def no_pool(*_a: object, **_k: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(engine, "_run_pool", no_pool)
    doc = _document("On 3 May 2019 the party met.", published="2020-01-01")
    [work] = engine.run_extract([(doc, "key")], Engine(jobs=1), _linking())
    assert [row[4] for row in work.extraction["timexes"]] == ["2019-05-03"]
    assert [sentence[:2] for sentence in work.skeleton["u"]] == [[0, 28]]  # linked there too
    assert work.signature == signature(doc)
    bands = " ".join(band_keys(signature(doc)))
    assert work.traits == (signature_key(doc), bands, word_heads(doc.text))


def _document(text: str, published: str | None = None) -> Document:
    return Document(
        id="d", path="d.txt", sha256="0" * 64, text=text, meta=DocumentMeta(published=published)
    )


def _linking() -> Linking:
    return LinkPlan(Store(None), [], Linker([])).linking


def _seed_json(**kw: object) -> str:
    timeline = pipeline.build_timeline(ROOT / "corpus", ROOT / "events.yaml", **kw)  # type: ignore[arg-type]
    return timeline.model_dump_json(indent=2)


def _recording_pid(pids: Path, call: Callable[..., Any]) -> Callable[..., Any]:
    """``call``, appending the id of the process that runs it to the file ``pids`` first."""

    def recorded(*args: Any, **kwargs: Any) -> Any:
        with pids.open("a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        return call(*args, **kwargs)

    return recorded


def test_the_workers_read_and_extract_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file is read (its language detected) and extracted in a worker process, with
    the JSON of a build in this process."""
    alone = _seed_json(engine=Engine(jobs=1))
    pids = tmp_path / "pids"
    monkeypatch.setattr(engine, "POOL_THRESHOLD", 0)
    monkeypatch.setattr(engine, "BATCH_CHARS", 1)  # one file per task: both workers busy
    monkeypatch.setattr(engine, "read_job", _recording_pid(pids, engine.read_job))
    assert _seed_json(engine=Engine(jobs=2)) == alone
    readers = set(pids.read_text(encoding="utf-8").split())
    assert len(pids.read_text(encoding="utf-8").split()) == 4  # the four seed articles
    assert str(os.getpid()) not in readers
    assert language._detector.cache_info().currsize == 0  # let go of once they were forked


def test_the_workers_link_the_documents_they_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build on a pool links every document in the worker that read it, and gives
    the JSON of a build in this process."""
    alone = _seed_json(engine=Engine(jobs=1))
    pids = tmp_path / "pids"
    monkeypatch.setattr(engine, "POOL_THRESHOLD", 0)
    monkeypatch.setattr(Linker, "link_document", _recording_pid(pids, Linker.link_document))
    assert _seed_json(engine=Engine(jobs=2), cache_dir=tmp_path / "store") == alone
    linkers = pids.read_text(encoding="utf-8").split()
    assert len(linkers) == 4 and str(os.getpid()) not in linkers


def test_a_worker_does_not_extract_what_the_store_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file read again (its read memo gone) whose extraction is stored is not extracted."""
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    first = pipeline.build_timeline(corpus, ROOT / "events.yaml", cache_dir=tmp_path / "store")
    for path in corpus.rglob("*"):
        os.utime(path, None)  # a new modification time: the read memo no longer applies

    def no_extraction(*_a: object) -> None:
        raise AssertionError("a stored extraction was computed again")

    monkeypatch.setattr(engine, "extract_json", no_extraction)
    again = pipeline.build_timeline(
        corpus, ROOT / "events.yaml", cache_dir=tmp_path / "store", engine=Engine(jobs=1)
    )
    assert again == first


def test_a_pool_over_memoised_files_loads_no_model_before_forking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When every file is as the read memo holds it, the workers start without the grammar
    and the language detector loaded for them (they load them only if they turn out to need
    them), and the result is the same."""
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    monkeypatch.setattr(engine, "POOL_THRESHOLD", 0)
    two = Engine(jobs=2)
    store = tmp_path / "store"
    first = pipeline.build_timeline(corpus, ROOT / "events.yaml", cache_dir=store, engine=two)
    loaded: list[str] = []
    monkeypatch.setattr(engine, "load_tagger", lambda: loaded.append("tagger"))
    monkeypatch.setattr(engine, "load_detector", lambda: loaded.append("detector"))
    again = pipeline.build_timeline(corpus, ROOT / "events.yaml", cache_dir=store, engine=two)
    assert again == first
    assert loaded == []
    (corpus / "new.txt").write_text("On 3 March 2020 the party met.\n", encoding="utf-8")
    pipeline.build_timeline(corpus, ROOT / "events.yaml", cache_dir=store, engine=two)
    assert loaded == ["tagger", "detector"]


def test_traits_made_in_this_process_leave_every_signature_stored(tmp_path: Path) -> None:
    """A build whose workers made the traits of some documents only makes the others' from
    the stored signatures, and the store still holds every document's signature."""
    docs = [
        Document(id=name, path=f"{name}.txt", sha256="0" * 64, text=f"The {name} story was told.")
        for name in ("a", "b", "c")
    ]
    store = Store(tmp_path)
    signatures = stored_signatures(store, docs)
    worked = {"a": engine.traits(docs[0], signatures["a"])}
    built = pipeline.Result([], docs, Merged([], [], [], 0), None, worked)
    made = pipeline.traits_of(built, KeptMerge(), store)
    assert made == {doc.id: engine.traits(doc, signatures[doc.id]) for doc in docs}
    kept = store.keys(copies.STAGE, code_digest(copies.__name__))
    assert kept == {signature_key(doc) for doc in docs}
