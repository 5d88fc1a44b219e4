"""`righthelp dashboards recount`: an operator counts the dashboards' tallies again after
rows were changed round the services (ADR 0054)."""

from __future__ import annotations

import pytest

from righthelp.cli import main
from righthelp.conftest import Cast
from righthelp.dashboards.models import FamilyTally
from righthelp.dashboards.tests.test_casework_figures import casework  # noqa: F401
from righthelp.dashboards.tests.test_kept_tallies import _assert_tallies_agree


def test_recount_puts_tallies_left_behind_by_a_fix_in_the_shell_right(
    casework: tuple[Cast, object],  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    cast, _ = casework
    # Someone "fixed" the figures by hand: the dashboard would now show nonsense.
    FamilyTally.objects.update(families=999)
    with pytest.raises(AssertionError):
        _assert_tallies_agree(cast)

    assert main(["dashboards", "recount", "--partnership", cast.dana.partnership.slug]) == 0  # type: ignore[union-attr]

    _assert_tallies_agree(cast)
    assert "Counted the dashboards' tallies again for" in capsys.readouterr().out


@pytest.mark.django_db
def test_recount_names_a_partnership_it_does_not_know(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dashboards", "recount", "--partnership", "nowhere"]) == 2
    assert "no partnership with the slug 'nowhere'" in capsys.readouterr().err
