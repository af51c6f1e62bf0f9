"""The import reads uploads from disk in pieces: no file is ever held whole in memory, ZIP
members go through temporary files that are removed afterwards, and the kept bytes are the
upload's own, on SQLite and PostgreSQL."""

from __future__ import annotations

import importlib.util
import tempfile
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import Engine

from data_contracts.pipeline import import_files, validate_files
from data_contracts.reading import Unit, read_units
from warehouse.queries import import_blob

REPO = Path(__file__).resolve().parents[2]
EXPORTS = REPO / "sample_data" / "exports"
FACEBOOK = EXPORTS / "facebook" / "Northwind Policy Institute Sep-01-2026_Oct-31-2026.csv"
YOUTUBE = EXPORTS / "youtube" / "Content 2026-08-01_2026-10-31 Northwind Policy Institute.zip"


def _bytes(path: Path) -> bytes:
    with path.open("rb") as source:
        return source.read()


@pytest.fixture
def no_whole_file_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if an upload is read whole through Path.read_bytes/read_text."""
    originals = {"read_bytes": Path.read_bytes, "read_text": Path.read_text}

    def guarded(method: str) -> object:
        def read(self: Path, *args: object, **kwargs: object) -> object:
            if EXPORTS in self.resolve().parents:
                raise AssertionError(f"{self.name} was read whole into memory")
            return originals[method](self, *args, **kwargs)

        return read

    for method in originals:
        monkeypatch.setattr(Path, method, guarded(method))


@pytest.mark.usefixtures("no_whole_file_reads")
@pytest.mark.parametrize("upload", [FACEBOOK, YOUTUBE], ids=["csv", "zip"])
def test_import_streams_the_upload_and_keeps_its_exact_bytes(engine: Engine, upload: Path) -> None:
    [result] = import_files(engine, [upload])
    assert result.status == "loaded", result.problems
    assert result.rows_loaded > 0
    with engine.connect() as conn:
        assert import_blob(conn, result.import_id) == (upload.name, _bytes(upload))


def test_zip_members_are_extracted_to_temporary_files_that_are_removed(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    [result] = import_files(engine, [YOUTUBE])
    assert result.status == "loaded"
    assert list(scratch.iterdir()) == []


def test_zip_member_units_point_at_their_extracted_bytes(tmp_path: Path) -> None:
    units = read_units(YOUTUBE, tmp_path)
    with zipfile.ZipFile(YOUTUBE) as archive:
        for unit in units:
            assert unit.member is not None and unit.member_path is not None
            assert unit.member_path.parent == tmp_path
            assert _bytes(unit.member_path) == archive.read(unit.member)


def test_chunks_are_read_from_the_file_with_their_original_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "\ufeffsep=,\ntitle\nPost ID,Views\n" + "".join(f"{i},{i * 10}\n" for i in range(7))
    )
    [unit] = read_units(path, tmp_path)
    chunks = list(unit.chunks(header_index=2, chunk_rows=3))
    assert [len(c) for c in chunks] == [3, 3, 1]
    assert list(chunks[0].index) == [4, 5, 6]
    assert list(chunks[-1].index) == [10]
    assert chunks[-1].iloc[0].tolist() == ["6", "60"]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_import", REPO / "bench" / "bench_import.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)  # the benchmark's generator: a real-format Meta post export
    return bench


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> int:
    """Chunks of 500 rows, so a file of a few MB is read in many chunks."""
    whole_chunks = Unit.chunks
    monkeypatch.setattr(
        Unit, "chunks", lambda self, header, chunk_rows=0: whole_chunks(self, header, 500)
    )
    return 500


Call = tuple[str, int, int | None]


def _checked_fractions(calls: list[Call], rows: int) -> list[float]:
    """The fractions done / total of the calls, checked to be a real progress: every chunk
    reports an estimate, the fraction never goes down, and the last call is (rows, rows)."""
    assert all(total is not None and total >= done for _, done, total in calls), calls
    fractions = [done / total for _, done, total in calls if total]
    assert fractions == sorted(fractions), fractions
    assert calls[-1][1:] == (rows, rows)
    return fractions


def test_progress_is_the_share_of_the_file_read_after_every_chunk(
    engine: Engine, tmp_path: Path, small_chunks: int
) -> None:
    bench = _bench()
    path = tmp_path / bench.FILE_NAME
    bench.generate(path, 6_000)
    size = path.stat().st_size
    calls: list[Call] = []
    [result] = import_files(
        engine, [path], progress=lambda p, done, total: calls.append((p.name, done, total))
    )
    assert (result.status, result.rows_loaded) == ("loaded", 6_000)
    assert {name for name, _, _ in calls} == {path.name}
    # one call per chunk, then the final one
    assert [done for _, done, _ in calls] == [*range(500, 6_001, 500), 6_000]
    fractions = _checked_fractions(calls, 6_000)
    # the bytes read lead the rows processed by at most the reader's buffer (256 KB per read)
    for (_, done, _), fraction in zip(calls[:-1], fractions, strict=False):
        assert done / 6_000 - 0.01 <= fraction <= done / 6_000 + 2 * 262_144 / size
    assert fractions[0] < 0.25 and len({round(f, 3) for f in fractions}) >= 6


def test_progress_of_a_zip_runs_over_all_its_members(tmp_path: Path, small_chunks: int) -> None:
    bench = _bench()
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    bench.generate(first, 3_000)
    bench.generate(second, 2_000, seed=7)
    upload = tmp_path / "exports.zip"
    with zipfile.ZipFile(upload, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(first, f"2025/{bench.FILE_NAME}")
        archive.write(second, f"2026/{bench.FILE_NAME}")
    calls: list[Call] = []
    [result] = validate_files(
        None, [upload], progress=lambda p, done, total: calls.append((p.name, done, total))
    )
    assert (result.status, result.rows_read) == ("loaded", 5_000), result.problems
    assert {name for name, _, _ in calls} == {"exports.zip"}
    assert [done for _, done, _ in calls] == [*range(500, 5_001, 500), 5_000]
    fractions = _checked_fractions(calls, 5_000)
    share = first.stat().st_size / (first.stat().st_size + second.stat().st_size)
    # the first member's chunks stay within its share of the bytes (up to the rounding of
    # the row estimate), the second member's go past it
    assert fractions[0] < share / 2
    assert all(f <= share + 0.005 for f in fractions[:6]), (share, fractions)
    assert all(share + 0.05 < f for f in fractions[7:]), (share, fractions)


def test_progress_of_a_workbook_moves_sheet_by_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = EXPORTS / "linkedin" / "northwind-policy-institute_content_1793544137531.xls"
    whole_chunks = Unit.chunks
    monkeypatch.setattr(
        Unit, "chunks", lambda self, header, chunk_rows=0: whole_chunks(self, header, 20)
    )
    units = read_units(workbook, tmp_path)
    assert len(units) == 2 and all(u.sheet for u in units)  # two sheets, parsed in memory
    calls: list[Call] = []
    [result] = validate_files(
        None, [workbook], progress=lambda p, done, total: calls.append((p.name, done, total))
    )
    assert result.status == "loaded", result.problems
    # inside the first sheet no share is known yet; from the second on, a fraction that
    # grows with its rows, up to the end
    unknown = [call for call in calls if call[2] is None]
    assert unknown == calls[: len(unknown)] and 0 < len(unknown) < len(calls) - 2
    _checked_fractions(calls[len(unknown) :], result.rows_read)
    fractions = [done / total for _, done, total in calls[len(unknown) : -1] if total]
    assert fractions[0] >= 0.5 and len(set(fractions)) == len(fractions)
