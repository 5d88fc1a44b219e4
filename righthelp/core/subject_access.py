"""Subject access requests: when the answer is due.

UK GDPR Article 12(3): without undue delay and at the latest within one month of receipt.
The ICO reads a month as running to the same date of the next month, or to the next month's
last day where it has no such date (a request received on 31 January is due 28 or 29
February).
"""

from __future__ import annotations

import calendar
import datetime as dt


def response_due(received_on: dt.date) -> dt.date:
    """The last day to answer a request received on ``received_on``."""
    year = received_on.year + received_on.month // 12
    month = received_on.month % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(received_on.day, last_day))
