"""Question texts: one text model, and Moodle's text formats converted into it.

Definitions
-----------
*Question text* = every text a learner sees in a question: the stem, each option's text and
feedback, the general feedback and each matching prompt. Every question text is stored as
**sanitised HTML in Wagtail's database format**: pictures are ``<embed embedtype="image"
id=… format="fullwidth" alt=…/>`` (a Wagtail image), other files ``<a linktype="document"
id=…>`` (a Wagtail document), so they render through Wagtail's rich-text rewriters
(:func:`render`). Matching *answers* are plain text: they are the choices of a ``<select>``,
which can hold text only (in Moodle too they are a plain text field).

*Block* texts (stem, general feedback) are made of paragraphs; *inline* texts (option texts,
per-option feedback, matching prompts) sit inside a label or a sentence, so a lone ``<p>``
around them is removed.

Moodle's formats, converted as Moodle's ``format_text`` converts them (lib/weblib.php), then
sanitised:

- ``html`` (FORMAT_HTML): the HTML as written.
- ``plain`` / ``plain_text`` (FORMAT_PLAIN): every character escaped; a line break is ``<br>``.
- ``moodle`` / ``moodle_auto_format`` (FORMAT_MOODLE, GIFT's default): HTML written in the text
  works, as in Moodle's ``text_to_html``: white space between two tags is removed, a line
  break just before or after a tag becomes a space, and other line breaks become ``<br>``.
  Moodle shows a blank line as two ``<br>``; we make it a paragraph break (block texts), which
  looks the same and reads better with a screen reader. A lone ``<`` or ``&`` is shown as it is.
- ``markdown`` (FORMAT_MARKDOWN): Markdown, converted by Python-Markdown.

The sanitiser (:class:`FileHtml`) keeps paragraphs, line breaks, bold, italic, underline,
sub/superscript, lists, links (http, https, mailto, tel or relative) and pictures; anything
else is unwrapped (its text kept), and scripts, styles, frames and objects go with their
content. A picture from a file keeps only ``src`` and ``alt``; the import turns a
``@@PLUGINFILE@@/name`` reference into a Wagtail image or document (see
``courses.services.question_bank``). :class:`StoredHtml` is what a saved text may hold (the
same tags, with Wagtail's image embeds and page/document links instead of raw pictures); it is
applied when an option is saved in the admin and again whenever a text is shown.
"""

import html
import itertools
import re
from urllib.parse import unquote

import markdown as markdown_lib
from bs4 import BeautifulSoup
from bs4.formatter import HTMLFormatter
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

HTML = "html"
PLAIN = "plain"
MOODLE = "moodle"
MARKDOWN = "markdown"

# Moodle XML's format attribute and GIFT's [format] prefix → our names.
FORMAT_NAMES = {
    "html": HTML,
    "plain": PLAIN,
    "plain_text": PLAIN,
    "moodle": MOODLE,
    "moodle_auto_format": MOODLE,
    "markdown": MARKDOWN,
}

PLUGINFILE = "@@PLUGINFILE@@/"
_TEXT_TAGS = ("p", "br", "b", "strong", "i", "em", "u", "sub", "sup", "ol", "ul", "li")
_DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "iframe", "object", "embed", "frame", "frameset", "svg"}
)


def _only(*values: str):
    allowed = set(values)
    return lambda value: value if value in allowed else None


def _digits(value: str) -> str | None:
    return value if value.isdigit() else None


class _Escaping(HTMLFormatter):
    """Escapes ``& < >`` in text and ``& < > "`` in attribute values (always double-quoted, as
    Wagtail's rewriters expect), and nothing else: an apostrophe stays an apostrophe."""

    def __init__(self):
        super().__init__(void_element_close_prefix="")

    def substitute(self, ns):
        return ns.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def attribute_value(self, value):
        return self.substitute(value).replace('"', "&quot;")


_FORMATTER = _Escaping()


class FileHtml(Whitelister):
    """What a text read from a GIFT or Moodle XML file may hold."""

    def clean(self, html):
        doc = BeautifulSoup(html, "html.parser")
        self.clean_node(doc, doc)
        return doc.decode(formatter=_FORMATTER)

    element_rules = {
        "[document]": allow_without_attributes,
        "a": attribute_rule({"href": check_url}),
        "img": attribute_rule({"src": check_url, "alt": True}),
        **dict.fromkeys(_TEXT_TAGS, allow_without_attributes),
    }
    dropped_with_content = _DROPPED_WITH_CONTENT

    def clean_tag_node(self, doc, tag):
        if tag.name in self.dropped_with_content:
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


class StoredHtml(FileHtml):
    """What a saved question text may hold: no raw pictures, Wagtail's embeds and links."""

    element_rules = {
        "[document]": allow_without_attributes,
        "a": attribute_rule(
            {"href": check_url, "linktype": _only("page", "document"), "id": _digits}
        ),
        "embed": attribute_rule(
            {
                "embedtype": _only("image"),
                "id": _digits,
                "format": _only("fullwidth", "left", "right"),
                "alt": True,
            }
        ),
        **dict.fromkeys(_TEXT_TAGS, allow_without_attributes),
    }
    dropped_with_content = _DROPPED_WITH_CONTENT - {"embed"}


_SELF_CLOSED = re.compile(r"<(br|img)((?:\s[^>]*?)?)\s*/>")
_EMBED = re.compile(r"<embed\b([^>]*?)\s*/?>")


def _canonical(text: str) -> str:
    """``<br>``, ``<img …>``; but ``<embed …/>``, which Wagtail's rewriters look for."""
    return _EMBED.sub(r"<embed\1/>", _SELF_CLOSED.sub(r"<\1\2>", text))


def sanitise(text: str) -> str:
    """A text from a file, made safe (see :class:`FileHtml`)."""
    return _canonical(FileHtml().clean(text)) if text else ""


def sanitise_stored(text: str) -> str:
    """A saved text (or one typed in the admin), made safe (see :class:`StoredHtml`)."""
    return _canonical(StoredHtml().clean(text)) if text else ""


def convert(text: str, text_format: str, *, block: bool) -> str:
    """A text in one of Moodle's formats → sanitised HTML (block or inline, as above)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    text_format = FORMAT_NAMES.get(text_format, MOODLE)
    if text_format == HTML:
        converted = text
    elif text_format == MARKDOWN:  # the line breaks it writes between blocks mean nothing
        converted = re.sub(r">\n+<", "><", markdown_lib.markdown(text))
    elif text_format == PLAIN:
        converted = _paragraphs(html.escape(text, quote=False), block=block)
    else:
        converted = _paragraphs(_moodle_whitespace(text), block=block)
    cleaned = sanitise(converted).strip()
    return cleaned if block else unwrap_paragraph(cleaned)


def _moodle_whitespace(text: str) -> str:
    """Moodle's text_to_html, before its line breaks: white space around tags."""
    text = re.sub(r">\s+<", "><", text)
    text = re.sub(r"\n<", " <", text)
    return re.sub(r">\n", "> ", text)


_BLOCK_TAG = re.compile(r"<(?:p|div|ul|ol|table|h[1-6]|blockquote|pre)\b", re.IGNORECASE)


def _paragraphs(text: str, *, block: bool) -> str:
    """Line breaks → ``<br>``; a block text's blank lines separate ``<p>`` paragraphs."""
    chunks = [chunk.strip() for chunk in re.split(r"\n[ \t]*\n\s*", text)]
    chunks = [re.sub(r"[ \t]*\n[ \t]*", "<br>", chunk) for chunk in chunks if chunk]
    if not block:
        return "<br><br>".join(chunks)
    if _BLOCK_TAG.search(text):  # the writer made their own paragraphs
        return "<br><br>".join(chunks)
    return "".join(f"<p>{chunk}</p>" for chunk in chunks)


_LONE_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>(.*)</p>", re.DOTALL | re.IGNORECASE)


def unwrap_paragraph(text: str) -> str:
    """``<p>Paris</p>`` → ``Paris``; anything else is returned unchanged."""
    match = _LONE_PARAGRAPH.fullmatch(text.strip())
    if match and not re.search(r"</?p[\s>]", match.group(1), re.IGNORECASE):
        return match.group(1).strip()
    return text


_TOP_LEVEL = re.compile(r"<p(?:\s[^>]*)?>(.*?)</p>|(<embed\b[^>]*/>)", re.DOTALL | re.IGNORECASE)
_TRAILING_BREAKS = re.compile(r"(?:\s*<br\s*/?>)+\s*$", re.IGNORECASE)


def inline(text: str) -> str:
    """A text written in the rich-text editor, made an inline text (see the definitions above).

    The editor writes each line as a paragraph and each picture as a block of its own:
    ``<p>Look at</p><embed …/><p></p>``. Inside a label that is invalid HTML, so paragraphs and
    pictures are put on lines of their own instead, as the importers write an inline text's
    blank lines: ``Look at<br><embed …/>``. Empty paragraphs are dropped; a text that is not
    made only of paragraphs and pictures is returned as it is (less a lone paragraph).
    """
    text = text.strip()
    pieces, end = [], 0
    for match in _TOP_LEVEL.finditer(text):
        if text[end : match.start()].strip():
            return unwrap_paragraph(text)
        end = match.end()
        if match.group(2):
            pieces.append(("picture", match.group(2)))
        else:
            content = _TRAILING_BREAKS.sub("", match.group(1)).strip()
            if re.search(r"</?p[\s>]", content, re.IGNORECASE):
                return unwrap_paragraph(text)
            if content:
                pieces.append(("text", content))
    if not pieces or text[end:].strip():
        return unwrap_paragraph(text)
    joined = pieces[0][1]
    for (before, _), (kind, piece) in itertools.pairwise(pieces):
        joined += ("<br><br>" if before == kind == "text" else "<br>") + piece
    return joined


# --- Files referenced as @@PLUGINFILE@@/name ---------------------------------------------------

_REFERENCE = re.compile(r'(?:src|href)="@@PLUGINFILE@@/([^"]*)"')


def reference_name(raw: str) -> str:
    """The file name of one reference (what follows ``@@PLUGINFILE@@/``, as written in the
    HTML): unescaped, URL-decoded, without a query string or slashes at either end."""
    return unquote(html.unescape(raw)).split("?", 1)[0].strip("/")


def referenced_files(text: str) -> list[str]:
    """The file names a sanitised text refers to, URL-decoded, in order, without repeats."""
    names = []
    for raw in _REFERENCE.findall(text):
        name = reference_name(raw)
        if name not in names:
            names.append(name)
    return names


_IMG = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def images(text: str) -> list[dict[str, str]]:
    """The attributes of every ``<img>`` in a sanitised text (``alt`` absent if it had none)."""
    return [dict(_ATTR.findall(tag)) for tag in _IMG.findall(text)]


def embedded_images(text: str) -> list[dict[str, str]]:
    """The attributes of every picture in a stored text: raw ``<img>`` or Wagtail embeds."""
    found = images(text)
    for tag in re.findall(r"<embed\b[^>]*>", text):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get("embedtype") == "image":
            found.append(attrs)
    return found


def has_picture(text: str) -> bool:
    return bool(embedded_images(text))


IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "webp"})
DOCUMENT_EXTENSIONS = frozenset({"mp3", "m4a", "ogg", "oga", "wav", "pdf"})
MAX_FILE_BYTES = 2 * 1024 * 1024
FILE_TYPES = "pictures (JPEG, PNG, GIF or WebP), sound (MP3, M4A, OGG or WAV) and PDF documents"


def file_kind(name: str) -> str | None:
    """``"image"`` (stored as a Wagtail image), ``"document"`` (a Wagtail document, linked)
    or None (not accepted), by the file name's extension."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in IMAGE_EXTENSIONS:
        return "image"
    if extension in DOCUMENT_EXTENSIONS:
        return "document"
    return None
