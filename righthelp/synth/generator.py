"""A synthetic caseload: families, people, assessments with findings from the partnership's
pack, chronology, plans, referrals, screenings and audit events, spread over teams and years.

Deterministic: the same seed, the same day (``today``) and the same starting database give
the same rows, ids included, however many worker processes make them. Levels come from the
product's own rule (``core.need_level.level_of_need``) and screening bands from
``core.exploitation_bands``; each family's kept level columns are set as
``assessments.family_level.family_level_refresh`` would set them. Rows are written in bulk:
PostgreSQL ``COPY`` text made straight from the generated values (psycopg 3), or
``bulk_create`` on SQLite. Never for a live installation: invented people only. How it is
made fast: docs/adr/0046-synth-speed.md and docs/adr/0060-synth-history-linked-alongside.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import hmac
import json
import math
import multiprocessing
import operator
import os
import random
import re
import tempfile
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from typing import Any, BinaryIO

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from righthelp.accounts.models import Role, User
from righthelp.assessments.models import Assessment, IndicatorFinding, Status
from righthelp.audit.chain_key import chain_key
from righthelp.audit.models import Action, AuditEvent
from righthelp.audit.services import chain_tail
from righthelp.chronology.models import ChronologyEntry, EntryKind, Significance
from righthelp.core.audit_chain import GENESIS, HISTORY_RECORD_TYPE, ChainEvent, link_hash
from righthelp.core.exploitation_bands import SeenCounts, screen
from righthelp.core.need_level import level_of_need
from righthelp.core.outcome_bits import outcome_bits
from righthelp.core.pack_set import PackSet
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.schema import ConsentRoute, ReferralRoute
from righthelp.dashboards.tallies import tallies_rebuild
from righthelp.families.models import Family, FamilyWorker, Person, Relationship
from righthelp.partnerships.models import Agency, Partnership, Team
from righthelp.partnerships.selectors import pack_set_for
from righthelp.plans.models import ActionStatus, FamilyPlan, PlanAction, PlanCriterion
from righthelp.referrals.models import Referral, ReferralStatus
from righthelp.screening.models import Screening
from righthelp.synth import names

NULL = "\\N"
HISTORY_CHUNK = 50_000
"""Audit events linked and written at a time once the history is made (in memory)."""
WHEN = operator.itemgetter(slice(0, 29))
"""A history line's sort key (``history_line``): ``["`` and its time, which sorts as the
times do (``_stamp``: always 27 characters)."""
COPY_CHUNK = 8 << 20
"""Bytes of linked history handed to ``COPY`` at a time."""
AUDIT_COLUMNS = [
    "at",
    "actor_id",
    "action",
    "record_type",
    "record_id",
    "family_id",
    "detail",
    "hash",
]
CASELOAD = 100
"""Families per practitioner: the generator adds practitioners so no one holds more."""
TEAM_SIZE = 8
BATCH = 500
"""Families generated and written per round, each round from its own random generator."""
DEFER_INDEXES_FROM = 2_000
"""Fewest families a run adds before it drops and rebuilds indexes (see ``synthesise``)."""

ORDER: tuple[type[models.Model], ...] = (
    Family,
    Family.agencies.through,
    Person,
    Relationship,
    FamilyWorker,
    Assessment,
    IndicatorFinding,
    ChronologyEntry,
    FamilyPlan,
    PlanCriterion,
    PlanAction,
    Referral,
    Screening,
    AuditEvent,
)

NOTES = (
    "Home visit: spoke with parent about school attendance.",
    "Telephone call with school: attendance improving this half term.",
    "Team around the family meeting held; actions agreed.",
    "Parent attended parenting group session.",
    "GP letter received about a health appointment.",
    "Missed appointment; visit rearranged.",
    "Housing officer contacted about repairs.",
    "Child seen at school by the family support worker.",
)
WHY = (
    "The family asked for help with routines and school attendance.",
    "Support with housing and money worries.",
    "Help with the young person's behaviour at home.",
)


@dataclass
class Progress:
    """A one-line progress bar on a terminal (any writer of text)."""

    total: int
    write: Callable[[str], object]
    started: float = field(default_factory=time.monotonic)

    def show(self, done: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        width = 30
        filled = int(width * done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        self.write(
            f"\r[{bar}] {done:,}/{self.total:,} families, {done / elapsed:,.0f}/s"
            + ("\n" if done >= self.total else "")
        )


@dataclass(frozen=True)
class SynthResult:
    families: int
    rows: int
    seconds: float
    rebuild_seconds: float = 0.0
    """Of ``seconds``, the time spent building again what a large run dropped."""
    phases: tuple[tuple[str, float], ...] = ()
    """Each step of the run and its seconds, in order (``righthelp synth`` prints them)."""

    @property
    def families_per_second(self) -> float:
        return self.families / self.seconds if self.seconds else float("inf")


@dataclass
class _Phases:
    """The seconds each step of a run takes, in order: where a large run's time goes."""

    laps: list[tuple[str, float]] = field(default_factory=list)
    mark: float = field(default_factory=time.monotonic)

    def lap(self, name: str) -> float:
        """End the step called ``name`` now; its seconds."""
        now = time.monotonic()
        self.laps.append((name, now - self.mark))
        self.mark = now
        return self.laps[-1][1]


class _Table:
    """One model's columns, and the defaults of the columns a row leaves out."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        pk = model._meta.pk
        auto = pk.attname if isinstance(pk, models.AutoField | models.BigAutoField) else None
        # The columns written: all but an auto-incremented key, which the database numbers.
        self.fields = [f for f in model._meta.concrete_fields if f.attname != auto]
        self.columns = [f.column for f in self.fields]
        self.names = [f.attname for f in self.fields]
        self.index = {name: i for i, name in enumerate(self.names)}
        self.json_at = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        defaults: list[Any] = []
        self.dynamic: list[tuple[int, models.Field[Any, Any]]] = []
        for i, f in enumerate(self.fields):
            if callable(f.default):
                self.dynamic.append((i, f))
                defaults.append(None)
            elif f.has_default():
                defaults.append(f.get_default())
            elif f.null:
                defaults.append(None)
            else:
                defaults.append("")
        self.defaults = tuple(defaults)
        # A JSON column whose default is a new empty dict or list has the same text in
        # every row; other callable defaults (a clock, a random id) are called per row.
        constant = {i: f.default() for i, f in self.dynamic if f.default in (dict, list)}
        self.dynamic_text = [(i, f) for i, f in self.dynamic if i not in constant]
        self.default_text = tuple(
            json.dumps(constant.get(i, value)) if i in self.json_at else copy_text(value)
            for i, value in enumerate(self.defaults)
        )
        self.json_names = frozenset(self.names[i] for i in self.json_at)

    def line(self, row: dict[str, Any]) -> str:
        """The row as one line of ``COPY ... FROM STDIN`` text, defaults filled in."""
        out = list(self.default_text)
        index, json_names = self.index, self.json_names
        convert = _CONVERT.get
        for name, value in row.items():
            kind = type(value)
            if kind is str and name not in json_names:  # most values: inline, no call
                out[index[name]] = (
                    value
                    if value.isprintable() and "\\" not in value
                    else value.translate(_ESCAPES)
                )
            elif name in json_names:
                out[index[name]] = json.dumps(value).translate(_ESCAPES)
            else:
                out[index[name]] = (convert(kind) or _converter(kind))(value)
        for i, f in self.dynamic_text:
            if self.names[i] not in row:
                value = f.get_default()
                out[i] = json.dumps(value) if i in self.json_at else copy_text(value)
        return "\t".join(out)

    def values(self, row: dict[str, Any]) -> list[Any]:
        """The row's values in column order, defaults filled in."""
        out = list(self.defaults)
        index = self.index
        for name, value in row.items():
            out[index[name]] = value
        for i, f in self.dynamic:
            if self.names[i] not in row:
                out[i] = f.get_default()
        return out


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_UNSAFE = re.compile(r"[\\\t\n\r]").search


def _str_text(value: str) -> str:
    return value.translate(_ESCAPES) if _UNSAFE(value) else value


def copy_text(value: Any) -> str:
    """A value as PostgreSQL's ``COPY`` text format writes it (``\\N`` for null)."""
    kind = type(value)
    if value is None:
        return "\\N"
    if kind is str:
        return _str_text(value)
    if kind is int or kind is uuid.UUID:
        return str(value)
    if kind is bool:
        return "t" if value else "f"
    if kind is dt.datetime or kind is dt.date:
        return value.isoformat()  # type: ignore[no-any-return]
    # Choices (str or int enums) and anything else: its text.
    return str(value.value if hasattr(value, "value") else value).translate(_ESCAPES)


_CONVERT: dict[type, Callable[[Any], str]] = {
    # The common kinds of value, looked up by exact type (``copy_text`` for the rest).
    str: _str_text,
    int: str,
    type(None): lambda _: "\\N",
    dt.datetime: dt.datetime.isoformat,
    dt.date: dt.date.isoformat,
    bool: lambda value: "t" if value else "f",
}


def _converter(kind: type) -> Callable[[Any], str]:
    """How values of ``kind`` are written, kept in ``_CONVERT`` for the next: a choice
    (an enum) by its value's text, anything else by ``copy_text``."""
    convert: Callable[[Any], str] = copy_text
    if issubclass(kind, enum.Enum):

        def convert(value: Any) -> str:
            return _str_text(str(value.value))

    _CONVERT[kind] = convert
    return convert


class Sink:
    """Rows gathered per model, written in dependency order; and the run's audit events,
    kept aside (``stage``) until the whole history is made, then linked into the chain in
    date order (``history``)."""

    def __init__(self) -> None:
        self.tables = {model: _Table(model) for model in ORDER}
        self.rows: dict[type[models.Model], list[list[Any]]] = {m: [] for m in ORDER}
        self.written = 0
        self.staged = 0
        self.kept: list[AuditParts] = []

    def stage(self, events: list[AuditParts]) -> None:
        """Keep ``events`` (unlinked) until the run's history is complete."""
        self.kept.extend(events)
        self.staged += len(events)

    def history(self) -> Iterator[list[AuditParts]]:
        """Every staged event, in date order (ties in the order made), in chunks."""
        kept, self.kept = self.kept, []
        kept.sort(key=lambda event: event[0])  # stable: ties stay in the order made
        for start in range(0, len(kept), HISTORY_CHUNK):
            yield kept[start : start + HISTORY_CHUNK]

    def write_history(self, linked: list[tuple[AuditParts, str]]) -> None:
        """Write linked events (each with its hash) to the audit log, in the order given."""
        for (at, actor_id, action, record_type, record, family_id), hash_ in linked:
            self.add(
                AuditEvent,
                at=dt.datetime.fromisoformat(at),
                actor_id=actor_id,
                action=action,
                record_type=record_type,
                record_id=record,
                family_id=family_id,
                hash=hash_,
            )
        self.flush()
        self.finish()

    def link_history(self, ctx: _Context) -> None:
        """Link every staged event into the chain after ``ctx.chain``, in date order, and
        write it to the audit log."""
        for events in self.history():
            self.write_history(_link(ctx, events))

    def build(self, statements: list[str]) -> None:
        """Run ``statements`` (keys and indexes built again) before any write after this."""
        _build_indexes(statements)

    def add(self, model: type[models.Model], **row: Any) -> None:
        self.rows[model].append(self.tables[model].values(row))

    def flush(self) -> None:
        batch = [(self.tables[model], self.rows[model]) for model in ORDER if self.rows[model]]
        self.rows = {m: [] for m in ORDER}
        self.written += sum(len(rows) for _, rows in batch)
        self._write(batch)

    def finish(self) -> None:
        """Wait for everything handed to ``flush`` to be written."""

    def close(self) -> None:
        """Wait for the writes, and stop writing."""
        self.finish()

    def _write(self, batch: list[tuple[_Table, list[list[Any]]]]) -> None:
        raise NotImplementedError


class TextSink(Sink):
    """Rows made straight into lines of PostgreSQL's ``COPY`` text format (no model
    instances, no per-value adaptation in the driver), gathered per model; in a worker
    process too (``_worker_batch``), which hands them over as one text per model."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[type[models.Model], list[str]] = {m: [] for m in ORDER}

    def add(self, model: type[models.Model], **row: Any) -> None:
        self.lines[model].append(self.tables[model].line(row))
        self.written += 1

    def extend(self, model: type[models.Model], count: int, text: str) -> None:
        """Add ``count`` rows made elsewhere: their lines joined by newlines."""
        self.lines[model].append(text)
        self.written += count

    def take(self) -> list[tuple[int, int, str]]:
        """The rows gathered, per model (its place in ``ORDER``, rows, text), emptied."""
        taken = [
            (i, len(lines), "\n".join(lines))
            for i, lines in enumerate(self.lines.values())
            if lines
        ]
        self.lines = {m: [] for m in ORDER}
        return taken


def history_line(event: AuditParts) -> str:
    """An unlinked audit event as one line: its canonical content (``_content``: what its
    link hashes after the previous hash), a tab, then its audit log columns as ``COPY`` text
    up to its hash. Made by the worker processes, so the serial pass that links the
    history in date order only hashes and joins. Every part is plain text made by the
    generator (ids, choices, dates): no tab, no escape."""
    at, actor_id, action, record_type, record, family_id = event
    return (
        f"{_content(event)}\t{at}\t{actor_id or NULL}\t{action}\t{record_type}\t{record}\t"
        f"{family_id or NULL}\t{{}}"
    )


def history_months(events: list[AuditParts]) -> list[tuple[str, bytes]]:
    """``events`` as history lines (``history_line``), by the month they are dated in
    (``YYYY-MM``): each month's lines in the order made, each ending in a newline."""
    months: dict[str, list[str]] = {}
    for event in events:
        months.setdefault(event[0][:7], []).append(history_line(event))
    return [(month, ("\n".join(lines) + "\n").encode()) for month, lines in months.items()]


class CopySink(TextSink):
    """PostgreSQL: ``COPY ... FROM STDIN`` through psycopg 3, on the same connection and
    transaction, in a writer thread: the next batch is generated while this one is
    written (one batch at a time, in order). The batches' audit events wait in files, one a
    month of the history they tell (``stage_months``), until the whole history is made;
    then each month is sorted and linked here, in date order, while the writer thread
    builds keys and indexes and writes the months linked before it (``link_history``)."""

    def __init__(self) -> None:
        super().__init__()
        connection.ensure_connection()
        self.raw = connection.connection
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="synth-copy")
        self.pending: list[Future[None]] = []
        self.spool = tempfile.TemporaryDirectory(prefix="righthelp-synth-")
        self.months: dict[str, BinaryIO] = {}
        self.build_seconds = 0.0

    def stage(self, events: list[AuditParts]) -> None:
        self.stage_months(len(events), history_months(events))

    def stage_months(self, count: int, months: list[tuple[str, bytes]]) -> None:
        """Stage ``count`` events made elsewhere as ``history_months``: appended to their
        months' files, so each month keeps its events in the order made."""
        for month, text in months:
            spool = self.months.get(month)
            if spool is None:
                spool = open(os.path.join(self.spool.name, month), "ab")  # noqa: SIM115
                self.months[month] = spool
            spool.write(text)
        self.staged += count

    def flush(self) -> None:
        batch = [(self.tables[model], self.lines[model]) for model in ORDER if self.lines[model]]
        self.lines = {m: [] for m in ORDER}
        self.finish()
        self.pending.append(self.pool.submit(self._copy, batch))

    def build(self, statements: list[str]) -> None:
        """Queue ``statements`` on the writer thread: the history is linked meanwhile."""
        if statements:
            self.pending.append(self.pool.submit(self._build, statements))

    def link_history(self, ctx: _Context) -> None:
        """Each month of history in turn: read back, sorted by time (stable: ties in the
        order made, as they were staged), linked (``_link_lines``) into a file the writer
        thread copies to the audit log while the next month is linked."""
        for month in sorted(self.months):
            self.months.pop(month).close()
            path = os.path.join(self.spool.name, month)
            with open(path, "rb") as spool:
                lines = spool.read().split(b"\n")
            os.remove(path)
            lines.pop()  # the empty string after the last newline
            lines.sort(key=WHEN)
            with open(f"{path}.linked", "wb") as linked:
                linked.write(_link_lines(ctx, lines))
            self.written += len(lines)
            self.pending.append(self.pool.submit(self._copy_history, f"{path}.linked"))

    @property
    def _history_copy(self) -> str:
        table = self.tables[AuditEvent]
        if table.names != AUDIT_COLUMNS:
            raise RuntimeError(f"the audit log's columns are now {table.names}: see history_line")
        columns = ", ".join(f'"{column}"' for column in table.columns)
        return f'COPY "{AuditEvent._meta.db_table}" ({columns}) FROM STDIN'

    def finish(self) -> None:
        pending, self.pending = self.pending, []
        for future in pending:
            future.result()

    def close(self) -> None:
        try:
            self.finish()
        finally:
            self.pool.shutdown(wait=True)
            for spool in self.months.values():
                spool.close()
            self.spool.cleanup()

    def _copy(self, batch: list[tuple[_Table, list[str]]]) -> None:
        with self.raw.cursor() as cursor:
            for table, lines in batch:
                columns = ", ".join(f'"{column}"' for column in table.columns)
                sql = f'COPY "{table.model._meta.db_table}" ({columns}) FROM STDIN'
                with cursor.copy(sql) as copy:
                    copy.write("\n".join(lines) + "\n")

    def _copy_history(self, path: str) -> None:
        with (
            open(path, "rb") as linked,
            self.raw.cursor() as cursor,
            cursor.copy(self._history_copy) as copy,
        ):
            while chunk := linked.read(COPY_CHUNK):
                copy.write(chunk)
        os.remove(path)

    def _build(self, statements: list[str]) -> None:
        started = time.monotonic()
        with self.raw.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for statement in statements:
                cursor.execute(statement)
        self.build_seconds += time.monotonic() - started


class BulkSink(Sink):
    """SQLite (or any database): ``bulk_create``."""

    def _write(self, batch: list[tuple[_Table, list[list[Any]]]]) -> None:
        for table, rows in batch:
            model = table.model
            objects = [model(**dict(zip(table.names, row, strict=True))) for row in rows]
            model._default_manager.bulk_create(objects, batch_size=500)


def sink_for_connection() -> Sink:
    return CopySink() if connection.vendor == "postgresql" else BulkSink()


# ---------------------------------------------------------------------------------------


_UUID_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))
_UUID_SET = (0x8000 << 48) | (4 << 76)


def _uuid(rng: random.Random) -> str:
    """A version 4 UUID from ``rng``, as text: ``uuid.UUID(int=..., version=4)``'s value,
    without making the object (a family takes dozens)."""
    h = f"{(rng.getrandbits(128) & _UUID_CLEAR) | _UUID_SET:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _nhs_number(rng: random.Random) -> str:
    """A valid NHS number from the 999 range reserved for testing."""
    while True:
        digits = [9, 9, 9, *(rng.randrange(10) for _ in range(6))]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)


@dataclass
class _Staff:
    practitioners: list[User]
    managers_by_team: dict[int, User]
    agency_of_team: dict[int, int]


def _staff(partnership: Partnership, families: int, existing_families: int) -> _Staff:
    """The practitioners the caseload is spread over: the partnership's own, and synthetic
    ones in synthetic teams (with a manager each) so no one holds more than ``CASELOAD``."""
    practitioners = list(
        User.objects.filter(
            team__agency__partnership=partnership, role=Role.PRACTITIONER, is_active=True
        )
        .select_related("team__agency")
        .order_by("username")
    )
    needed = math.ceil((families + existing_families) / CASELOAD) - len(practitioners)
    agencies = list(Agency.objects.filter(partnership=partnership).order_by("pk"))
    if not agencies:
        agencies = [Agency.objects.create(partnership=partnership, name="Children's Services")]
    password = make_password(None)
    # The synthetic staff a large run needs (thousands at a million families), made in
    # bulk in the order one at a time would make them: a team's manager, then its
    # practitioners, numbered; any already there (an earlier run) kept.
    prefix = f"synth-{partnership.slug}-"
    taken = set(User.objects.filter(username__startswith=prefix).values_list("username", flat=True))
    planned: list[tuple[int, str, int]] = []  # (team number, username, practitioner number)
    number = 0
    while needed > 0:
        team_number = number // TEAM_SIZE + 1
        planned.append((team_number, f"{prefix}m{team_number:04d}", -1))
        username = f"{prefix}p{number + 1:05d}"
        if username not in taken:
            planned.append((team_number, username, number))
            needed -= 1
        number += 1
    synthetic_teams = {
        (team.agency_id, team.name): team
        for team in Team.objects.filter(
            agency__partnership=partnership, name__startswith="Synthetic early help team "
        ).order_by("pk")
    }
    new_teams: list[Team] = []
    team_of: dict[int, Team] = {}
    for team_number in sorted({team_number for team_number, _, _ in planned}):
        agency = agencies[(team_number - 1) % len(agencies)]
        key = (agency.pk, f"Synthetic early help team {team_number}")
        if key not in synthetic_teams:
            synthetic_teams[key] = Team(agency=agency, name=key[1])
            new_teams.append(synthetic_teams[key])
        team_of[team_number] = synthetic_teams[key]
    Team.objects.bulk_create(new_teams)
    new_users: list[User] = []
    for team_number, username, practitioner in planned:
        if username in taken:
            continue
        taken.add(username)
        team = team_of[team_number]
        if practitioner < 0:
            user = User(
                username=username,
                first_name="Manager",
                last_name=f"Team {team_number}",
                role=Role.MANAGER,
                team=team,
                password=password,
            )
        else:
            user = User(
                username=username,
                first_name=names.GIVEN_NAMES_FEMALE[practitioner % len(names.GIVEN_NAMES_FEMALE)],
                last_name=names.FAMILY_NAMES[practitioner % len(names.FAMILY_NAMES)],
                role=Role.PRACTITIONER,
                team=team,
                password=password,
            )
            practitioners.append(user)
        new_users.append(user)
    User.objects.bulk_create(new_users, batch_size=1000)
    managers = {
        u.team_id: u
        for u in User.objects.filter(
            team__agency__partnership=partnership, role=Role.MANAGER, is_active=True
        ).order_by("-username")
        if u.team_id is not None
    }
    teams = Team.objects.filter(agency__partnership=partnership).values_list("pk", "agency_id")
    return _Staff(practitioners, managers, dict(teams))


PLAN_ACTIONS = (
    "Support worker to visit weekly and agree next steps.",
    "Book a review with school about attendance.",
    "Refer to the parenting programme and check the first session was attended.",
    "Speak to the health visitor about the youngest child's appointments.",
    "Help the family apply for the household support fund.",
)
"""What synthetic plan actions say: invented, like everything synth writes."""


def _plan_actions(
    ctx: _Context,
    plan_id: str,
    criterion_id: str | None,
    lead: User,
    plan_day: dt.date,
    created_at: dt.datetime,
    count: int,
) -> None:
    """``count`` actions of a plan made on ``plan_day``, due two weeks to six months on, in
    every state: so a large caseload has open actions overdue, due this week and later."""
    rng = ctx.rng
    for _ in range(count):
        ctx.sink.add(
            PlanAction,
            id=_uuid(rng),
            plan_id=plan_id,
            criterion_id=criterion_id,
            what=rng.choice(PLAN_ACTIONS),
            owner_name=lead.get_full_name(),
            due_on=plan_day + dt.timedelta(days=rng.randrange(14, 200)),
            status=rng.choice(list(ActionStatus.values)),
            created_at=created_at,
        )


CREATED, CHANGED, VIEWED = str(Action.CREATED), str(Action.CHANGED), str(Action.VIEWED)
"""The actions synth records, as plain text (an enum's text is made by a call each time)."""

AuditParts = tuple[str, int | str | None, str, str, str, str | None]
"""An audit event before it is linked: when (``_stamp``), actor id, action, record type,
record id, family."""


@dataclass
class _Context:
    rng: random.Random
    sink: Sink
    seed: str
    """The run's seed text; each batch of families has its own generator from it."""
    existing: int
    families: int
    today: dt.date
    now: dt.datetime
    partnership: Partnership
    packs: PackSet
    pack: Pack
    staff: _Staff
    town: str
    districts: tuple[str, ...]
    by_level: dict[int, list[str]]
    chain: list[Any] = field(default_factory=lambda: [GENESIS, None])
    """The audit chain's last hash, and the time this run's history marker is written."""
    audit_key: bytes | None = None
    """The chain's key (``audit.chain_key``), read once for the run."""
    link: Any = None
    """The link's hash (HMAC-SHA256 with the key, else SHA-256), copied for each event."""
    pads: tuple[Any, Any] | None = None
    """With the key, HMAC-SHA256's inner and outer hashes with the key already in them
    (``_pads``), copied for each event by ``_link_lines``."""
    events: list[AuditParts] = field(default_factory=list)
    """The audit events of the batch being made (then staged: ``Sink.stage``)."""


def _at(ctx: _Context, day: dt.date, after: dt.datetime | None = None) -> dt.datetime:
    """A moment in working hours of ``day``, never ahead of the run's clock, nor before
    ``after`` (what it follows in the family's history: the family's creation, say)."""
    seconds = ctx.rng.randrange(8 * 3600, 18 * 3600)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)
    at = min(start + dt.timedelta(seconds=seconds), ctx.now)
    return at if after is None or at >= after else after


def _findings(ctx: _Context) -> list[str]:
    """Indicators for one assessment: a few at the family's highest level, more below."""
    rng = ctx.rng
    levels = sorted(ctx.by_level)
    top = rng.choices(levels, weights=[5, 30, 35, 22, 8][: len(levels)])[0]
    ticked = set(rng.sample(ctx.by_level[top], min(len(ctx.by_level[top]), rng.randint(1, 3))))
    below = [i for level in levels if level < top for i in ctx.by_level[level]]
    if below:
        ticked |= set(rng.sample(below, min(len(below), rng.randint(2, 12))))
    return sorted(ticked)


def _stamp(at: dt.datetime) -> str:
    """A UTC time as the chain's canonical text (``core.audit_chain.canonical``), which
    PostgreSQL also reads, and which sorts as the times do. Synth's times are UTC already,
    most on a whole second: ``isoformat`` with no arguments is the cheap form (a run makes
    tens of millions), and leaves out the microseconds only when they are 0."""
    if at.tzinfo is not dt.UTC:
        at = at.astimezone(dt.UTC)
    text = at.isoformat()
    return f"{text[:19]}.000000Z" if len(text) == 25 else f"{text[:26]}Z"


def audit_events(
    ctx: _Context,
    *,
    actor: User,
    action: str,
    record_type: str,
    record_id: object,
    family_id: str | None,
    at: dt.datetime,
) -> None:
    """One audit event, as ``audit.services.audit`` records it, dated ``at``: when the
    synthetic history has it happen (an assessment's completion at its ``completed_at``).
    The only place synthetic audit events are made, so a change to the audit log's
    internals changes only this and ``_link``.

    The chain is written in date order, so events wait (``Sink.stage``) until the whole
    history is made; then one history marker, dated when it is written, declares them and
    they follow it, linked in date order (``_write_history``, ADR 0057)."""
    ctx.events.append(
        (
            _stamp(min(at, ctx.now)),
            actor.id,
            str(action),
            record_type,
            str(record_id),
            str(family_id) if family_id else None,
        )
    )


def _content(event: AuditParts) -> str:
    """The event's canonical content (``core.audit_chain.canonical``), made from its parts
    by one f-string: the parts are plain text that JSON writes as it is."""
    at, actor_id, action, record_type, record, family_id = event
    family = f'"{family_id}"' if family_id else "null"
    actor_json = "null" if actor_id is None else actor_id
    return f'["{at}",{actor_json},"{action}","{record_type}","{record}",{family},{{}}]'


def _pads(key: bytes) -> tuple[Any, Any]:
    """HMAC-SHA256 (RFC 2104) with ``key`` as two SHA-256 hashes that have already taken
    the padded key: a copy of each makes an event's link without setting the key up again
    (``hmac``'s own copy costs a third more; ``_check_link`` holds the two to the same
    links)."""
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    inner = hashlib.sha256(bytes(byte ^ 0x36 for byte in key))
    outer = hashlib.sha256(bytes(byte ^ 0x5C for byte in key))
    return inner, outer


def _link_lines(ctx: _Context, lines: list[bytes]) -> bytes:
    """Link history lines (``history_line``), in the order given, after the chain's last
    hash (``ctx.chain``): the audit log's ``COPY`` text, each line's columns and its hash.
    The serial part of a run, so it only hashes and joins: the content was made by the
    workers."""
    previous = ctx.chain[0].encode()
    out = []
    if ctx.pads is None:
        sha256 = hashlib.sha256
        for line in lines:
            content, _, columns = line.partition(b"\t")
            previous = sha256(previous + b"\n" + content).hexdigest().encode()
            out.append(columns + b"\t" + previous)
    else:
        inner, outer = ctx.pads
        for line in lines:
            content, _, columns = line.partition(b"\t")
            first = inner.copy()
            first.update(previous + b"\n" + content)
            second = outer.copy()
            second.update(first.digest())
            previous = second.hexdigest().encode()
            out.append(columns + b"\t" + previous)
    ctx.chain[0] = previous.decode()
    out.append(b"")
    return b"\n".join(out)


def _link(ctx: _Context, events: list[AuditParts]) -> list[tuple[AuditParts, str]]:
    """Link ``events``, in the order given, after the chain's last hash (``ctx.chain``):
    each with its hash. The link is ``core.audit_chain.link_hash`` of the event, made here
    from its parts without building a ``ChainEvent`` (a run makes millions);
    ``_check_link`` holds the two to the same bytes at the start of every run."""
    previous_hash = ctx.chain[0]
    base = ctx.link
    linked = []
    for event in events:
        content = _content(event)
        link = base.copy()
        link.update(f"{previous_hash}\n{content}".encode())
        previous_hash = link.hexdigest()
        linked.append((event, previous_hash))
    ctx.chain[0] = previous_hash
    return linked


def _check_link(ctx: _Context) -> None:
    """Fail before writing anything if ``_link`` or ``_link_lines`` would link an event
    differently from ``core.audit_chain.link_hash``, or write other columns than it hashed
    (events with every kind of part)."""
    actor = ctx.staff.practitioners[0]
    saved = list(ctx.chain)
    try:
        for family_id, at in (
            ("0f0e0d0c-0b0a-4908-8706-050403020100", dt.datetime(2020, 2, 29, 9, 30, 1, 5, dt.UTC)),
            (None, dt.datetime(2020, 2, 29, 9, 30, 1, tzinfo=dt.UTC)),  # no microseconds
        ):
            parts = (_stamp(at), actor.pk, str(Action.VIEWED), "family", "7", family_id)
            ctx.chain = list(saved)
            [(_, made)] = _link(ctx, [parts])
            ctx.chain = list(saved)
            written = _link_lines(ctx, [history_line(parts).encode()]).decode()
            event = ChainEvent(
                id=0,
                at=at,
                actor_id=actor.pk,
                action=parts[2],
                record_type=parts[3],
                record_id=parts[4],
                family_id=family_id,
                detail={},
                hash="",
            )
            stamp = at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # as canonical writes it
            columns = [stamp, str(actor.pk), *parts[2:5], family_id or NULL, "{}"]
            expected = link_hash(saved[0], event, ctx.audit_key)
            if made != expected or written != "\t".join([*columns, expected]) + "\n":
                raise RuntimeError("synth links audit events unlike core.audit_chain.link_hash")
    finally:
        ctx.chain = saved


def _write_history(ctx: _Context, alongside: list[str]) -> None:
    """Write the run's audit events after the chain's last event: a history marker dated
    now (``core.audit_chain.HISTORY_RECORD_TYPE``) declaring how many follow, then the
    events, dated by the history they tell, linked in date order (``righthelp audit
    verify`` holds them to that: ADR 0057). The statements ``alongside`` (the other
    tables' keys and indexes) are run by the database while this process links."""
    sink = ctx.sink
    count = sink.staged
    if not count:
        sink.build(alongside)
        return
    written_at = max(ctx.chain[1], ctx.now)
    marker = ChainEvent(
        id=0,
        at=written_at,
        actor_id=None,
        action=str(Action.CREATED),
        record_type=HISTORY_RECORD_TYPE,
        record_id=ctx.partnership.slug,
        family_id=None,
        detail={"events": count},
        hash="",
    )
    ctx.chain[0] = link_hash(ctx.chain[0], marker, ctx.audit_key)
    sink.add(
        AuditEvent,
        at=written_at,
        action=marker.action,
        record_type=marker.record_type,
        record_id=marker.record_id,
        detail=marker.detail,
        hash=ctx.chain[0],
    )
    sink.flush()
    sink.build(alongside)
    sink.link_history(ctx)
    sink.finish()


def _family(ctx: _Context, serial: int) -> None:
    rng, sink = ctx.rng, ctx.sink
    lead = ctx.staff.practitioners[serial % len(ctx.staff.practitioners)]
    manager = ctx.staff.managers_by_team.get(lead.team_id or 0, lead)
    created_on = ctx.today - dt.timedelta(days=rng.randrange(30, 6 * 365))
    created_at = _at(ctx, created_on)
    family_name = rng.choice(names.FAMILY_NAMES)
    family_id = _uuid(rng)
    postcode = (
        f"{rng.choice(ctx.districts)} {rng.randrange(1, 10)}"
        f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    )

    # People: one or two adults, one to four children.
    people: list[tuple[str, str, dt.date]] = []
    adults = 1 if rng.random() < 0.4 else 2
    for n in range(adults):
        female = n == 0 or rng.random() < 0.2
        born = ctx.today - dt.timedelta(days=rng.randrange(20 * 365, 50 * 365))
        people.append((_uuid(rng), "adult", born))
        sink.add(
            Person,
            id=people[-1][0],
            family_id=family_id,
            kind="adult",
            given_name=rng.choice(names.GIVEN_NAMES_FEMALE if female else names.GIVEN_NAMES_MALE),
            family_name=family_name
            if n == 0 or rng.random() < 0.6
            else rng.choice(names.FAMILY_NAMES),
            date_of_birth=born,
            gender="female" if female else "male",
            nhs_number=_nhs_number(rng) if rng.random() < 0.7 else "",
        )
    for _ in range(rng.choices((1, 2, 3, 4), weights=(35, 35, 20, 10))[0]):
        female = rng.random() < 0.5
        born = ctx.today - dt.timedelta(days=rng.randrange(200, 17 * 365))
        people.append((_uuid(rng), "child", born))
        sink.add(
            Person,
            id=people[-1][0],
            family_id=family_id,
            kind="child",
            given_name=rng.choice(names.GIVEN_NAMES_FEMALE if female else names.GIVEN_NAMES_MALE),
            family_name=family_name,
            date_of_birth=born,
            gender="female" if female else "male",
            school_or_setting=f"{rng.choice(names.STREET_NAMES).split()[0]} Academy",
            nhs_number=_nhs_number(rng) if rng.random() < 0.9 else "",
        )
    children = [p for p in people if p[1] == "child"]
    for child in children:
        sink.add(
            Relationship,
            family_id=family_id,
            person_id=people[0][0],
            relative_id=child[0],
            kind="parent",
        )
    if adults == 2:
        sink.add(
            Relationship,
            family_id=family_id,
            person_id=people[0][0],
            relative_id=people[1][0],
            kind="partner",
        )

    # Workers: the lead, sometimes a second practitioner.
    workers = [lead]
    if rng.random() < 0.25:
        other = rng.choice(ctx.staff.practitioners)
        if other.pk != lead.pk:
            workers.append(other)
    for worker in workers:
        sink.add(
            FamilyWorker,
            family_id=family_id,
            user_id=worker.pk,
            since=created_at,
            added_by_id=lead.pk,
        )
    sink.add(
        Family.agencies.through,
        family_id=family_id,
        agency_id=ctx.staff.agency_of_team[lead.team_id or 0],
    )
    audit_events(
        ctx,
        actor=lead,
        action=CREATED,
        record_type="family",
        record_id=family_id,
        family_id=family_id,
        at=created_at,
    )

    # Assessments: spread after the family was added; the last may still be open.
    count = rng.choices((0, 1, 2, 3), weights=(10, 45, 30, 15))[0]
    span = max((ctx.today - created_on).days, 1)
    days = sorted(rng.randrange(0, span) for _ in range(count))
    current: tuple[int, str, dt.datetime] | None = None
    pending: tuple[int, dt.datetime] | None = None
    latest_outcomes: set[int] = set()
    latest_assessment: str | None = None
    latest: tuple[dt.datetime, str] | None = None  # the kept one's (completed_at, id)
    for n, offset in enumerate(days):
        started = _at(ctx, created_on + dt.timedelta(days=offset), after=created_at)
        assessment_id = _uuid(rng)
        ticked = _findings(ctx)
        result = level_of_need(ctx.pack, ticked)
        level = result.number
        last = n == count - 1
        status = Status.COMPLETED
        if last and rng.random() < 0.08:
            status = Status.DRAFT
        elif last and level == max(ctx.pack.levels_by_number) and rng.random() < 0.4:
            status = Status.AWAITING_SIGNOFF
        done = min(started + dt.timedelta(days=rng.randrange(1, 20)), ctx.now)
        submitted = status != Status.DRAFT
        sink.add(
            Assessment,
            id=assessment_id,
            family_id=family_id,
            pack_id=ctx.pack.id,
            pack_version=ctx.pack.version,
            pack_hash=ctx.pack.content_hash,
            status=status,
            started_by_id=lead.pk,
            started_at=started,
            worried_about="Recorded in the practitioner's notes.",
            child_wishes="Recorded in the practitioner's notes." if submitted else "",
            indicator_level=level if submitted else None,
            final_level=level if submitted else None,
            submitted_by_id=lead.pk if submitted else None,
            submitted_at=done if submitted else None,
            signed_off_by_id=manager.pk if status == Status.COMPLETED and level >= 5 else None,
            signed_off_at=done if status == Status.COMPLETED and level >= 5 else None,
            completed_at=done if status == Status.COMPLETED else None,
            outcomes_reviewed=sorted({ctx.pack.indicators_by_id[i].outcome.number for i in ticked}),
        )
        for indicator_id in ticked:
            placed = ctx.pack.indicators_by_id[indicator_id]
            sink.add(
                IndicatorFinding,
                assessment_id=assessment_id,
                indicator_id=indicator_id,
                outcome_number=placed.outcome.number,
                level=placed.level,
                person_id=rng.choice(people)[0] if rng.random() < 0.7 else None,
            )
        audit_events(
            ctx,
            actor=lead,
            action=CREATED,
            record_type="assessment",
            record_id=assessment_id,
            family_id=family_id,
            at=started,
        )
        if status == Status.COMPLETED:
            # The kept level is the latest *completed* (by completed_at, then id, as
            # family_level_refresh and the dashboards order them), not the latest started:
            # one started earlier can take longer and be completed after it.
            if latest is None or (done, assessment_id) > latest:
                latest = (done, assessment_id)
                current = (level, ctx.pack.id, done)
                latest_outcomes = {ctx.pack.indicators_by_id[i].outcome.number for i in ticked}
                latest_assessment = assessment_id
            sink.add(
                ChronologyEntry,
                id=_uuid(rng),
                family_id=family_id,
                occurred_on=done.date(),
                what_happened=f"Assessment completed: level {level}.",
                significance=Significance.MEDIUM,
                kind=EntryKind.ASSESSMENT,
                assessment_id=assessment_id,
                recorded_by_id=lead.pk,
                recorded_at=done,
            )
            audit_events(
                ctx,
                actor=lead,
                action=CHANGED,
                record_type="assessment",
                record_id=assessment_id,
                family_id=family_id,
                at=done,
            )
        elif status == Status.AWAITING_SIGNOFF:
            pending = (level, done)

    # Chronology notes, and the looks at the record that the audit log keeps.
    for _ in range(rng.randint(3, 9)):
        day = created_on + dt.timedelta(days=rng.randrange(0, span))
        when = _at(ctx, day, after=created_at)
        entry_id = _uuid(rng)
        sink.add(
            ChronologyEntry,
            id=entry_id,
            family_id=family_id,
            occurred_on=day,
            what_happened=rng.choice(NOTES),
            significance=rng.choices(list(Significance.values), weights=(6, 3, 1))[0],
            kind=EntryKind.NOTE,
            recorded_by_id=lead.pk,
            recorded_at=when,
            person_id=rng.choice(people)[0] if rng.random() < 0.5 else None,
        )
        audit_events(
            ctx,
            actor=lead,
            action=CREATED,
            record_type="chronology_entry",
            record_id=entry_id,
            family_id=family_id,
            at=when,
        )
    for _ in range(rng.randint(5, 20)):
        who = rng.choice(workers)
        audit_events(
            ctx,
            actor=who,
            action=VIEWED,
            record_type="family",
            record_id=family_id,
            family_id=family_id,
            at=_at(ctx, created_on + dt.timedelta(days=rng.randrange(0, span)), after=created_at),
        )

    # A family plan where the latest assessment found help was needed.
    if current is not None and current[0] >= 3 and latest_assessment is not None:
        plan_id = _uuid(rng)
        plan_day = current[2].date()
        closed = rng.random() < 0.2
        sink.add(
            FamilyPlan,
            id=plan_id,
            family_id=family_id,
            assessment_id=latest_assessment,
            created_by_id=lead.pk,
            created_at=current[2],
            closed_at=_at(ctx, min(plan_day + dt.timedelta(days=180), ctx.today), after=current[2])
            if closed
            else None,
            next_review_on=plan_day + dt.timedelta(days=rng.choice((42, 56, 90))),
        )
        options = ctx.packs.criteria_for_outcomes(latest_outcomes)
        hashes = {p.id: p.content_hash for p in ctx.packs.packs}
        for entry in rng.sample(options, min(len(options), rng.randint(1, 3))):
            criterion_id = _uuid(rng)
            progress = rng.choices(("identified", "in_progress", "achieved"), weights=(5, 3, 2))[0]
            sink.add(
                PlanCriterion,
                id=criterion_id,
                plan_id=plan_id,
                criterion_id=entry.criterion.id,
                pack_id=entry.source.pack_id,
                pack_version=entry.source.pack_version,
                pack_hash=hashes[entry.source.pack_id],
                outcome_number=entry.criterion.outcome,
                status=progress,
                identified_on=plan_day,
                achieved_on=min(plan_day + dt.timedelta(days=60), ctx.today)
                if progress == "achieved"
                else None,
            )
            _plan_actions(ctx, plan_id, criterion_id, lead, plan_day, current[2], rng.randint(1, 2))
        if not options:
            # The partnership's packs name no outcome criteria (the demo's Stoke-on-Trent):
            # its plans still say what will be done, by whom and by when, as a
            # practitioner's plan does, with no criterion to hang each action on.
            _plan_actions(ctx, plan_id, None, lead, plan_day, current[2], rng.randint(1, 4))
        audit_events(
            ctx,
            actor=lead,
            action=CREATED,
            record_type="family_plan",
            record_id=plan_id,
            family_id=family_id,
            at=current[2],
        )

    # Requests for service.
    if rng.random() < 0.3:
        sent = _at(ctx, created_on + dt.timedelta(days=rng.randrange(0, span)), after=created_at)
        referral_id = _uuid(rng)
        sink.add(
            Referral,
            id=referral_id,
            family_id=family_id,
            person_id=rng.choice(children)[0],
            route=ReferralRoute.EARLY_HELP.value,
            what_is_needed=rng.choice(WHY),
            status=ReferralStatus.SENT,
            consent_route=ConsentRoute.GIVEN.value,
            consent_confirmed_on=sent.date(),
            created_by_id=lead.pk,
            created_at=sent,
            sent_by_id=lead.pk,
            sent_at=sent,
        )
        audit_events(
            ctx,
            actor=lead,
            action=CREATED,
            record_type="referral",
            record_id=referral_id,
            family_id=family_id,
            at=sent,
        )

    # An exploitation screening for some young people of 10 or more.
    instrument = ctx.packs.screening
    older = [c for c in children if (ctx.today - c[2]).days > 10 * 365]
    if instrument is not None and older and rng.random() < 0.15:
        child = rng.choice(older)
        counts = SeenCounts(rng.randint(0, 6), rng.randint(0, 4), rng.choice((0, 0, 0, 1)))
        score = rng.randint(
            min(b.min for b in instrument.bands), max(b.max for b in instrument.bands)
        )
        bands = screen(instrument, score, counts)
        day = ctx.today - dt.timedelta(days=rng.randrange(0, min(span, 3 * 365)))
        owner = next(p for p in ctx.packs.packs if instrument in p.instruments)
        screening_id = _uuid(rng)
        recorded = _at(ctx, day, after=created_at)
        sink.add(
            Screening,
            id=screening_id,
            family_id=family_id,
            person_id=child[0],
            screened_on=day,
            screened_by_id=lead.pk,
            recorded_at=recorded,
            score=score,
            vulnerabilities=counts.vulnerabilities,
            risk_indicators=counts.risk_indicators,
            significant_risk_indicators=counts.significant_risk_indicators,
            pack_id=owner.id,
            pack_version=owner.version,
            pack_hash=owner.content_hash,
            instrument_id=instrument.id,
            score_band=bands.score_band.id,
            count_band=bands.count_band.band.id,
            bands_disagree=bands.disagree,
            decision="Discussed with the manager; support continues.",
        )
        audit_events(
            ctx,
            actor=lead,
            action=CREATED,
            record_type="screening",
            record_id=screening_id,
            family_id=family_id,
            at=recorded,
        )

    # The family row, with its kept level columns as family_level_refresh sets them.
    sink.add(
        Family,
        id=family_id,
        partnership_id=ctx.partnership.pk,
        name=f"{family_name} family",
        address_line_1=f"{rng.randrange(1, 200)} {rng.choice(names.STREET_NAMES)}",
        town=ctx.town,
        postcode=postcode,
        lead_practitioner_id=lead.pk,
        created_at=created_at,
        created_by_id=lead.pk,
        updated_at=created_at,
        current_level=current[0] if current else None,
        current_level_pack=current[1] if current else "",
        current_level_at=current[2] if current else None,
        current_outcomes=outcome_bits(latest_outcomes) if current else 0,
        pending_level=pending[0] if pending else None,
        pending_since=pending[1] if pending else None,
    )


def synthesise(
    *,
    partnership: Partnership,
    families: int,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
    defer_indexes: bool | None = None,
    workers: int | None = None,
) -> SynthResult:
    """Add ``families`` synthetic families to ``partnership``, in one transaction.

    On PostgreSQL, when the run at least doubles the number of families (or
    ``defer_indexes`` says so), what makes the database check and index row by row is
    dropped first and added again at the end, in the same transaction: the foreign keys of
    the tables written (and those pointing at them), their primary keys and unique
    constraints, and their other indexes. Adding a key or a foreign key back checks every
    row at once (one sort, one join), so nothing goes unchecked, and far faster than row
    by row (ADR 0046).

    Families are made in batches of ``BATCH``, each from its own random generator (the
    run's seed and the batch's number), so the rows are the same however many ``workers``
    make them: on PostgreSQL, worker processes (default: one a core, for runs of several
    batches) make batches as ``COPY`` text while this process writes them, their audit
    events to a file a month of history. Once every family is made, the audit events are
    linked into the chain in date order after a marker that declares them
    (``_write_history``, ADR 0057): each is dated by the history it tells, inside its own
    family's years. The database builds the other tables' keys and indexes while this
    process links, and copies each month linked while the next is (ADR 0060)."""
    if families < 1:
        raise ValueError("at least one family")
    started = time.monotonic()
    phases = _Phases()
    day = today or timezone.localdate()
    packs = pack_set_for(partnership)
    pack = packs.thresholds
    if pack is None:
        raise ValueError(f"{partnership.name} uses no pack with levels of need")
    town, districts = names.AREAS.get(pack.id, names.DEFAULT_AREA)
    by_level: dict[int, list[str]] = {}
    for indicator_id, placed in pack.indicators_by_id.items():
        by_level.setdefault(placed.level, []).append(indicator_id)
    with transaction.atomic():
        existing = Family.objects.filter(partnership=partnership).count()
        if defer_indexes is None:
            defer_indexes = families >= max(DEFER_INDEXES_FROM, Family.objects.count())
        if connection.vendor == "postgresql":
            # Foreign keys still in place (a small run) are checked as each row arrives
            # (tables are written parents first), not queued to the commit: a queue of
            # millions of checks would hold memory, and would stop the keys and indexes
            # being built again inside the transaction.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        deferred = _drop_secondary_indexes() if defer_indexes else []
        seed_text = f"{seed}:{partnership.slug}:{existing}:{day.isoformat()}"
        ctx = _Context(
            rng=random.Random(seed_text),
            sink=sink_for_connection(),
            seed=seed_text,
            existing=existing,
            families=families,
            today=day,
            now=min(timezone.now(), dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)),
            partnership=partnership,
            packs=packs,
            pack=pack,
            staff=_staff(partnership, families, existing),
            town=town,
            districts=districts,
            by_level=by_level,
        )
        tail_hash, tail_at = chain_tail()
        ctx.chain = [tail_hash, tail_at.astimezone(dt.UTC)]
        ctx.audit_key = chain_key()
        ctx.link = (
            hmac.new(ctx.audit_key, digestmod=hashlib.sha256) if ctx.audit_key else hashlib.sha256()
        )
        ctx.pads = _pads(ctx.audit_key) if ctx.audit_key else None
        _check_link(ctx)
        phases.lap("staff")
        batches = math.ceil(families / BATCH)
        if workers is None:
            workers = min(os.cpu_count() or 1, 4) if batches >= 4 else 1
        if not isinstance(ctx.sink, CopySink):
            workers = 1
        try:
            if workers > 1:
                _write_from_workers(ctx, batches, workers, progress)
            else:
                for batch in range(batches):
                    _generate(ctx, batch)
                    events, ctx.events = ctx.events, []
                    ctx.sink.stage(events)
                    ctx.sink.flush()
                    if progress is not None:
                        progress.show(min((batch + 1) * BATCH, families))
            ctx.sink.finish()
            phases.lap("families made")
            # The history is linked while the database builds the other tables' keys and
            # indexes; the audit log's need it written.
            audit = _touching(AuditEvent._meta.db_table, deferred)
            others = [statement for statement in deferred if statement not in audit]
            _write_history(ctx, others)
            phases.lap("history linked (other tables' keys and indexes alongside)")
        finally:
            ctx.sink.close()
        rebuilt = time.monotonic()
        _build_indexes(audit)
        phases.lap("audit log's keys and indexes")
        rebuilt = time.monotonic() - rebuilt + getattr(ctx.sink, "build_seconds", 0.0)
        rebuilt = rebuilt if deferred else 0.0
        # The dashboards' kept tallies, counted again from the rows just written.
        tallies_rebuild([partnership.pk])
        phases.lap("tallies")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    phases.lap("analyze")
    seconds = time.monotonic() - started
    return SynthResult(families, ctx.sink.written, seconds, rebuilt, tuple(phases.laps))


def _generate(ctx: _Context, batch: int) -> None:
    """Make the families of batch number ``batch`` into ``ctx.sink`` and ``ctx.events``."""
    ctx.rng = random.Random(f"{ctx.seed}:{batch}")
    for serial in range(batch * BATCH, min((batch + 1) * BATCH, ctx.families)):
        _family(ctx, ctx.existing + serial)


_WORKER: _Context | None = None
"""In a worker process: the run's context, as it was when the workers were started."""


Months = list[tuple[str, bytes]]
"""History lines by month (``history_months``)."""


def _worker_batch(batch: int) -> tuple[list[tuple[int, int, str]], int, Months]:
    """In a worker process: one batch, as ``COPY`` text per model, and its audit events
    as history lines by month (unlinked: they are linked in date order once the whole
    history is made)."""
    ctx = _WORKER
    if ctx is None or not isinstance(ctx.sink, TextSink):
        raise RuntimeError("not in a synth worker process")
    ctx.events = []
    _generate(ctx, batch)
    return ctx.sink.take(), len(ctx.events), history_months(ctx.events)


def _write_from_workers(
    ctx: _Context, batches: int, workers: int, progress: Progress | None
) -> None:
    """Batches made by ``workers`` processes (forked: they share what this one has read,
    and never touch its database connection), written here in order; a few batches
    ahead at most, so memory stays bounded when the database is the slower side."""
    global _WORKER
    if not isinstance(ctx.sink, CopySink):
        raise TypeError("workers make COPY text: PostgreSQL only")
    _WORKER = dataclasses.replace(ctx, sink=TextSink(), events=[])
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            ahead: deque[AsyncResult[tuple[list[tuple[int, int, str]], int, Months]]]
            ahead = deque()
            queued = 0
            for batch in range(batches):
                while queued < batches and len(ahead) < 2 * workers:
                    ahead.append(pool.apply_async(_worker_batch, (queued,)))
                    queued += 1
                texts, staged, months = ahead.popleft().get()
                for model_at, count, text in texts:
                    ctx.sink.extend(ORDER[model_at], count, text)
                ctx.sink.stage_months(staged, months)
                ctx.sink.flush()
                if progress is not None:
                    progress.show(min((batch + 1) * BATCH, ctx.families))
    finally:
        _WORKER = None


def _drop_secondary_indexes() -> list[str]:
    """Drop, for a large run, what makes PostgreSQL check and index row by row: the foreign
    keys of the tables synth writes (and those pointing at them), their primary keys and
    unique constraints, and their other indexes; give back the statements that build them
    all again (``_build_indexes``), in the order that needs: keys, indexes, then foreign
    keys. Adding a constraint back checks every row at once, so nothing goes unchecked."""
    if connection.vendor != "postgresql":
        return []
    tables = [model._meta.db_table for model in ORDER]
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT c.contype,
                      format('ALTER TABLE %%s DROP CONSTRAINT %%I', c.conrelid::regclass,
                             c.conname),
                      format('ALTER TABLE %%s ADD CONSTRAINT %%I %%s', c.conrelid::regclass,
                             c.conname, pg_get_constraintdef(c.oid))
               FROM pg_constraint c
               WHERE c.connamespace = current_schema()::regnamespace
                 AND (c.conrelid::regclass::text = ANY(%s)
                      OR (c.contype = 'f' AND c.confrelid::regclass::text = ANY(%s)))
                 AND c.contype IN ('f', 'p', 'u')
               ORDER BY c.contype = 'f' DESC, c.conrelid::regclass::text, c.conname""",
            [tables, tables],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """SELECT i.indexname, i.indexdef FROM pg_indexes i
               WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
                 AND NOT EXISTS (
                   SELECT 1 FROM pg_constraint c
                   WHERE c.conindid = format('%%I.%%I', i.schemaname, i.indexname)::regclass)
               ORDER BY i.indexname""",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        for _, drop, _ in constraints:  # foreign keys first: they need the keys they use
            cursor.execute(drop)
    keys = [add for kind, _, add in constraints if kind != "f"]
    foreign = [add for kind, _, add in constraints if kind == "f"]
    return keys + [definition for _, definition in indexes] + foreign


def _touching(table: str, statements: list[str]) -> list[str]:
    """Of ``statements`` (``_drop_secondary_indexes``), those that name ``table``: its keys,
    its indexes, the foreign keys from it and to it."""
    names = re.compile(rf"(?<!\w){re.escape(table)}(?!\w)")
    return [statement for statement in statements if names.search(statement)]


def _build_indexes(definitions: list[str]) -> None:
    if not definitions:
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for definition in definitions:
            cursor.execute(definition)
