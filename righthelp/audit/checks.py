"""Deploy check (``check --deploy --database default``): on PostgreSQL, the application's
database role must not be able to change or empty the audit log (``righthelp db roles``)."""

from __future__ import annotations

from typing import Any

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError, connections


@register(Tags.database, deploy=True)
def audit_log_out_of_the_apps_reach(
    app_configs: Any, databases: Any = None, **kwargs: Any
) -> list[Warning]:
    if not databases or "default" not in databases:
        return []
    if connections["default"].vendor != "postgresql":
        return []
    from righthelp.config.database_roles import audit_log_rights_of_current_role

    try:
        found = audit_log_rights_of_current_role()
    except DatabaseError:
        return []  # not migrated yet: the migration checks say so
    if not (found["superuser"] or found["owner"] or found["rights"]):
        return []
    how = (
        "is a superuser"
        if found["superuser"]
        else "owns the audit table"
        if found["owner"]
        else f"has {', '.join(found['rights'])} on it"
    )
    return [
        Warning(
            f"The application's database role {found['role']!r} can change or empty the "
            f"audit log: it {how}.",
            hint=(
                "Run migrations as the tables' owner (RIGHTHELP_MIGRATE_DATABASE_URL) and "
                "connect the application as a role made by `righthelp db roles`."
            ),
            id="righthelp.W004",
        )
    ]
