from __future__ import annotations

import pytest

from righthelp.core.pack_set import PackSet
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.registry import PackRegistry


@pytest.fixture(scope="session")
def shipped() -> PackRegistry:
    return PackRegistry()


@pytest.fixture(scope="session")
def stoke(shipped: PackRegistry) -> Pack:
    return shipped.get("stoke-on-trent")


@pytest.fixture(scope="session")
def demo(shipped: PackRegistry) -> PackSet:
    """The demo partnership's packs: Stoke-on-Trent's thresholds, Coventry, the self-assessment."""
    return PackSet(
        tuple(shipped.get(i) for i in ("stoke-on-trent", "coventry", "partnership-self-assessment"))
    )
