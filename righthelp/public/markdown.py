"""Pack guidance as HTML: CommonMark with raw HTML off, styled with GOV.UK classes.

A pack's Markdown can never add markup of its own: HTML in it is shown as text, and
links are limited to markdown-it's safe schemes (no ``javascript:``).
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from righthelp.core.web_addresses import split_addresses

_CLASSES = {
    "paragraph_open": "govuk-body",
    "bullet_list_open": "govuk-list govuk-list--bullet",
    "ordered_list_open": "govuk-list govuk-list--number",
    "link_open": "govuk-link",
    "blockquote_open": "govuk-inset-text",
    "table_open": "govuk-table",
}
_HEADINGS = {
    "h1": "govuk-heading-l",
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "h5": "govuk-heading-s",
    "h6": "govuk-heading-s",
}


def _govuk_classes(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "heading_open":
            token.attrSet("class", _HEADINGS[token.tag])
        elif token.type in _CLASSES:
            token.attrSet("class", _CLASSES[token.type])
        for child in token.children or ():
            if child.type == "link_open":
                child.attrSet("class", _CLASSES["link_open"])


def _link_addresses(state: StateCore) -> None:
    """Bare web addresses in the text ("www.coventry.gov.uk/mashreferral") become links,
    outside links the Markdown already makes."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        children: list[Token] = []
        inside_link = 0
        for child in token.children:
            inside_link += child.type == "link_open"
            inside_link -= child.type == "link_close"
            if child.type != "text" or inside_link:
                children.append(child)
                continue
            for words, href in split_addresses(child.content):
                if href is None:
                    children.append(_text(state, words))
                    continue
                opening = Token("link_open", "a", 1)
                opening.attrSet("href", href)
                children += [opening, _text(state, words), Token("link_close", "a", -1)]
        token.children = children


def _text(state: StateCore, words: str) -> Token:
    token = Token("text", "", 0)
    token.content = words
    return token


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False})
    parser.core.ruler.push("link_addresses", _link_addresses)
    parser.core.ruler.push("govuk_classes", _govuk_classes)
    return parser


@lru_cache(maxsize=1024)
def render_markdown(text: str) -> str:
    """HTML for a pack's Markdown text. Pack content is fixed per version, so it is cached."""
    html: str = _parser().render(text)
    return html
