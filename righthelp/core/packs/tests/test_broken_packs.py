"""A broken pack fails to load with the file, the line and the field of each problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from righthelp.core.packs.loader import load_pack
from righthelp.core.packs.problems import PackLoadError, PackProblem

Edit = Callable[[str, str, str], None]


def problems_of(folder: Path) -> list[PackProblem]:
    with pytest.raises(PackLoadError) as caught:
        load_pack(folder)
    return list(caught.value.problems)


def only_problem(folder: Path) -> PackProblem:
    problems = problems_of(folder)
    assert len(problems) == 1, problems
    return problems[0]


def test_the_tiny_pack_loads(tiny_pack: Path) -> None:
    assert load_pack(tiny_pack).id == "tiny"


def test_an_unknown_field(tiny_pack: Path, edit: Edit) -> None:
    edit("outcomes.yaml", "        level: 2\n", "        level: 2\n        levle: 3\n")
    problem = only_problem(tiny_pack)
    assert (problem.file, problem.line, problem.field) == (
        "outcomes.yaml",
        11,
        "outcomes[0].indicators[1].levle",
    )
    assert problem.message == "unknown field"
    assert str(problem) == "outcomes.yaml:11: outcomes[0].indicators[1].levle: unknown field"


def test_a_missing_required_field(tiny_pack: Path, edit: Edit) -> None:
    edit("outcomes.yaml", "        text: Attendance below 95%.\n", "")
    problem = only_problem(tiny_pack)
    assert (problem.file, problem.line, problem.field) == (
        "outcomes.yaml",
        9,
        "outcomes[0].indicators[1].text",
    )
    assert problem.message == "required field is missing"


def test_a_duplicate_id(tiny_pack: Path, edit: Edit) -> None:
    edit("outcomes.yaml", "id: house-02", "id: edu-02")
    problem = only_problem(tiny_pack)
    assert (problem.file, problem.line, problem.field) == (
        "outcomes.yaml",
        22,
        "outcomes[1].indicators[1].id",
    )
    assert "duplicate indicator id 'edu-02'" in problem.message
    assert "outcomes[0].indicators[1].id" in problem.message


def test_a_reference_to_a_missing_service(tiny_pack: Path, edit: Edit) -> None:
    edit("criteria.yaml", "who_can_help: [family-hubs]", "who_can_help: [family-hubs, cafe]")
    problem = only_problem(tiny_pack)
    assert (problem.file, problem.line, problem.field) == (
        "criteria.yaml",
        5,
        "criteria_groups[0].who_can_help[1]",
    )
    assert problem.message == "no service with id 'cafe' in services.yaml"


def test_a_level_outside_the_packs_levels(tiny_pack: Path, edit: Edit) -> None:
    edit(
        "outcomes.yaml",
        "        level: 3\n        text: Attendance",
        "        level: 5\n        text: Attendance",
    )
    problem = only_problem(tiny_pack)
    assert (problem.file, problem.line, problem.field) == (
        "outcomes.yaml",
        13,
        "outcomes[0].indicators[2].level",
    )
    assert problem.message == "level 5 is not one of the pack's levels [1, 2, 3]"


def test_bands_with_a_gap(tiny_pack: Path, edit: Edit) -> None:
    edit("instruments.yaml", "        min: 6\n        max: 8", "        min: 7\n        max: 8")
    problem = only_problem(tiny_pack)
    assert problem.file == "instruments.yaml"
    assert problem.message == "gap: no band covers score 6"
    assert problem.field == "instruments[0].bands[1]"  # the band above the gap: low
    assert problem.line == 15


def test_bands_that_overlap(tiny_pack: Path, edit: Edit) -> None:
    edit("instruments.yaml", "        min: 3\n        max: 5", "        min: 3\n        max: 6")
    problem = only_problem(tiny_pack)
    assert problem.message == "overlap: band 'low' and band 'medium' both cover score 6"
    assert (problem.file, problem.field) == ("instruments.yaml", "instruments[0].bands[1]")


def test_bands_that_stop_short_of_the_range(tiny_pack: Path, edit: Edit) -> None:
    edit("instruments.yaml", "        min: 9\n        max: 10", "        min: 9\n        max: 9")
    problem = only_problem(tiny_pack)
    assert problem.message == "gap: no band covers score 10"


def test_a_count_rule_for_a_missing_band(tiny_pack: Path, edit: Edit) -> None:
    edit("instruments.yaml", "      - band: medium", "      - band: moderate")
    problem = only_problem(tiny_pack)
    assert (problem.line, problem.field) == (34, "instruments[0].count_rules[1].band")


def test_count_rules_that_leave_some_counts_without_a_band(tiny_pack: Path, edit: Edit) -> None:
    edit(
        "instruments.yaml",
        "      - band: universal\n",
        "      - band: universal\n        vulnerabilities_min: 0\n",
    )
    problem = only_problem(tiny_pack)
    assert "last count rule must have no minimums" in problem.message


def test_a_number_where_text_is_expected(tiny_pack: Path, edit: Edit) -> None:
    edit("criteria.yaml", 'id: "9.1"', "id: 9.1")
    problem = only_problem(tiny_pack)
    assert (problem.file, problem.line, problem.field) == (
        "criteria.yaml",
        13,
        "criteria_groups[0].criteria[0].id",
    )
    assert problem.message == "expected text, got the number 9.1: put it in quotes"


def test_a_criterion_under_the_wrong_outcome(tiny_pack: Path, edit: Edit) -> None:
    edit("criteria.yaml", 'id: "9.1"', 'id: "8.1"')
    problem = only_problem(tiny_pack)
    assert problem.message == "criterion 8.1 belongs to outcome 8, but its group is outcome 9"


def test_an_invalid_id(tiny_pack: Path, edit: Edit) -> None:
    edit("services.yaml", "id: youth-club", "id: Youth Club")
    problem = only_problem(tiny_pack)
    assert (problem.file, problem.line, problem.field) == ("services.yaml", 8, "services[1].id")
    assert "is not a valid id" in problem.message


def test_an_unknown_rule_kind(tiny_pack: Path, edit: Edit) -> None:
    edit("rules.yaml", "kind: referral_consent", "kind: referral_consents")
    problem = only_problem(tiny_pack)
    assert (problem.file, problem.line, problem.field) == ("rules.yaml", 2, "rules[0]")
    assert "referral_consent" in problem.message


def test_a_rule_field_inside_a_tagged_union(tiny_pack: Path, edit: Edit) -> None:
    edit("rules.yaml", "before_sending: [consent_confirmed]", "before_sending: [consent_guessed]")
    problem = only_problem(tiny_pack)
    assert problem.field == "rules[0].routes.consent_given.before_sending[0]"
    assert problem.line == 9


def test_a_yaml_syntax_error(tiny_pack: Path, edit: Edit) -> None:
    edit("services.yaml", "    name: Youth club", "    name: [Youth club")
    problem = only_problem(tiny_pack)
    assert problem.file == "services.yaml"
    assert problem.line is not None and problem.line >= 8


def test_a_duplicate_key(tiny_pack: Path, edit: Edit) -> None:
    edit("services.yaml", "    name: Youth club", "    name: Youth club\n    name: Youth centre")
    problem = only_problem(tiny_pack)
    assert (problem.file, problem.line) == ("services.yaml", 10)  # the second "name"
    assert "duplicate key" in problem.message


def test_a_misspelt_file_name(tiny_pack: Path) -> None:
    (tiny_pack / "guidance.yaml").rename(tiny_pack / "guidence.yaml")
    problem = only_problem(tiny_pack)
    assert problem.file == "guidence.yaml"
    assert "unknown pack file" in problem.message


def test_a_folder_without_a_manifest(tiny_pack: Path) -> None:
    (tiny_pack / "pack.yaml").unlink()
    problem = only_problem(tiny_pack)
    assert (problem.file, problem.message) == ("pack.yaml", "is missing: every pack needs one")


def test_every_problem_is_reported_at_once(tiny_pack: Path, edit: Edit) -> None:
    edit("services.yaml", "id: youth-club", "id: Youth Club")
    edit("outcomes.yaml", "        level: 2\n", "        level: 2\n        colour: red\n")
    files = {problem.file for problem in problems_of(tiny_pack)}
    assert files == {"services.yaml", "outcomes.yaml"}


def test_the_error_message_lists_every_problem(tiny_pack: Path, edit: Edit) -> None:
    edit("criteria.yaml", "who_can_help: [family-hubs]", "who_can_help: [cafe]")
    with pytest.raises(PackLoadError) as caught:
        load_pack(tiny_pack)
    assert str(caught.value).endswith(
        "has 1 problem:\n  criteria.yaml:5: criteria_groups[0].who_can_help[0]: "
        "no service with id 'cafe' in services.yaml"
    )


def test_a_sign_off_at_a_level_the_pack_does_not_have(tiny_pack: Path, edit: Edit) -> None:
    edit(
        "pack.yaml",
        "id: tiny\n",
        "id: tiny\nworkflow:\n  manager_signoff_levels: [9]\n  local_practice_note: Ours.\n",
    )
    problem = only_problem(tiny_pack)
    assert (problem.file, problem.field) == ("pack.yaml", "workflow.manager_signoff_levels[0]")
    assert problem.message == "no level 9 in this pack's levels"


def test_an_approval_without_approvers(tiny_pack: Path, edit: Edit) -> None:
    edit(
        "rules.yaml",
        "before_sending: [reason_not_sought, manager_approval]",
        "before_sending: [reason_not_sought, approval]",
    )
    problem = only_problem(tiny_pack)
    assert problem.field == "rules[0].routes.consent_not_sought.approvers"
    assert problem.message == "say who may give the approval (approvers)"


def test_undue_delay_waiving_what_the_route_does_not_require(tiny_pack: Path, edit: Edit) -> None:
    edit(
        "rules.yaml",
        "before_sending: [reason_not_sought, manager_approval]",
        "before_sending: [reason_not_sought, manager_approval]\n"
        "        undue_delay:\n"
        "          waives: [approval]\n",
    )
    problem = only_problem(tiny_pack)
    assert problem.field == "rules[0].routes.consent_not_sought.undue_delay.waives[0]"
    assert problem.line == 13
    assert "approval is not required before sending" in problem.message
