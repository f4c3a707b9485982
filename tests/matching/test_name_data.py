"""monitor/matching/name_data.py: seed tables of name knowledge load, validate and reset."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.errors import SeedError
from monitor.matching import name_data


@pytest.fixture
def names_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of seeds/names/ that a test may break; caches are cleared before and after."""
    copy = tmp_path / "seeds" / "names"
    shutil.copytree(name_data.NAMES_PATH, copy)
    monkeypatch.setattr(name_data, "NAMES_PATH", copy)
    name_data.reset_caches()
    yield copy
    name_data.reset_caches()


def test_the_shipped_tables_load() -> None:
    endings = name_data.endings_by_language()
    assert {"en", "ru", "uk", "be", "pl", "lt", "lv", "et", "de", "kk"} <= set(endings)
    assert endings["ru"].script == "cyrillic" and "ом" in endings["ru"].oblique
    assert name_data.phonetic_passes()[0][0][0] == "shch"  # longest pattern first
    assert ("k", "c") in name_data.alternations()
    assert "OAO" in name_data.legal_forms()
    assert "BY" in name_data.country_extras()


def test_a_bad_script_names_the_file(names_dir: Path) -> None:
    (names_dir / "endings" / "xx.toml").write_text('script = "greek"\noblique = ["a"]\n', encoding="utf-8")
    with pytest.raises(SeedError, match=r"seeds/names/endings/xx\.toml: script is 'greek'"):
        name_data.endings_by_language()


def test_an_empty_ending_names_its_place(names_dir: Path) -> None:
    (names_dir / "endings" / "xx.toml").write_text('script = "latin"\noblique = ["a", ""]\n', encoding="utf-8")
    with pytest.raises(SeedError, match=r"xx\.toml: oblique\[1\]: expected a non-empty string"):
        name_data.endings_by_language()


def test_broken_toml_is_a_seed_error(names_dir: Path) -> None:
    (names_dir / "legal_forms.toml").write_text("forms = [", encoding="utf-8")
    with pytest.raises(SeedError, match=r"legal_forms\.toml: cannot read"):
        name_data.legal_forms()


def test_a_bad_alternation_pair(names_dir: Path) -> None:
    (names_dir / "alternations.toml").write_text('alternations = [["k"]]\n', encoding="utf-8")
    with pytest.raises(SeedError, match=r"alternations\[0\]: expected a pair"):
        name_data.alternations()


def test_word_parts_and_optional_phrases_load() -> None:
    assert ("нефт", "нафт") in name_data.word_parts()
    assert "the Republic of" in name_data.optional_phrases()


def test_a_bad_word_part_group_names_its_place(names_dir: Path) -> None:
    (names_dir / "word_parts.toml").write_text('groups = [["нефт", "нафт"], ["x", 3]]\n', encoding="utf-8")
    with pytest.raises(SeedError, match=r"word_parts\.toml: groups\[1\]\[1\]: expected a non-empty string"):
        name_data.word_parts()


def test_reset_caches_reads_edited_files_again(names_dir: Path) -> None:
    assert "OAO" in name_data.legal_forms()
    (names_dir / "legal_forms.toml").write_text('forms = ["GmbH"]\n', encoding="utf-8")
    assert "OAO" in name_data.legal_forms()  # still cached
    name_data.reset_caches()
    assert name_data.legal_forms() == ("GmbH",)


def test_given_names_and_naming_customs_load() -> None:
    groups = name_data.given_name_groups()
    assert any("Dymitr" in group and "Дзмітрый" in group for group in groups)
    customs = name_data.naming_customs()
    assert customs.surname_letters >= 4 and "VE" in customs.two_surnames_countries
    assert name_data.person_context()[2] == groups


def test_a_bad_given_name_group_names_its_place(names_dir: Path) -> None:
    (names_dir / "given_names.toml").write_text(
        'groups = [["Ivan"], ["Jan", 3]]\n[customs]\nsurname_letters = 5\n', encoding="utf-8"
    )
    with pytest.raises(SeedError, match=r"given_names\.toml: groups\[1\]\[1\]: expected a non-empty string"):
        name_data.given_name_groups()


def test_a_bad_custom_is_one_line(names_dir: Path) -> None:
    (names_dir / "given_names.toml").write_text(
        'groups = [["Ivan"]]\n[customs]\nsurname_letters = "five"\n', encoding="utf-8"
    )
    with pytest.raises(SeedError, match=r"customs: surname_letters must be a positive integer, got 'five'$"):
        name_data.naming_customs()


def test_lowercase_names_reject_an_unknown_script(names_dir: Path) -> None:
    (names_dir / "lowercase.toml").write_text('scripts = ["greek"]\nmin_letters = 5\n', encoding="utf-8")
    with pytest.raises(SeedError, match=r"lowercase\.toml: scripts has 'greek'"):
        name_data.lowercase_names()


def test_transliteration_systems_load_and_a_bad_reading_is_one_line(names_dir: Path) -> None:
    systems = {s.name: s for s in name_data.transliterations()}
    assert ("s", ("s", "z")) in systems["german"].read and systems["lacinka"].vowels_any
    (names_dir / "transliteration.toml").write_text("[german]\nread = { s = 3 }\n", encoding="utf-8")
    name_data.reset_caches()
    with pytest.raises(SeedError, match=r"transliteration\.toml: \[german\]: read\.s must be a string or a list"):
        name_data.transliterations()


def test_a_bad_shared_surname_limit_is_one_line(names_dir: Path) -> None:
    (names_dir / "given_names.toml").write_text(
        'groups = [["Ivan"]]\n[customs]\nsurname_letters = 4\nshared_surname_persons = 0\n', encoding="utf-8"
    )
    with pytest.raises(SeedError, match=r"customs: shared_surname_persons must be a positive integer, got 0$"):
        name_data.naming_customs()
