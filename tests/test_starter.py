"""`monitor init`, the config lookup order, the state folder and check-config's database checks."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.config import BUNDLED_CONFIG, find_config, load_config, state_dir
from monitor.seedfiles import SEEDS_PATH
from monitor.storage.db import database_problem


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_init_writes_a_config_and_watchlist_that_check_config_accepts(tmp_path: Path) -> None:
    code, output = invoke("init", str(tmp_path / "conf"))
    assert code == 0, output
    config_path, watchlist = tmp_path / "conf" / "config.toml", tmp_path / "conf" / "watchlist.toml"
    assert "[[entity]]" in watchlist.read_text(encoding="utf-8")
    config = load_config(config_path)
    assert config.watchlist.files == (watchlist,)
    assert config.database.url.endswith("/sanctions-monitor/monitor.db")
    code, output = invoke("--config", str(config_path), "check-config")
    assert (code, output) == (0, f"{config_path}: OK ({len(config.sources)} sources, 0 alerts)\n")


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("# mine\n", encoding="utf-8")
    code, output = invoke("init", str(tmp_path))
    assert code == 1 and "exists already; use --force" in output and "Traceback" not in output
    assert (tmp_path / "config.toml").read_text(encoding="utf-8") == "# mine\n"
    assert not (tmp_path / "watchlist.toml").exists()
    assert invoke("init", "--force", str(tmp_path))[0] == 0


def test_config_is_looked_up_env_then_cwd_then_user_then_bundled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_config() == BUNDLED_CONFIG
    user = Path(os.environ["XDG_CONFIG_HOME"]) / "sanctions-monitor" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text("", encoding="utf-8")
    assert find_config() == user
    (tmp_path / "config.toml").write_text("", encoding="utf-8")
    assert find_config() == Path("config.toml")
    monkeypatch.setenv("MONITOR_CONFIG", str(tmp_path / "elsewhere.toml"))
    assert find_config() == tmp_path / "elsewhere.toml"


def test_the_bundled_config_is_in_the_package_and_its_watchlist_is_a_seed_file() -> None:
    assert BUNDLED_CONFIG.is_file() and BUNDLED_CONFIG.parent == SEEDS_PATH
    assert load_config(BUNDLED_CONFIG).watchlist.files == (SEEDS_PATH / "entities.toml",)


def test_state_folder_under_systemd_and_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert state_dir() == tmp_path / "xdg" / "sanctions-monitor"
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "systemd"))
    assert state_dir() == tmp_path / "systemd"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only files and folders")
def test_read_only_database_and_folder_are_found_before_the_daemon_starts(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        problem = database_problem(f"sqlite:///{folder / 'sub' / 'monitor.db'}")
        assert problem is not None and "cannot be created or written" in problem
    finally:
        folder.chmod(stat.S_IRWXU)
    db = tmp_path / "monitor.db"
    db.write_bytes(b"")
    db.chmod(stat.S_IRUSR)
    problem = database_problem(f"sqlite:///{db}")
    assert problem is not None and "read-only" in problem


def test_check_config_names_every_database_problem_in_one_line_each(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")  # a file where the database folder should be
    watchlist = SEEDS_PATH / "entities.toml"
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "sqlite:///{blocker}/sub/monitor.db"\n'
        f'[watchlist]\nfiles = ["{watchlist}", "missing.toml"]\n',
        encoding="utf-8",
    )
    code, output = invoke("--config", str(path), "check-config")
    lines = output.strip().splitlines()
    assert code == 1 and "Traceback" not in output
    assert any("missing.toml does not exist" in line for line in lines)
    assert any("[database] url" in line and "cannot be created or written" in line for line in lines)


def test_a_missing_driver_is_one_line() -> None:
    problem = database_problem("mysql+nosuchdriver://u@localhost/db")
    assert problem is not None and "\n" not in problem and "Traceback" not in problem
