"""Account emails, sent as background jobs (django-tasks), never in the request."""

from __future__ import annotations

from django_tasks import task

from righthelp.accounts.password_reset import password_changed_email_send, reset_email_send


@task()
def send_password_reset(user_ids: list[int]) -> int:
    """Each account's reset link; an empty list (an address no account has) sends nothing."""
    return reset_email_send(user_ids=user_ids)


@task()
def send_password_changed(user_id: int, how: str) -> bool:
    return password_changed_email_send(user_id=user_id, how=how)
