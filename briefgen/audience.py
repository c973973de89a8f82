"""Audiences: which sections a brief has, in which order, with which templates and styles.

An audience is a folder `<name>/` holding an `audience.toml`, optional Jinja templates
(`brief.html.j2`, `sections/<id>.html.j2`), a `style.css` and an optional `reference.docx`.
Like an mkdocs theme, a folder may `extends` a parent: lookup goes user template folders
first, then the built-ins, then the parents, so a user's audience can override one file or
just reorder sections in its `audience.toml`.

`plan.build_plan(brief, audience)` fills an audience's sections from a brief. This module
reads only TOML files and folders: checking an audience needs neither the facts model nor
the charts.
"""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .resources import templates_dir

MANIFEST = "audience.toml"
DEFAULT_AUDIENCE = "analyst"

# Every section kind the writers know, with its default heading.
SECTION_KINDS: dict[str, str] = {
    "toc": "Contents",
    "lead": "",
    "bluf": "Bottom line up front",
    "situation": "Situation",
    "key_facts": "Key facts",
    "timeline": "Timeline",
    "strikes": "Strike statistics",
    "reactions": "Reactions by country",
    "key_figures": "Key figures",
    "quotes": "What they said",
    "sources": "Sources",
}
# Keys a `[[sections]]` entry may carry, with their defaults.
SECTION_DEFAULTS: dict[str, Any] = {
    "label": None,  # heading; "" = no heading
    "limit": 0,  # max items, 0 = all
    "chart": True,  # strikes / reactions / timeline: draw the chart
    "table": True,  # strikes / timeline / key_figures: show the table
    "style": "full",  # reactions: full | lines ; sources: full | compact
    "citations": True,  # show [S1] citations after items
}
# Top-level `audience.toml` keys, with their defaults (documented in docs/templates.md).
AUDIENCE_DEFAULTS: dict[str, Any] = {
    "extends": None,
    "description": "",
    "title": "{title}",
    "subtitle": "{audience_label} · {date}",
    "label": None,
    "marking": "",
    "page_size": "A4",
    "accent": "#1F4E79",
    "logo": "",
    "max_pages": 0,
    "text_limit": 0,
    "docx_table_style": "Light List Accent 1",
    "sections": [],
}


@dataclass
class Audience:
    name: str
    folder: Path
    chain: list[Path]  # this folder first, then its parents: the template search path
    config: dict[str, Any]
    sections: list[dict[str, Any]]

    @property
    def description(self) -> str:
        return str(self.config.get("description") or "")

    @property
    def label(self) -> str:
        return str(self.config.get("label") or self.name.replace("-", " ").replace("_", " ").title())

    def find(self, relative: str) -> Path | None:
        """A file in the audience chain (child first), e.g. `reference.docx` or `style.css`."""
        for folder in self.chain:
            candidate = folder / relative
            if candidate.is_file():
                return candidate
        return None

    def stylesheets(self) -> list[Path]:
        """Every `style.css` in the chain, parent first, so a child's rules win."""
        return [f / "style.css" for f in reversed(self.chain) if (f / "style.css").is_file()]


def search_path(template_dirs: list[Path] | tuple[Path, ...] | Any = ()) -> list[Path]:
    return [Path(d) for d in template_dirs] + [templates_dir()]


def _locate(name: str, dirs: list[Path], skip: set[Path]) -> Path | None:
    for root in dirs:
        folder = (root / name).resolve()
        if folder not in skip and (folder / MANIFEST).is_file():
            return folder
    return None


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: invalid TOML ({exc})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    unknown = set(data) - set(AUDIENCE_DEFAULTS) - {"name"}
    if unknown:
        raise InputError(f"{path}: unknown key {sorted(unknown)[0]!r} "
                         f"(known: {', '.join(sorted(AUDIENCE_DEFAULTS))})")
    return data


def _normalise_sections(raw: Any, path: Path, inherited: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`sections` entries are ids ("bluf") or tables ({id = "bluf", limit = 3}); an entry
    inherits the options of the parent's entry with the same id."""
    if not isinstance(raw, list):
        raise InputError(f"{path}: 'sections' must be a list")
    parent = {s["id"]: s for s in inherited}
    result = []
    for entry in raw:
        spec = {"id": entry} if isinstance(entry, str) else dict(entry) if isinstance(entry, dict) else None
        if spec is None or "id" not in spec:
            raise InputError(f"{path}: each section needs an id, got {entry!r}")
        if spec["id"] not in SECTION_KINDS:
            raise InputError(f"{path}: unknown section {spec['id']!r} "
                             f"(known: {', '.join(SECTION_KINDS)})")
        unknown = set(spec) - set(SECTION_DEFAULTS) - {"id"}
        if unknown:
            raise InputError(f"{path}: section {spec['id']!r} has unknown key {sorted(unknown)[0]!r}")
        merged = {**SECTION_DEFAULTS, **parent.get(spec["id"], {}), **spec}
        if merged["label"] is None:
            merged["label"] = SECTION_KINDS[spec["id"]]
        result.append(merged)
    return result


def load_audience(name: str, template_dirs: Any = ()) -> Audience:
    """Find audience `name` (user folders first) and resolve its `extends` chain."""
    dirs = search_path(template_dirs)
    folder = _locate(name, dirs, set())
    if folder is None:
        known = ", ".join(n for n, _, _ in list_audiences(template_dirs)) or "none"
        raise InputError(f"unknown audience {name!r} (available: {known})")
    chain: list[Path] = []
    manifests: list[dict[str, Any]] = []
    current: Path | None = folder
    while current is not None:
        chain.append(current)
        data = _read_manifest(current)
        manifests.append(data)
        parent = data.get("extends")
        if not parent:
            break
        # A user folder may extend the built-in audience of the same name: skip folders
        # already in the chain so `analyst` extending `analyst` finds the next one.
        current = _locate(str(parent), dirs, set(chain))
        if current is None:
            raise InputError(f"{chain[-1] / MANIFEST}: extends unknown audience {parent!r}")
        if len(chain) > 20:
            raise InputError(f"{folder / MANIFEST}: 'extends' chain is too deep (a cycle?)")
    config: dict[str, Any] = dict(AUDIENCE_DEFAULTS)
    sections: list[dict[str, Any]] = []
    for data, source in zip(reversed(manifests), reversed(chain), strict=True):
        config.update({k: v for k, v in data.items() if k != "sections"})
        if "sections" in data:
            sections = _normalise_sections(data["sections"], source / MANIFEST, sections)
    config["description"] = manifests[0].get("description", "")
    return Audience(name=name, folder=folder, chain=chain, config=config, sections=sections)


def list_audiences(template_dirs: Any = ()) -> list[tuple[str, str, Path]]:
    """(name, description, folder) of every usable audience; user folders shadow built-ins.
    `base` is the shared parent, not an audience of its own."""
    seen: dict[str, tuple[str, str, Path]] = {}
    for root in search_path(template_dirs):
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            if folder.name in seen or folder.name == "base" or not (folder / MANIFEST).is_file():
                continue
            try:
                description = str(_read_manifest(folder).get("description", ""))
            except InputError:
                description = "(invalid audience.toml)"
            seen[folder.name] = (folder.name, description, folder)
    return sorted(seen.values())


def init_audience(name: str, from_: str = DEFAULT_AUDIENCE, dest_dir: Path = Path("templates-custom"),
                  template_dirs: Any = ()) -> Path:
    """Copy audience `from_` to `dest_dir/name` as a starting point to edit.

    The copy gets the parent's own files plus an `audience.toml` with every inherited setting
    written out, so the user sees the whole configuration in one place. It keeps `extends` of
    the source's parent, so base templates still resolve.
    """
    if not name or "/" in name or name.startswith("."):
        raise InputError(f"invalid audience name {name!r}")
    source = load_audience(from_, template_dirs)
    target = Path(dest_dir) / name
    if target.exists():
        raise InputError(f"{target}: already exists")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source.folder, target)
    config = dict(source.config)
    config["description"] = f"Custom audience based on {from_}"
    config["label"] = config.get("label") or source.label
    config["extends"] = _read_manifest(source.folder).get("extends")
    (target / MANIFEST).write_text(_dump_toml(config, source.sections), encoding="utf-8")
    return target


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _dump_toml(config: dict[str, Any], sections: list[dict[str, Any]]) -> str:
    lines = ["# Audience settings; every key is described in docs/templates.md."]
    for key in AUDIENCE_DEFAULTS:
        if key == "sections":
            continue
        value = config.get(key)
        if value is None:
            continue
        lines.append(f"{key} = {_toml_value(value)}")
    for section in sections:
        lines += ["", "[[sections]]", f"id = {_toml_value(section['id'])}"]
        for key, default in SECTION_DEFAULTS.items():
            if section.get(key) != default or key == "label":
                lines.append(f"{key} = {_toml_value(section[key])}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- docs


def _schema_type(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "enum" in prop:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    if "anyOf" in prop:
        return " or ".join(_schema_type(p) for p in prop["anyOf"])
    if prop.get("type") == "array":
        return f"list of {_schema_type(prop.get('items', {}))}"
    kind = str(prop.get("type", "any"))
    return f"{kind} ({prop['format']})" if "format" in prop else kind


def template_variables_doc() -> str:
    """The `brief` variable reference for docs/templates.md, generated from the facts model's
    JSON Schema so the guide cannot drift from `briefgen/model.py` (a test compares them)."""
    from .model import Brief

    schema = Brief.model_json_schema(by_alias=False)
    defs = schema.get("$defs", {})
    lines: list[str] = []

    def table(title: str, props: dict[str, Any], prefix: str) -> None:
        lines.extend([f"#### {title}", "", "| Variable | Type | Meaning |", "|---|---|---|"])
        for name, prop in props.items():
            meaning = str(prop.get("description", "")).replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{prefix}{name}` | {_schema_type(prop)} | {meaning} |")
        lines.append("")

    table("Brief (`brief`)", schema["properties"], "brief.")
    for name in sorted(defs):
        table(name, defs[name].get("properties", {}), "")
    return "\n".join(lines).rstrip() + "\n"


DOC_BEGIN = "<!-- BEGIN GENERATED: brief variables (template_variables_doc) -->"
DOC_END = "<!-- END GENERATED -->"


def write_templates_doc(path: Path | None = None) -> Path:
    """Refresh the generated part of docs/templates.md (source checkout only)."""
    path = path or Path(__file__).resolve().parent.parent / "docs" / "templates.md"
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(DOC_BEGIN)
    _, _, tail = rest.partition(DOC_END)
    path.write_text(f"{head}{DOC_BEGIN}\n\n{template_variables_doc()}\n{DOC_END}{tail}", encoding="utf-8")
    return path
