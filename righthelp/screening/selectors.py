"""Reads for screening and intelligence pages: finished data for the templates, in the
wording of the pack each screening was made with, a fixed number of queries however many
screenings there are."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from righthelp.core.directory import services_mentioned
from righthelp.core.exploitation_bands import CountBand, SeenCounts, band_for_counts, screen
from righthelp.core.exploitation_followup import (
    Direction,
    Trend,
    bands_need_safety_plan,
    is_serious,
    needs_safety_plan,
    risk_rank,
    screening_instrument,
    trend,
)
from righthelp.core.intelligence import WhereToSend, where_to_send
from righthelp.core.pack_set import PackSet, ServiceEntry
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.schema import (
    Band,
    Instrument,
    SafetyPlan,
    SafetyPlanSection,
    ScreenAgain,
)
from righthelp.core.worklist import is_overdue
from righthelp.families.models import Family, MemberKind, Person
from righthelp.partnerships.selectors import pack_set_for
from righthelp.screening.models import IntelligenceSubmission, Screening
from righthelp.screening.models import SafetyPlan as SavedPlan
from righthelp.screening.services import (
    instrument_of,
    pack_of,
    screen_again_default,
    screen_again_setting_of,
)
from righthelp.ui.charts import ScoreChart, score_chart

# Tag colours from the least risky band to the most.
RISK_TAGS = ("govuk-tag--green", "govuk-tag--yellow", "govuk-tag--orange", "govuk-tag--red")


@dataclass(frozen=True)
class BandView:
    band: Band
    rank: int
    serious: bool

    @property
    def tag_class(self) -> str:
        return RISK_TAGS[min(self.rank, len(RISK_TAGS) - 1)]


def _count_reading(instrument: Instrument, screening: Screening) -> str | None:
    counts = SeenCounts(
        screening.vulnerabilities, screening.risk_indicators, screening.significant_risk_indicators
    )
    return band_for_counts(instrument, counts).reading


def band_view(instrument: Instrument, band_id: str) -> BandView:
    band = next(band for band in instrument.bands if band.id == band_id)
    return BandView(band, risk_rank(instrument, band_id), is_serious(instrument, band_id))


# --- when to screen again ---------------------------------------------------------------


@dataclass(frozen=True)
class ScreenAgainView:
    """A screening's "screen again by" date, with the partnership's setting it came from (or
    the practitioner's reason for another date). ``superseded`` when a later screening of the
    same young person has its own date."""

    on: dt.date
    setting: ScreenAgain | None
    setting_date: dt.date | None
    reason: str
    overdue: bool
    superseded: bool

    @property
    def is_setting(self) -> bool:
        return self.on == self.setting_date


def screen_again_view(
    screening: Screening, *, superseded: bool, today: dt.date
) -> ScreenAgainView | None:
    if screening.screen_again_by is None:
        return None
    return ScreenAgainView(
        on=screening.screen_again_by,
        setting=screen_again_setting_of(pack_of(screening)),
        setting_date=screen_again_default(screening),
        reason=screening.screen_again_reason,
        overdue=not superseded and is_overdue(screening.screen_again_by, today),
        superseded=superseded,
    )


# --- the list of screenings, with each young person's trend -----------------------------


@dataclass(frozen=True)
class ScreeningRow:
    screening: Screening
    score_band: BandView
    count_band: BandView
    plan_status: str | None
    """"draft", "complete", "not started" when a plan is called for; None when it is not."""
    direction: Direction
    count_reading: str | None = None
    """The label of the count rule that gave the band from what was seen, when it is the
    partnership's reading rather than the guide's words."""


@dataclass(frozen=True)
class PersonScreenings:
    person: Person
    rows: tuple[ScreeningRow, ...]
    """Newest first."""
    trend: Trend | None
    chart: ScoreChart | None
    screen_again: ScreenAgainView | None = None
    """When the latest screening says to screen this young person again."""

    @property
    def latest(self) -> ScreeningRow | None:
        return self.rows[0] if self.rows else None


@dataclass(frozen=True)
class ScreeningsPage:
    people: tuple[PersonScreenings, ...]
    """Every child in the family, screened or not."""
    instrument: Instrument | None
    pack: Pack | None

    @property
    def count(self) -> int:
        return sum(len(p.rows) for p in self.people)


def _plan_status(screening: Screening, instrument: Instrument) -> str | None:
    if not needs_safety_plan(instrument, screening.score_band, screening.count_band):
        return None
    plan = getattr(screening, "safety_plan", None)
    return plan.status if plan is not None else "not started"


def _person_screenings(
    person: Person, screenings: list[Screening], current: Instrument | None
) -> PersonScreenings:
    ordered = sorted(screenings, key=lambda s: (s.screened_on, s.recorded_at))
    instruments = [instrument_of(s) for s in ordered]
    # The direction of the tool: the latest screening's instrument says which way is safer.
    reference = instruments[-1] if instruments else current
    history = (
        trend(
            reference,
            [(s.screened_on, s.score, s.score_band, s.count_band) for s in ordered],
        )
        if reference is not None and ordered
        else None
    )
    rows = [
        ScreeningRow(
            screening=s,
            score_band=band_view(instrument, s.score_band),
            count_band=band_view(instrument, s.count_band),
            plan_status=_plan_status(s, instrument),
            direction=point.direction,
            count_reading=_count_reading(instrument, s),
        )
        for s, instrument, point in zip(
            ordered, instruments, history.points if history else (), strict=False
        )
    ]
    chart = None
    if history is not None and reference is not None and reference.score is not None:
        chart = score_chart(
            [(point.on, point.score) for point in history.points],
            low=reference.score.min,
            high=reference.score.max,
            higher_is_safer=history.higher_is_safer,
            bands=[(band.min, band.max, band.name) for band in reference.bands],
        )
    again = (
        screen_again_view(ordered[-1], superseded=False, today=timezone.localdate())
        if ordered
        else None
    )
    return PersonScreenings(person, tuple(reversed(rows)), history, chart, again)


def screenings_page(family: Family) -> ScreeningsPage:
    found = screening_instrument(pack_set_for(family.partnership))
    children = list(family.members.filter(kind=MemberKind.CHILD))
    by_person: dict[object, list[Screening]] = defaultdict(list)
    for screening in Screening.objects.filter(family=family).select_related(
        "screened_by", "safety_plan"
    ):
        by_person[screening.person_id].append(screening)
    instrument = found.instrument if found else None
    return ScreeningsPage(
        people=tuple(
            _person_screenings(child, by_person.get(child.pk, []), instrument) for child in children
        ),
        instrument=instrument,
        pack=found.pack if found else None,
    )


# --- one screening: its result and what it calls for -------------------------------------


@dataclass(frozen=True)
class ScreeningResult:
    screening: Screening
    pack: Pack
    instrument: Instrument
    score_band: BandView
    count_band: BandView
    count_rule: CountBand
    """The count rule that gave the band from the counts: its ``because`` says why."""
    needs_plan: bool
    next_step_contacts: dict[str, tuple[ServiceEntry, ...]]
    """Band id -> the services whose numbers and addresses its next step gives."""
    history: PersonScreenings
    steps_contacts: tuple[ServiceEntry, ...] = ()
    """The services whose numbers the screening steps for any concern give."""
    screen_again: ScreenAgainView | None = None

    @property
    def serious(self) -> bool:
        return self.score_band.serious or self.count_band.serious

    @property
    def bands(self) -> tuple[BandView, ...]:
        """The band from the score, then the band from the counts when it differs."""
        if self.screening.bands_disagree:
            return (self.score_band, self.count_band)
        return (self.score_band,)

    @property
    def plan(self) -> SafetyPlan | None:
        return self.instrument.safety_plan

    @property
    def saved_plan(self) -> SavedPlan | None:
        return getattr(self.screening, "safety_plan", None)

    @property
    def plan_texts(self) -> tuple[PlanText, ...]:
        """The plan's sections in the pack's order with what was written in each."""
        saved, plan = self.saved_plan, self.plan
        if saved is None or plan is None:
            return ()
        return plan_texts(plan, saved)


@dataclass(frozen=True)
class PlanText:
    section: SafetyPlanSection
    text: str
    safe_adult: str | None
    """For the section that asks about a safe adult: who it is ("" if no one yet)."""


def plan_texts(plan: SafetyPlan, saved: SavedPlan) -> tuple[PlanText, ...]:
    return tuple(
        PlanText(
            section=section,
            text=str(saved.sections.get(section.id, "")),
            safe_adult=saved.safe_adult if section.asks_about_safe_adult else None,
        )
        for section in plan.sections
    )


def _pack_set_with(pack: Pack, current: PackSet) -> PackSet:
    """The pack as the record used it, beside the partnership's other packs as they are now."""
    return PackSet((pack, *(p for p in current.packs if p.id != pack.id)))


def screening_result(screening: Screening) -> ScreeningResult:
    pack = pack_of(screening)
    instrument = instrument_of(screening)
    packs = _pack_set_with(pack, pack_set_for(screening.family.partnership))
    counts = SeenCounts(
        screening.vulnerabilities,
        screening.risk_indicators,
        screening.significant_risk_indicators,
    )
    score_band = band_view(instrument, screening.score_band)
    count_band = band_view(instrument, screening.count_band)
    others = list(
        Screening.objects.filter(family=screening.family, person=screening.person).select_related(
            "safety_plan"
        )
    )
    history = _person_screenings(screening.person, others, instrument)
    return ScreeningResult(
        screening=screening,
        pack=pack,
        instrument=instrument,
        score_band=score_band,
        count_band=count_band,
        count_rule=band_for_counts(instrument, counts),
        needs_plan=needs_safety_plan(instrument, screening.score_band, screening.count_band),
        next_step_contacts={
            view.band.id: services_mentioned(packs, pack.id, view.band.next_step)
            for view in (score_band, count_band)
            if view.band.next_step
        },
        history=history,
        screen_again=screen_again_view(
            screening,
            superseded=history.latest is not None and history.latest.screening.pk != screening.pk,
            today=timezone.localdate(),
        ),
        steps_contacts=services_mentioned(packs, pack.id, instrument.screening_steps)
        if instrument.screening_steps
        else (),
    )


# --- intelligence ------------------------------------------------------------------------


def intelligence_for(family: Family) -> list[IntelligenceSubmission]:
    return list(
        IntelligenceSubmission.objects.filter(family=family).select_related("created_by", "sent_by")
    )


def where_to_send_for(family: Family) -> WhereToSend | None:
    return where_to_send(pack_set_for(family.partnership))


# --- a screening before it is recorded ------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    """What the bands will be, shown before the practitioner records their decision."""

    instrument: Instrument
    score_band: BandView
    count_band: BandView
    count_rule: CountBand
    disagree: bool
    needs_plan: bool

    @property
    def serious(self) -> bool:
        return self.score_band.serious or self.count_band.serious


def preview(instrument: Instrument, score: int, counts: SeenCounts) -> Preview:
    bands = screen(instrument, score, counts)
    return Preview(
        instrument=instrument,
        score_band=band_view(instrument, bands.score_band.id),
        count_band=band_view(instrument, bands.count_band.band.id),
        count_rule=bands.count_band,
        disagree=bands.disagree,
        needs_plan=bands_need_safety_plan(instrument, bands),
    )
