from django import template

from righthelp.audit.selectors import detail_lines
from righthelp.audit.selectors import record_name as name_of

register = template.Library()


@register.filter
def record_name(record_type: str) -> str:
    return name_of(record_type)


@register.filter
def detail_said(detail: dict[str, object]) -> list[str]:
    return detail_lines(detail)
