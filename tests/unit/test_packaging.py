"""An installed copy carries every module and resource, and finds its resources where it is.

Building a real wheel needs the network (pip fetches the build backend) and a minute with its
dependencies, so .ci/run does that (packaging/check_wheel.sh); these tests check the build's
configuration against the tree, and the run-time lookup in each layout, in a second or two.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

from lkoe_desktop import paths

ROOT = Path(__file__).resolve().parents[2]
# Kept in the repository but not shipped: the README's pictures and the catalogues' sources.
NOT_SHIPPED = ("resources/screenshots/*", "*.po")


def _setuptools() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        config: dict[str, object] = tomllib.load(file)["tool"]["setuptools"]
    return config


def _folders() -> dict[str, str]:
    """Package name → its folder, relative to the repository, as the build maps them."""
    mapping = _setuptools()["package-dir"]
    assert isinstance(mapping, dict)
    return {"lkoe_desktop": "lkoe_desktop", **mapping}


def _package_of(folder: Path) -> str:
    relative = folder.relative_to(ROOT).as_posix()
    for package, root in _folders().items():
        if relative == root or relative.startswith(root + "/"):
            return package + relative.removeprefix(root).replace("/", ".")
    raise AssertionError(f"{relative} is in no package")


def _tree() -> list[Path]:
    """Every file of the program and its resources in the checkout, caches left out."""
    found: list[Path] = []
    for root in _folders().values():
        found += [
            path
            for path in (ROOT / root).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        ]
    return found


def _shipped(path: Path) -> bool:
    relative = path.relative_to(ROOT).as_posix()
    return not any(fnmatch(relative, pattern) for pattern in NOT_SHIPPED)


def test_every_folder_with_modules_or_resources_is_a_listed_package() -> None:
    listed = _setuptools()["packages"]
    assert isinstance(listed, list)
    folders = {path.parent for path in _tree() if _shipped(path)}
    assert sorted(listed) == sorted(map(_package_of, folders))


def test_every_resource_ships_and_the_sources_of_the_catalogues_do_not() -> None:
    package_data = _setuptools()["package-data"]
    assert isinstance(package_data, dict)

    def matched(path: Path) -> bool:
        patterns = package_data.get(_package_of(path.parent), [])
        return any(fnmatch(path.name, pattern) for pattern in patterns)

    data = [path for path in _tree() if path.suffix != ".py"]
    assert [path for path in data if _shipped(path) and not matched(path)] == []
    assert [path for path in data if not _shipped(path) and matched(path)] == []
    names = {path.name for path in data if _shipped(path)}
    assert {"DejaVuSans.ttf", "LICENSE-DejaVu.txt", "lkoe_desktop.mo"} <= names


def test_a_checkout_finds_the_top_level_resources() -> None:
    assert paths.resource_dir() == ROOT / "resources"


def test_a_frozen_build_finds_its_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with monkeypatch.context() as frozen:
        frozen.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
        assert paths.resource_dir() == tmp_path / "resources"


def test_an_installed_copy_finds_the_resources_inside_the_package(tmp_path: Path) -> None:
    """The layout the wheel installs: resources/ inside the package, no checkout around it."""
    site = tmp_path / "site-packages"
    shutil.copytree(
        ROOT / "lkoe_desktop", site / "lkoe_desktop", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(ROOT / "resources", site / "lkoe_desktop" / "resources")
    (tmp_path / "elsewhere").mkdir()
    code = (
        "from lkoe_desktop.paths import resource_dir; from lkoe_desktop.domain import i18n; "
        "i18n.set_language('sv'); print(resource_dir()); print(i18n.gettext('Cannot save'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path / "elsewhere",
        env={"PYTHONPATH": str(site), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(site / "lkoe_desktop" / "resources"), "Kan inte spara"]
