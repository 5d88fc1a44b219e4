from __future__ import annotations

from righthelp.core.information_sharing import LawfulBasis, sharing_problems


def test_shared_with_consent() -> None:
    assert sharing_problems(with_consent=True, lawful_basis=LawfulBasis.CONSENT, reason="") == ()


def test_shared_without_consent_needs_a_reason_and_another_basis() -> None:
    problems = sharing_problems(with_consent=False, lawful_basis=LawfulBasis.CONSENT, reason=" ")
    assert [p.field for p in problems] == ["lawful_basis", "reason"]
    assert (
        sharing_problems(
            with_consent=False, lawful_basis=LawfulBasis.PUBLIC_TASK, reason="Risk of harm now."
        )
        == ()
    )


def test_a_lawful_basis_is_always_needed() -> None:
    (problem,) = sharing_problems(with_consent=True, lawful_basis=None, reason="")
    assert problem.message == "Select the lawful basis for sharing"
