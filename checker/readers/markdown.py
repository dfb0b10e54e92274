"""Markdown articles via markdown-it-py, with front matter and exact positions.

Code blocks, inline code and HTML are never checked. markdown-it gives each block its source
lines; inside a block, inline text is located in the source so that every character keeps its
offset even when emphasis, links or escapes were removed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.document import (
    HEADING,
    LIST_ITEM,
    META,
    PARAGRAPH,
    QUOTE,
    TITLE,
    Block,
    Document,
    Meta,
    Problem,
)
from checker.readers.blocks import fold, link_spans, mark_lede
from checker.readers.frontmatter import parse_front_matter, split_front_matter

_NEWLINE = re.compile(r"\r\n?|\n")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def read_markdown(path: str, source: str) -> Document:
    problems: list[Problem] = []
    kind, fm_text, fm_start, fm_end, problem = split_front_matter(source)
    meta = Meta()
    if problem:
        problems.append(problem)
    if fm_end:
        meta, problem = parse_front_matter(kind, fm_text, fm_start, source)
        if problem:
            problems.append(problem)
    # Blank the front matter (keeping its line breaks) so markdown-it's line maps stay true.
    body = source
    if fm_end:
        body = "".join(c if c == "\n" else " " for c in source[:fm_end]) + source[fm_end:]
    if body.startswith("\ufeff"):
        body = " " + body[1:]

    # Lines as markdown-it counts them (its line maps): CRLF, a lone CR and LF each end one.
    line_starts = [0, *(m.end() for m in _NEWLINE.finditer(source))]

    blocks: list[Block] = []
    stack: list[str] = []
    tokens = _parser().parse(body)
    pending_kind = PARAGRAPH
    for tok in tokens:
        if tok.nesting == 1:
            stack.append(tok.type)
        elif tok.nesting == -1 and stack:
            stack.pop()
        if tok.type == "heading_open":
            has_title = any(b.kind == TITLE for b in blocks)
            pending_kind = TITLE if tok.tag == "h1" and not has_title and not blocks else HEADING
            continue
        if tok.type == "paragraph_open":
            if "blockquote_open" in stack:
                pending_kind = QUOTE
            elif "list_item_open" in stack:
                pending_kind = LIST_ITEM
            else:
                pending_kind = PARAGRAPH
            continue
        if tok.type in ("th_open", "td_open"):
            pending_kind = META
            continue
        if tok.type != "inline" or tok.map is None:
            continue
        links: list[tuple[str, int, int]] = []
        chars = _inline_chars(tok, source, line_starts, links)
        text, offsets = fold(chars)
        if text:
            blocks.append(
                Block(pending_kind, text, offsets, links=link_spans(chars, links, offsets))
            )
        pending_kind = PARAGRAPH

    if meta.title and not any(b.kind == TITLE for b in blocks):
        title_block = _front_matter_title(source, fm_start, fm_end, meta.title)
        if title_block:
            blocks.insert(0, title_block)
    if not meta.title:
        title = next((b for b in blocks if b.kind == TITLE), None)
        meta.title = title.text if title else None
    mark_lede(blocks)
    return Document(path, source, "markdown", meta, blocks, problems)


def _inline_chars(
    tok, source: str, line_starts: list[int], links: list[tuple[str, int, int]] | None = None
) -> list[tuple[str, int]]:
    """(character, source offset) for the visible text of an inline token.

    ``links`` receives ``(href, i, j)``: the link text is ``out[i:j]``."""
    content: str = tok.content
    first_line = tok.map[0]
    # Map each character of tok.content to the source: content lines are suffixes of lines.
    cmap: list[int] = []
    for j, cline in enumerate(content.split("\n")):
        ln = first_line + j
        if ln >= len(line_starts):
            base = len(source)
            cmap.extend([base] * (len(cline) + 1))
            continue
        start = line_starts[ln]
        end = line_starts[ln + 1] - 1 if ln + 1 < len(line_starts) else len(source)
        sline = source[start:end].rstrip("\r")
        col = sline.find(cline) if cline else len(sline)
        if col < 0:
            col = max(0, len(sline) - len(cline))
        cmap.extend(range(start + col, start + col + len(cline) + 1))  # + the line break
    cmap.append(cmap[-1] if cmap else 0)

    out: list[tuple[str, int]] = []
    opened: list[tuple[str, int]] = []
    cursor = 0
    for child in tok.children or []:
        ctype = child.type
        if ctype == "text":
            piece = child.content
            at = content.find(piece, cursor)
            if at >= 0:
                out.extend(zip(piece, cmap[at : at + len(piece)], strict=True))
                cursor = at + len(piece)
            else:  # escapes or entities changed the text: align character by character
                for ch in piece:
                    at = content.find(ch, cursor) if not ch.isspace() else -1
                    if at >= 0:
                        out.append((ch, cmap[at]))
                        cursor = at + 1
                    else:
                        out.append((ch, cmap[min(cursor, len(cmap) - 1)]))
        elif ctype in ("softbreak", "hardbreak"):
            at = content.find("\n", cursor)
            if at >= 0:
                out.append((" ", cmap[at]))
                cursor = at + 1
        elif ctype == "link_open":
            opened.append((str(child.attrGet("href") or ""), len(out)))
        elif ctype == "link_close":
            cursor = _skip_link_target(content, cursor)
            if opened and links is not None:
                href, start = opened.pop()
                links.append((href, start, len(out)))
        elif ctype in ("code_inline", "html_inline"):
            marker = child.markup if ctype == "code_inline" else ""
            at = content.find(marker + child.content, cursor)
            if at >= 0:
                cursor = at + len(marker + child.content) + len(marker)
            if child.content.lower().startswith("<br"):
                out.append((" ", cmap[min(cursor, len(cmap) - 1)]))
        elif ctype == "image":
            continue
    return out


def _skip_link_target(content: str, cursor: int) -> int:
    """Move past ``](url "title")``, ``][ref]`` or ``>`` that closes a link."""
    if content.startswith("](", cursor):
        depth, i = 0, cursor + 2
        while i < len(content):
            if content[i] == "(":
                depth += 1
            elif content[i] == ")":
                if depth == 0:
                    return i + 1
                depth -= 1
            i += 1
        return cursor
    if content.startswith("][", cursor):
        end = content.find("]", cursor + 2)
        return end + 1 if end >= 0 else cursor
    if content.startswith(("]", ">"), cursor):
        return cursor + 1
    return cursor


def _front_matter_title(source: str, start: int, end: int, title: str) -> Block | None:
    """A title block pointing at the title's value inside the front matter."""
    region = source[start:end]
    at = region.find(title)
    if at < 0:
        return None
    base = start + at
    offsets = list(range(base, base + len(title) + 1))
    return Block(TITLE, title, offsets)
