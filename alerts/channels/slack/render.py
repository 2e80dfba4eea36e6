"""DigestContent → Slack Block Kit messages. Pure.

Per milestone: the plain-words headline linking the release, chips (context elements) for
the type, agency, company, date and wire, and the evidence sentence quoted. Slack takes at most 50
blocks per message and 3000 characters per text object: a longer digest is split into several
messages, each saying "part i of n", and a milestone's blocks are never split apart. Nothing is
cut silently: a text object longer than the limit (a run-on evidence sentence) ends with a
visible "[cut: …]" and the release link stays.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from alerts.digest import CompanySection, Correction, DigestContent, Item
from alerts.sanitize import one_line, safe_url

MAX_BLOCKS = 50
MAX_TEXT = 3000
MAX_MESSAGE_TEXT = 39_000  # a message's top-level text: Slack truncates past 40,000
MAX_HEADER = 150
MAX_CONTEXT_ELEMENTS = 10
# Blocks a message keeps for its own header and footer.
RESERVED = 3

Block = dict[str, Any]


def escape(text: str | None) -> str:
    """Slack's three control characters; scraped text can then not make links or mentions."""
    return one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int = MAX_TEXT) -> str:
    if len(text) <= limit:
        return text
    note = " … [cut: longer than Slack allows; see the release]"
    return text[: limit - len(note)].rstrip() + note


def _link(url: str | None, text: str) -> str:
    safe = safe_url(url)
    if safe is None or "|" in safe:
        return escape(text)
    return f"<{safe}|{escape(text).replace('|', '¦')}>"


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text)}}


def _context(parts: Sequence[str]) -> Block:
    return {
        "type": "context",
        "elements": [
            {"type": "mrkdwn", "text": _cut(p)} for p in parts[:MAX_CONTEXT_ELEMENTS] if p
        ],
    }


def _header(text: str) -> Block:
    plain = one_line(text)
    if len(plain) > MAX_HEADER:
        plain = plain[: MAX_HEADER - 1] + "…"
    return {"type": "header", "text": {"type": "plain_text", "text": plain, "emoji": False}}


def item_blocks(item: Item, company: str) -> list[Block]:
    """One milestone: headline, chips, quoted evidence and the release link."""
    chips = [f"*{escape(item.label)}*", escape(item.agency) if item.agency else "",
             escape(company), escape(item.date), escape(item.wire)]  # fmt: skip
    quote = "\n".join(f">{line}" for line in [escape(item.evidence)] if line)
    return [
        _section(f"*{escape(item.summary)}*\n{quote}\n{_link(item.url, item.headline)}"),
        _context(chips),
    ]


def correction_blocks(correction: Correction) -> list[Block]:
    return [
        _section(
            f":warning: *Correction:* {escape(correction.summary)} was a false positive "
            f"({escape(correction.reason)}).\n{_link(correction.url, correction.headline)}"
        )
    ]


def _groups(content: DigestContent) -> list[list[Block]]:
    """Blocks that must stay in one message: a company title with its first milestone, each
    further milestone, each correction."""
    groups: list[list[Block]] = []
    for section in content.sections:
        groups.extend(_section_groups(section))
    if content.corrections:
        groups.append([_section("*Corrections*"), *correction_blocks(content.corrections[0])])
        groups.extend(correction_blocks(c) for c in content.corrections[1:])
    return groups


def _section_groups(section: CompanySection) -> list[list[Block]]:
    title = {"type": "divider"}, _section(f"*{escape(section.company)}*")
    out = []
    for n, item in enumerate(section.items):
        blocks = item_blocks(item, section.company)
        out.append([*title, *blocks] if n == 0 else blocks)
    return out


def title_of(content: DigestContent) -> str:
    count = content.count
    if content.kind == "alert":
        item = content.sections[0].items[0]
        return f"{item.label}: {one_line(content.sections[0].company)}"
    what = f"{count} new milestone{'s' if count != 1 else ''}" if count else "corrections"
    return f"Milestone digest: {what}"


def text_of(blocks: Sequence[Block]) -> str:
    """The same message as mrkdwn text: Slack's notification text, and what Mattermost and
    Rocket.Chat show (they take the payload but not Block Kit)."""
    lines = []
    for block in blocks:
        if block["type"] == "header":
            lines.append(f"*{escape(block['text']['text'])}*")
        elif block["type"] == "section":
            lines.append(block["text"]["text"])
        elif block["type"] == "context":
            lines.append(" · ".join(e["text"] for e in block["elements"]))
        elif block["type"] == "divider":
            lines.append("")
    return _cut("\n".join(lines), MAX_MESSAGE_TEXT)


def render_messages(content: DigestContent) -> list[Block]:
    """The digest or alert as one or more messages (payloads for the incoming webhook)."""
    footer = _context(
        [
            f"{escape(content.generated)} · for {escape(content.recipient)}: {escape(content.filters)}"
        ]
    )
    pages: list[list[Block]] = [[]]
    for group in _groups(content):
        if pages[-1] and len(pages[-1]) + len(group) > MAX_BLOCKS - RESERVED:
            pages.append([])
        pages[-1].extend(group)
    title = title_of(content)
    messages = []
    for n, blocks in enumerate(pages, start=1):
        part = f" (part {n} of {len(pages)})" if len(pages) > 1 else ""
        whole = [_header(title + part), *blocks, footer]
        messages.append({"text": text_of(whole), "blocks": whole})
    return messages


def render_ops(title: str, summary: str, facts: Sequence[tuple[str, str]], advice: str) -> Block:
    """An ops alert (watch health, a failed delivery) as one message."""
    lines = "\n".join(f"*{escape(k)}:* {escape(v)}" for k, v in facts)
    blocks = [_header(f"wirewatch: {title}"), _section(escape(summary))]
    if lines:
        blocks.append(_section(lines))
    if advice:
        blocks.append(_context([escape(advice)]))
    return {"text": text_of(blocks), "blocks": blocks}


def payload(messages: Sequence[Mapping[str, Any]]) -> str:
    """What the outbox stores: the messages in order (a retry resumes at the first unsent)."""
    return json.dumps({"messages": list(messages)}, ensure_ascii=False, separators=(",", ":"))


def messages_of(stored: str) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = json.loads(stored)["messages"]
    return messages
