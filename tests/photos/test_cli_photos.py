"""`fieldapp photos import`: the JSON contract and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from photo_testkit import exif_with, jpeg_bytes, quadrants, write

from fieldapp.cli import main
from fieldapp.store.store import Store

KEYS_OK = {"file", "status", "sha256", "width", "height", "taken_at", "lat", "lon"}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        project = store.create_project("照片测试")
        community = store.create_community(project.id, "幸福里社区")
        store.create_problem(community.id, "楼道堆物", actor="王晓明")
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract_and_exit_code(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exif = exif_with(taken_at="2026-04-12T09:30:15", lat=28.68205, lon=-115.88912)
    upright = write(tmp_path, "a.jpg", jpeg_bytes(quadrants((64, 48)), exif=exif))
    plain = write(tmp_path, "b.jpg", jpeg_bytes(quadrants((30, 20))))
    text = write(tmp_path, "c.jpg", b"just text")
    args = ["photos", "import", "--data-dir", str(data_dir), "--community", "幸福里社区"]
    code, out, _ = run(capsys, *args, "--json", str(upright), str(text), str(plain), str(upright))
    assert code == 1
    entries = json.loads(out)
    assert [e["status"] for e in entries] == ["imported", "error", "imported", "duplicate"]
    assert [e["file"] for e in entries] == [str(upright), str(text), str(plain), str(upright)]
    assert set(entries[0]) == set(entries[2]) == set(entries[3]) == KEYS_OK
    assert set(entries[1]) == {"file", "status", "error"}
    assert "Not a recognised image" in entries[1]["error"] and "不是" in entries[1]["error"]
    assert entries[0] | {"sha256": None} == {
        "file": str(upright),
        "status": "imported",
        "sha256": None,
        "width": 64,
        "height": 48,
        "taken_at": "2026-04-12T09:30:15",
        "lat": 28.68205,
        "lon": -115.88912,
    }
    assert len(entries[0]["sha256"]) == 64 and entries[3]["sha256"] == entries[0]["sha256"]
    assert entries[2]["taken_at"] is None and entries[2]["lat"] is None
    assert entries[2]["lon"] is None
    # All good (duplicates count as good): exit 0.
    code, out, _ = run(capsys, *args, "--json", str(plain))
    assert code == 0 and json.loads(out)[0]["status"] == "duplicate"


def test_folders_problem_link_and_plain_output(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = tmp_path / "DCIM" / "100CAMERA"
    card.mkdir(parents=True)
    for n in range(3):
        write(card, f"IMG_{n}.JPG", jpeg_bytes(quadrants((40 + 8 * n, 30))))
    write(card, "notes.txt", b"not a photo, skipped in a folder")
    write(card, ".hidden.jpg", b"skipped too")
    with Store.open(data_dir) as store:
        (problem,) = store.problems(store.communities()[0].id)
    code, out, err = run(
        capsys,
        *("photos", "import", "--data-dir", str(data_dir), "--community", "幸福里社区"),
        *("--problem", problem.id, str(tmp_path / "DCIM")),
    )
    assert code == 0, err
    assert "imported 3, duplicate 0, failed 0" in out
    with Store.open(data_dir) as store:
        assert len(store.photos(problem_id=problem.id)) == 3


def test_user_errors_exit_1_usage_errors_exit_2(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = str(write(tmp_path, "a.jpg", jpeg_bytes(quadrants())))
    base = ["photos", "import", "--data-dir", str(data_dir)]
    code, _, err = run(capsys, *base, "--community", "没有这个社区", photo)
    assert code == 1 and "没有这个社区" in err
    code, _, err = run(capsys, *base, "--community", "幸福里社区", "--problem", "nope", photo)
    assert code == 1 and "nope" in err
    code, _, err = run(capsys, *base, "--community", "幸福里社区", str(tmp_path / "none.jpg"))
    assert code == 1 and "does not exist" in err
    code, _, err = run(
        capsys, "photos", "import", "--data-dir", str(tmp_path / "empty"), "--community", "x", photo
    )
    assert code == 1 and "fieldapp demo" in err
    with pytest.raises(SystemExit) as info:
        main([*base, photo])
    assert info.value.code == 2


@pytest.mark.parametrize("entry", ["script", "module"])
def test_batch_through_the_real_entry_points(data_dir: Path, tmp_path: Path, entry: str) -> None:
    # Worker processes start with "spawn", which re-imports the program's main module: the
    # installed `fieldapp` script and `python -m fieldapp` must both survive that.
    import shutil
    import subprocess
    import sys

    files = [
        str(write(tmp_path, f"{n}.jpg", jpeg_bytes(quadrants((64 + 8 * n, 48))))) for n in range(4)
    ]
    if entry == "script":
        script = Path(sys.executable).with_name("fieldapp")
        command = [str(script if script.exists() else shutil.which("fieldapp"))]
    else:
        command = [sys.executable, "-m", "fieldapp"]
    args = ["photos", "import", "--data-dir", str(data_dir), "--community", "幸福里社区", "--json"]
    done = subprocess.run(
        [*command, *args, *files], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert [e["status"] for e in json.loads(done.stdout)] == ["imported"] * 4
