"""Settings: command-line options > environment (BRIEFGEN_*) > briefgen.toml > defaults.

The config file is `briefgen.toml` in the working directory, or the file given with
`--config`. Top-level keys set defaults for generate/render; the `[smtp]` table is read by
the email delivery.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import InputError

CONFIG_NAME = "briefgen.toml"
FORMATS = ("pdf", "docx", "html", "json")


@dataclass
class Settings:
    audience: str = "analyst"
    formats: tuple[str, ...] = ("pdf", "docx")
    out: Path = Path("output")
    author: str | None = None
    organisation: str | None = None
    marking: str | None = None
    templates: tuple[Path, ...] = ()
    pdf_variant: str | None = None
    max_source_mb: float = 10.0
    timeout: float = 15.0
    smtp: dict[str, Any] = field(default_factory=dict)

    def render_kwargs(self) -> dict[str, Any]:
        """The arguments `api.render` takes from these settings."""
        return dict(audience=self.audience, formats=self.formats, out_dir=self.out,
                    author=self.author, organisation=self.organisation, marking=self.marking,
                    pdf_variant=self.pdf_variant, templates=self.templates)

    def merged(self, **options: Any) -> Settings:
        """A copy with every option that was actually given (not None / empty) applied."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for key, value in options.items():
            if value is None or value == ():
                continue
            values[key] = _coerce(key, value, "option")
        return Settings(**values)


def parse_formats(value: str | list[str] | tuple[str, ...], where: str = "--format") -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else list(value)
    formats = tuple(dict.fromkeys(item.strip().lower() for item in items if item.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError(f"{where}: unknown format {', '.join(unknown) or '(none)'}; "
                         f"choose from {', '.join(FORMATS)}")
    return formats


def _coerce(key: str, value: Any, where: str) -> Any:
    try:
        if key == "formats":
            return parse_formats(value, where)
        if key == "out":
            return Path(value)
        if key == "templates":
            items = [value] if isinstance(value, str | Path) else list(value)
            return tuple(Path(v) for v in items)
        if key in {"max_source_mb", "timeout"}:
            number = float(value)
            if number <= 0:
                raise ValueError
            return number
        if key == "smtp":
            if not isinstance(value, dict):
                raise ValueError
            return dict(value)
        if not isinstance(value, str):
            raise ValueError
        return value
    except (TypeError, ValueError):
        raise InputError(f"{where}: invalid value for {key}: {value!r}") from None


ENV_KEYS = {
    "audience": "BRIEFGEN_AUDIENCE", "formats": "BRIEFGEN_FORMATS", "out": "BRIEFGEN_OUT",
    "author": "BRIEFGEN_AUTHOR", "organisation": "BRIEFGEN_ORGANISATION",
    "marking": "BRIEFGEN_MARKING", "templates": "BRIEFGEN_TEMPLATES",
    "pdf_variant": "BRIEFGEN_PDF_VARIANT", "max_source_mb": "BRIEFGEN_MAX_SOURCE_MB",
    "timeout": "BRIEFGEN_TIMEOUT",
}
FILE_KEYS = {f.name for f in fields(Settings)} | {"format", "organization", "output"}
_FILE_ALIASES = {"format": "formats", "organization": "organisation", "output": "out"}


def load_settings(config_path: Path | None = None, env: dict[str, str] | None = None,
                  cwd: Path | None = None) -> Settings:
    env = os.environ if env is None else env
    settings = Settings()
    path = config_path
    if path is None:
        candidate = (cwd or Path.cwd()) / CONFIG_NAME
        path = candidate if candidate.is_file() else None
    if path is not None:
        settings = _apply_file(settings, Path(path))
    values = {}
    for key, variable in ENV_KEYS.items():
        if env.get(variable):
            value: Any = env[variable]
            if key == "templates":
                value = [v for v in value.split(os.pathsep) if v]
            values[key] = _coerce(key, value, variable)
    return settings.merged(**values)


def _apply_file(settings: Settings, path: Path) -> Settings:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: config file not found") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read config ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: invalid TOML ({exc})") from None
    values = {}
    base = path.parent
    for key, value in data.items():
        if key not in FILE_KEYS:
            raise InputError(f"{path}: unknown setting '{key}' (known: {', '.join(sorted(FILE_KEYS))})")
        name = _FILE_ALIASES.get(key, key)
        value = _coerce(name, value, f"{path}")
        if name in {"out"}:
            value = base / value
        if name == "templates":
            value = tuple(base / v for v in value)
        values[name] = value
    return settings.merged(**values)
