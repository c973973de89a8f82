"""Settings precedence: options > environment > briefgen.toml > defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.config import Settings, load_settings
from briefgen.errors import InputError


def test_defaults(tmp_path):
    settings = load_settings(None, env={}, cwd=tmp_path)
    assert settings.audience == "analyst"
    assert settings.formats == ("pdf", "docx")
    assert settings.out == Path("output")


def test_file_then_env_then_options(tmp_path):
    (tmp_path / "briefgen.toml").write_text(
        'audience = "press"\nformats = ["pdf"]\nauthor = "Desk A"\nmarking = "TLP:GREEN"\n'
        'out = "briefs"\n[smtp]\nhost = "mail.test"\n', encoding="utf-8")
    from_file = load_settings(None, env={}, cwd=tmp_path)
    assert (from_file.audience, from_file.formats, from_file.author) == ("press", ("pdf",), "Desk A")
    assert from_file.out == tmp_path / "briefs"
    assert from_file.smtp == {"host": "mail.test"}

    env = {"BRIEFGEN_AUDIENCE": "executive", "BRIEFGEN_FORMATS": "docx,json"}
    from_env = load_settings(None, env=env, cwd=tmp_path)
    assert from_env.audience == "executive"
    assert from_env.formats == ("docx", "json")
    assert from_env.marking == "TLP:GREEN"  # not overridden, file value kept

    final = from_env.merged(audience="analyst", formats=None)
    assert final.audience == "analyst"
    assert final.formats == ("docx", "json")


def test_explicit_config_file(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text('organisation = "Embassy desk"\n', encoding="utf-8")
    assert load_settings(path, env={}, cwd=tmp_path).organisation == "Embassy desk"


@pytest.mark.parametrize("content, message", [
    ('audience = "press"\nfoo = 1\n', "unknown setting 'foo'"),
    ("audience = ", "invalid TOML"),
    ('formats = ["pdf", "odt"]\n', "unknown format odt"),
])
def test_bad_config_named(tmp_path, content, message):
    path = tmp_path / "briefgen.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_settings(None, env={}, cwd=tmp_path)


def test_bad_option_value():
    with pytest.raises(InputError, match="unknown format"):
        Settings().merged(formats="pdf,exe")
