"""`righthelp token ...`: API tokens, issued and revoked by whoever runs the installation.

Run on the server, as the web app's own command line: there is no web page that shows a
token, so a token is seen once, by the administrator who issued it.
"""

from __future__ import annotations

import argparse
from typing import Any

from righthelp.cli.errors import CommandError
from righthelp.cli.output import add_format_option, print_json


def register(commands: Any) -> None:
    token = commands.add_parser("token", help="API tokens: issue, list, revoke")
    actions = token.add_subparsers(dest="token_command", required=True, metavar="ACTION")

    issue = actions.add_parser("issue", help="issue a token for a user; printed once")
    issue.add_argument("username")
    issue.add_argument("--for", dest="name", required=True, help="what the token is for")
    issue.add_argument("--days", type=int, default=90, help="how long it lasts (default 90)")
    issue.set_defaults(handler=issue_token)

    listing = actions.add_parser("list", help="tokens and whose they are (never the tokens)")
    add_format_option(listing)
    listing.set_defaults(handler=list_tokens)

    revoke = actions.add_parser("revoke", help="stop a token working, by its prefix")
    revoke.add_argument("prefix")
    revoke.set_defaults(handler=revoke_token)


def _django() -> None:
    from righthelp.cli.web_commands import use_django

    use_django()


def issue_token(args: argparse.Namespace) -> int:
    _django()
    from django.core.exceptions import ValidationError

    from righthelp.accounts.models import User
    from righthelp.api.tokens import token_issue

    user = User.objects.filter(username=args.username).first()
    if user is None:
        raise CommandError(f"no account with the username {args.username!r}")
    try:
        issued = token_issue(user=user, name=args.name, by=None, days=args.days)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None
    print(issued.secret)
    print(
        f"Token {issued.record.prefix} for {user.username}, until "
        f"{issued.record.expires_at:%d %B %Y}. It is shown only now: keep it secret."
    )
    return 0


def list_tokens(args: argparse.Namespace) -> int:
    _django()
    from righthelp.api.models import ApiToken

    tokens = [
        {
            "prefix": token.prefix,
            "user": token.user.username,
            "for": token.name,
            "created_at": token.created_at.isoformat(),
            "expires_at": token.expires_at.isoformat(),
            "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
            "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
            "usable": token.is_usable,
        }
        for token in ApiToken.objects.select_related("user")
    ]
    if args.format == "json":
        print_json(tokens)
        return 0
    for token in tokens:
        state = "usable" if token["usable"] else ("revoked" if token["revoked_at"] else "expired")
        print(f"{token['prefix']}  {token['user']:<16} {state:<8} {token['for']}")
    return 0


def revoke_token(args: argparse.Namespace) -> int:
    _django()
    from righthelp.api.models import ApiToken
    from righthelp.api.tokens import token_revoke

    token = ApiToken.objects.filter(prefix=args.prefix).first()
    if token is None:
        raise CommandError(f"no token with the prefix {args.prefix!r}")
    token_revoke(token=token, by=None)
    print(f"Token {token.prefix} revoked: it no longer works.")
    return 0
