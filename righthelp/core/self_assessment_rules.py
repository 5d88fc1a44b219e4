"""What an agency's self-assessment must hold before it is submitted.

Every question rated. The tool asks partners to make "sure there is relevant evidence
provided for each area": a rating of good or some evidence is a claim that evidence
exists, so it must say what that evidence is. For no or minimal evidence the evidence
box stays optional (there may be nothing to describe), though an agency may note what
little there is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from righthelp.core.packs.schema import Instrument, Question, Section
from righthelp.core.self_assessment import NO_OR_MINIMAL_GROUP


@dataclass(frozen=True)
class Answer:
    rating: str
    """A scale option id, or "" when not yet rated."""
    evidence: str


@dataclass(frozen=True)
class AnswerProblem:
    section: Section
    question: Question
    message: str


def question_name(question: Question, words: int = 8) -> str:
    """ "1.8 (Is there evidence of multi-agency collaboration to identify ...)": the source
    prints some numbers twice, so a number alone does not name a question."""
    parts = question.text.split()
    text = " ".join(parts[:words]) + (" ..." if len(parts) > words else "")
    return f"{question.number} ({text})"


def evidence_required(instrument: Instrument, rating: str) -> bool:
    option = next((o for o in instrument.scale if o.id == rating), None)
    return option is not None and option.group != NO_OR_MINIMAL_GROUP


def answer_problems(
    instrument: Instrument, answers: Mapping[str, Answer]
) -> tuple[AnswerProblem, ...]:
    """Every problem, in the instrument's order; empty when the answers may be submitted."""
    labels = {option.id: option.label for option in instrument.scale}
    problems = []
    for section in instrument.sections:
        for question in section.questions:
            answer = answers.get(question.id, Answer("", ""))
            if answer.rating not in labels:
                problems.append(
                    AnswerProblem(section, question, f"Rate question {question_name(question)}")
                )
            elif evidence_required(instrument, answer.rating) and not answer.evidence.strip():
                problems.append(
                    AnswerProblem(
                        section,
                        question,
                        f"Give the evidence for question {question_name(question)}: you rated it "
                        f"{labels[answer.rating].lower()}",
                    )
                )
    return tuple(problems)
