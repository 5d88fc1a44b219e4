"""`righthelp token`: an administrator issues, lists and revokes API tokens on the server."""

from __future__ import annotations

import json

import pytest

from righthelp.api.models import ApiToken
from righthelp.api.tokens import user_for_token
from righthelp.cli import main
from righthelp.conftest import Cast


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_issue_list_and_revoke(capsys: pytest.CaptureFixture[str], cast: Cast) -> None:
    code, out, _ = run(capsys, "token", "issue", "alice", "--for", "Case system", "--days", "30")
    assert code == 0
    secret = out.splitlines()[0]
    assert user_for_token(secret) == cast.alice
    prefix = ApiToken.objects.get().prefix
    assert f"Token {prefix} for alice" in out

    code, out, _ = run(capsys, "token", "list", "--format", "json")
    (listed,) = json.loads(out)
    assert (listed["prefix"], listed["user"], listed["usable"]) == (prefix, "alice", True)
    assert secret not in out

    code, out, _ = run(capsys, "token", "revoke", prefix)
    assert code == 0 and "revoked" in out
    assert user_for_token(secret) is None
    _, out, _ = run(capsys, "token", "list")
    assert "revoked" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("token", "issue", "nobody", "--for", "x"), "no account with the username 'nobody'"),
        (("token", "issue", "alice", "--for", "x", "--days", "999"), "from 1 to 365 days"),
        (("token", "issue", "alice", "--for", " "), "Say what the token is for"),
        (("token", "revoke", "ffffffff"), "no token with the prefix 'ffffffff'"),
    ],
)
def test_bad_input_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], cast: Cast, argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert not ApiToken.objects.exists()
