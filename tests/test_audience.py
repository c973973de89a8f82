"""Audience folders, inheritance, init, the plan, and template errors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from briefgen.audience import init_audience, list_audiences, load_audience
from briefgen.errors import InputError
from briefgen.model import Brief
from briefgen.plan import build_plan

FIXTURE = Path(__file__).parent / "fixtures" / "sample_brief.json"


def sample() -> Brief:
    return Brief.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


def test_builtin_audiences_listed_without_base():
    names = [name for name, _, _ in list_audiences()]
    assert names == ["analyst", "executive", "press"]
    assert all(desc for _, desc, _ in list_audiences())


def test_unknown_audience_is_input_error_listing_choices():
    with pytest.raises(InputError, match="unknown audience 'generals'.*analyst, executive, press"):
        load_audience("generals")


def test_analyst_plan_has_every_section_with_citations():
    plan = build_plan(sample(), load_audience("analyst"))
    assert [s.id for s in plan.sections] == ["toc", "bluf", "situation", "key_facts", "timeline",
                                             "strikes", "reactions", "key_figures", "sources"]
    assert plan.marking == "UNCLASSIFIED"
    facts = next(s for s in plan.sections if s.id == "key_facts")
    assert facts.items[0].citations[0].label == "S1"
    # Every citation points at an evidence sentence listed under its source.
    anchors = {a for src in plan.sources for a, _ in src.evidence}
    assert all(c.anchor in anchors for s in plan.sections for i in s.items for c in i.citations)
    reactions = next(s for s in plan.sections if s.id == "reactions")
    assert [g.label for g in reactions.groups][:3] == ["Arvenia", "Dravonia", "Kestria"]
    assert [(t.number, t.caption) for t in (s.table for s in plan.sections) if t] == [
        (1, "Sequence of events"), (2, "Weapons launched and intercepted"),
        (3, "Key figures reported in the sources")]


def test_sections_without_data_are_left_out():
    brief = sample().model_copy(update={"strikes": [], "timeline": []})
    plan = build_plan(brief, load_audience("analyst"))
    ids = [s.id for s in plan.sections]
    assert "strikes" not in ids and "timeline" not in ids
    assert "Strike statistics" not in [label for _, label in plan.headings()]
    assert plan.chart_names() == {"reactions"}


def test_press_has_no_marking_and_executive_limits_key_facts():
    assert build_plan(sample(), load_audience("press")).marking == ""
    plan = build_plan(sample(), load_audience("executive"))
    facts = next(s for s in plan.sections if s.id == "key_facts")
    assert 3 <= len(facts.items) <= 5
    assert build_plan(sample(), load_audience("analyst"), marking="TLP:AMBER").marking == "TLP:AMBER"


def test_toml_only_audience_extends_and_reorders(tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "audience.toml").write_text(
        'extends = "analyst"\ndescription = "Desk note"\n'
        'sections = ["strikes", "bluf", {id = "reactions", label = "Who said what"}]\n')
    audience = load_audience("desk", [tmp_path])
    assert audience.chain[1].name == "analyst" and audience.chain[-1].name == "base"
    plan = build_plan(sample(), audience)
    assert [s.label for s in plan.sections] == ["Strike statistics", "Bottom line up front", "Who said what"]
    assert plan.marking == "UNCLASSIFIED"  # inherited
    assert "desk" in [name for name, _, _ in list_audiences([tmp_path])]


def test_user_folder_shadows_builtin_and_may_extend_it(tmp_path):
    folder = tmp_path / "analyst"
    folder.mkdir()
    (folder / "audience.toml").write_text('extends = "analyst"\nmarking = "TLP:GREEN"\n')
    audience = load_audience("analyst", [tmp_path])
    assert audience.folder == folder.resolve()
    assert build_plan(sample(), audience).marking == "TLP:GREEN"
    assert len(audience.sections) == 9  # inherited from the built-in analyst


def test_init_audience_writes_editable_copy(tmp_path):
    target = init_audience("embassy", from_="analyst", dest_dir=tmp_path)
    assert target == tmp_path / "embassy"
    config = tomllib.loads((target / "audience.toml").read_text())
    assert config["extends"] == "base"
    assert [s["id"] for s in config["sections"]][:2] == ["toc", "bluf"]
    assert load_audience("embassy", [tmp_path]).folder == target.resolve()
    with pytest.raises(InputError, match="already exists"):
        init_audience("embassy", dest_dir=tmp_path)


@pytest.mark.parametrize(("toml", "message"), [
    ('colour = "red"\n', "unknown key 'colour'"),
    ('extends = "nowhere"\n', "extends unknown audience 'nowhere'"),
    ('extends = "analyst"\nsections = ["bluf", "weather"]\n', "unknown section 'weather'"),
    ('extends = "analyst"\nsections = [{id = "bluf", lmit = 2}]\n', "unknown key 'lmit'"),
    ("title = \n", "invalid TOML"),
])
def test_bad_manifest_is_one_line_input_error(tmp_path, toml, message):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "audience.toml").write_text(toml)
    with pytest.raises(InputError, match=message) as info:
        load_audience("bad", [tmp_path])
    assert "audience.toml" in str(info.value) and "\n" not in str(info.value)


def _render_html(audience):
    from briefgen.render import render_documents

    return render_documents(sample(), audience.name, ("html",), _options(audience))


def _options(audience):
    from briefgen.render import RenderOptions

    return RenderOptions(template_dirs=[audience.folder.parent])


def test_template_syntax_error_names_file_and_line(tmp_path):
    folder = init_audience("broken", dest_dir=tmp_path)
    (folder / "sections").mkdir()
    (folder / "sections" / "bluf.html.j2").write_text("<section>\n<p>{{ plan.title }</p>\n</section>\n")
    with pytest.raises(InputError, match=r"sections/bluf\.html\.j2:2: template syntax error"):
        _render_html(load_audience("broken", [tmp_path]))


def test_undefined_variable_names_file_and_line(tmp_path):
    folder = init_audience("typo", dest_dir=tmp_path)
    (folder / "title.html.j2").write_text("<header>\n<p>{{ plan.titel }}</p>\n</header>\n")
    with pytest.raises(InputError, match=r"title\.html\.j2:2: .*titel"):
        _render_html(load_audience("typo", [tmp_path]))


DOC = Path(__file__).resolve().parent.parent / "docs" / "templates.md"


def test_template_guide_matches_the_model_and_settings():
    from briefgen.audience import (
        AUDIENCE_DEFAULTS,
        DOC_BEGIN,
        DOC_END,
        SECTION_DEFAULTS,
        SECTION_KINDS,
        template_variables_doc,
    )
    from briefgen.render.docx import CHARACTER_STYLES, PARAGRAPH_STYLES
    from briefgen.render.html import FILTERS

    text = DOC.read_text(encoding="utf-8")
    generated = text.split(DOC_BEGIN, 1)[1].split(DOC_END, 1)[0].strip()
    assert generated == template_variables_doc().strip(), (
        "docs/templates.md is out of date: run "
        "python -c 'from briefgen.audience import write_templates_doc; write_templates_doc()'")
    for key in [*AUDIENCE_DEFAULTS, *SECTION_DEFAULTS, *SECTION_KINDS, *FILTERS]:
        assert f"`{key}`" in text, f"docs/templates.md does not document {key!r}"
    for style in [*PARAGRAPH_STYLES, *CHARACTER_STYLES]:
        assert f"`{style}`" in text or f"`{style}`, " in text, style


def test_cli_templates_list_and_init(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from briefgen.cli import main

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["templates", "init", "embassy", "--from", "press", "--dir", "mine"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mine" / "embassy" / "audience.toml").is_file()
    listing = runner.invoke(main, ["templates", "list", "--templates", "mine"])
    assert listing.exit_code == 0
    assert "embassy" in listing.output and "executive" in listing.output
    again = runner.invoke(main, ["templates", "init", "embassy", "--dir", "mine"])
    assert again.exit_code == 2 and "already exists" in again.output


def test_a_quote_is_attributed_without_saying_anything_twice():
    from briefgen.model import Reaction
    from briefgen.plan import _attribution

    agency = Reaction(party="North Korea", party_code="PRK", speaker="North Korea's news agency KCNA",
                      role="North Korea's news agency KCNA", stance="neutral", statement="…")
    person = Reaction(party="United States", party_code="USA", speaker="Ann Lee",
                      role="State Department spokeswoman", stance="neutral", statement="…")
    assert _attribution(agency) == "North Korea's news agency KCNA"
    assert _attribution(person) == "Ann Lee, State Department spokeswoman, United States"
    analyst = Reaction(party="Other", party_code="OTHER", speaker="Rui Sola",
                       role="professor of security studies", stance="neutral", statement="…")
    assert _attribution(analyst) == "Rui Sola, professor of security studies"


@pytest.mark.parametrize(("role", "line"), [
    ("spokesperson Lt.", "spokesperson, Lt. Omar Dabo"),
    ("Gen.", "Gen. Omar Dabo"),
    ("Deputy Governor", "Deputy Governor, Omar Dabo"),  # "Gov" only as "Gov."
    ("Chadian Maj. Gen.", "Chadian, Maj. Gen. Omar Dabo"),  # a rank of several words moves whole
    ("navy chief Rear Adm.", "navy chief, Rear Adm. Omar Dabo"),
])
def test_a_rank_left_in_the_role_is_printed_with_the_name(role, line):
    from briefgen.model import Reaction
    from briefgen.plan import _attribution, _party_line

    reaction = Reaction(party="Chad", party_code="TCD", speaker="Omar Dabo", role=role,
                        stance="neutral", statement="…")
    assert _party_line(reaction) == line
    if role == "spokesperson Lt.":
        assert _attribution(reaction) == "Lt. Omar Dabo, spokesperson, Chad"


def test_the_strike_table_starts_each_reporter_with_a_capital():
    """The text gives "the Ukrainian air force" mid-sentence and "The defence ministry" at a
    sentence's start; in the table's "Reported by" column both start with a capital."""
    from briefgen.model import StrikeRow

    brief = sample()
    brief.strikes = [StrikeRow(actor="RUS", weapon="drone", launched=40, intercepted=31,
                               reported_by="the Ukrainian air force"),
                     StrikeRow(actor="UKR", weapon="drone", launched=None, intercepted=12,
                               reported_by="The defence ministry in Moscow")]
    plan = build_plan(brief, load_audience("analyst"))
    (table,) = [s.table for s in plan.sections if s.id == "strikes"]
    assert [row[-1] for row in table.rows] == ["The Ukrainian air force", "The defence ministry in Moscow"]
