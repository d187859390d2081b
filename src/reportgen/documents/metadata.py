"""What a source document states about itself, as CSL fields, with where each came from.

`pdf_metadata(data, file)` reads the document information dictionary and the XMP packet with
pypdf; `html_metadata(data, file)` reads a saved page's citation_* (Highwire/Google Scholar),
Dublin Core, Open Graph and JSON-LD (schema.org) metadata and its canonical link. Each
field is taken from the first source that has it, in the order of the tables below, and
`Metadata.origins` names that source, so an editor can judge it: a PDF's /CreationDate
or xmp:CreateDate is when the file was made, not necessarily when it was published.
Dates keep only the precision written; a name is split into family and given only when
written "Family, Given" (a name like "Seng Mai Aung" has no family name to split off).
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdf
from pypdf.errors import PdfReadError

from . import htmltext
from .unusable import unusable

Candidate = tuple[str, Any, str]
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XMP_NAMESPACES = {"dc": "http://purl.org/dc/elements/1.1/",
                  "xmp": "http://ns.adobe.com/xap/1.0/", "pdf": "http://ns.adobe.com/pdf/1.3/",
                  "prism": "http://prismstandard.org/namespaces/basic/2.0/",
                  "prism3": "http://prismstandard.org/namespaces/basic/3.0/"}
# (CSL field, XMP property) in order of preference.
XMP_FIELDS = [("title", "dc:title"), ("author", "dc:creator"),
              ("container-title", "prism:publicationName"), ("number", "prism:number"),
              ("volume", "prism:volume"), ("issue", "prism:issueIdentifier"),
              ("issued", "prism:publicationDate"), ("issued", "prism:coverDate"),
              ("issued", "dc:date"), ("DOI", "prism:doi"), ("URL", "prism:url"),
              ("publisher", "dc:publisher"), ("language", "dc:language"),
              ("abstract", "dc:description"), ("keyword", "pdf:Keywords"),
              ("issued", "xmp:CreateDate")]
INFO_FIELDS = [("title", "/Title"), ("author", "/Author"), ("abstract", "/Subject"),
               ("keyword", "/Keywords"), ("issued", "/CreationDate")]
# (CSL field, meta name or property) in order of preference; JSON-LD comes after citation_*.
META_FIELDS = [("title", "citation_title"), ("author", "citation_author"),
               ("issued", "citation_publication_date"), ("issued", "citation_date"),
               ("issued", "citation_online_date"), ("container-title", "citation_journal_title"),
               ("container-title", "citation_conference_title"),
               ("publisher", "citation_publisher"),
               ("publisher", "citation_technical_report_institution"),
               ("number", "citation_technical_report_number"), ("volume", "citation_volume"),
               ("issue", "citation_issue"), ("DOI", "citation_doi"),
               ("URL", "citation_public_url"), ("URL", "citation_abstract_html_url"),
               ("language", "citation_language")]
LATE_META_FIELDS = [("title", "dc.title"), ("title", "dcterms.title"),
                    ("author", "dc.creator"), ("author", "dcterms.creator"),
                    ("issued", "dcterms.issued"), ("issued", "dc.date"),
                    ("issued", "dcterms.date"), ("issued", "dcterms.created"),
                    ("publisher", "dc.publisher"), ("publisher", "dcterms.publisher"),
                    ("language", "dc.language"), ("language", "dcterms.language"),
                    ("title", "og:title"), ("container-title", "og:site_name"),
                    ("issued", "article:published_time"), ("author", "article:author"),
                    ("author", "author"), ("URL", "og:url")]
ARTICLE_TYPES = {"Article", "NewsArticle", "Report", "ScholarlyArticle", "BlogPosting",
                 "AnalysisNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle"}
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?")
_ISO_DATE = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?!\d)")
_MONTHS = {m: n for n, m in enumerate("january february march april may june july august "
                                      "september october november december".split(), 1)}
_WORDY_DATE = re.compile(r"(?:(\d{1,2})\s+)?([a-z]+)\.?\s+"
                         r"(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(\d{4})")
_JUNK_TITLE = re.compile(r"^(microsoft (word|powerpoint|excel) - |untitled\b|slide \d+$|"
                         r"document\d*$)|\.(docx?|pptx?|xlsx?|indd|pdf|odt|rtf|tex|dvi)$", re.I)
MAX_NAME_WORDS = 12  # longer than any organisation's name: a sentence
_NOTICE = re.compile(r"©|\(c\)|copyright|all rights reserved|licen[cs]e", re.IGNORECASE)
_JUNK_AUTHORS = {"administrator", "admin", "user", "owner", "windows user", "author",
                 "unknown", "default"}


@dataclass
class Metadata:
    """CSL fields of a document, and for each the metadata it was read from."""

    fields: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)


def merge(candidates: Iterable[Candidate]) -> Metadata:
    """The first usable value of each field, converted to its CSL form."""
    found = Metadata()
    for name, value, origin in candidates:
        if name in found.fields:
            continue
        converted = csl_value(name, value)
        if converted:
            found.fields[name], found.origins[name] = converted, origin
    return found


def csl_value(name: str, value: Any) -> Any:
    """A raw metadata value as a CSL field value, or None when it says nothing."""
    values = [" ".join(str(v).split()) for v in (value if isinstance(value, list) else [value])
              if v is not None]
    values = [v for v in values if v]
    if not values:
        return None
    if name == "author":
        names = [csl_name(v) for v in values if not is_junk_author(v)]
        return names or None
    if name == "issued":
        return csl_date(values[0])
    if name == "title" and _JUNK_TITLE.search(values[0]):
        return None
    if name == "keyword":
        return ", ".join(values)
    return values[0]


def csl_name(text: str) -> dict[str, str]:
    """A CSL name: family and given when written 'Family, Given', else the name as written."""
    if text.count(",") == 1:
        family, given = (part.strip() for part in text.split(","))
        if family and given:
            return {"family": family, "given": given}
    return {"literal": text}


def is_junk_author(text: str) -> bool:
    """Whether an author value is not a name: a default account name, a web address, or a
    sentence (a copyright or licence notice some producers put there)."""
    return (text.casefold() in _JUNK_AUTHORS or text.startswith(("http://", "https://"))
            or len(text.split()) > MAX_NAME_WORDS or _NOTICE.search(text) is not None)


def csl_date(text: str) -> dict[str, Any] | None:
    """A CSL date with only the precision written (2022, 2022-07, 2022-07-03), else raw."""
    numeric = _PDF_DATE.match(text.strip()) or _ISO_DATE.match(text.strip())
    if numeric:
        parts = [int(part) for part in numeric.groups() if part]
        if all(1 <= part <= limit for part, limit in zip(parts[1:], (12, 31), strict=False)):
            return {"date-parts": [parts]}
    wordy = _WORDY_DATE.search(text.casefold())
    if wordy and wordy.group(2) in _MONTHS:
        day = wordy.group(1) or wordy.group(3)
        parts = [int(wordy.group(4)), _MONTHS[wordy.group(2)]] + ([int(day)] if day else [])
        return {"date-parts": [parts]}
    return {"raw": text}


def pdf_metadata(data: bytes, file: Path) -> Metadata:
    """The CSL fields a PDF's XMP packet and document information state."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        info: Any = reader.metadata or {}
        xmp = reader.xmp_metadata
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise unusable(file, f"the PDF's metadata cannot be read ({error})",
                       "Download or export it again.") from error
    candidates = list(xmp_candidates(xmp.rdf_root)) if xmp is not None else []
    candidates += [(name, info_value(info, key), f"PDF {key}") for name, key in INFO_FIELDS]
    return merge(candidates)


def info_value(info: Any, key: str) -> Any:
    """A document information entry as text; /Author split into names at semicolons."""
    value = info.get(key)
    if value is None:
        return None
    text = str(value)
    return [part for part in text.split(";")] if key == "/Author" else text


def xmp_candidates(rdf_root: Any) -> Iterator[Candidate]:
    """Candidate fields from an XMP packet's RDF (as a minidom element)."""
    for name, prop in XMP_FIELDS:
        prefix, local = prop.split(":")
        namespaces = [XMP_NAMESPACES[prefix]]
        if prefix == "prism":
            namespaces.append(XMP_NAMESPACES["prism3"])
        values = [v for ns in namespaces for v in xmp_values(rdf_root, ns, local)]
        yield name, values if name == "author" else values[:1], f"XMP {prop}"


def xmp_values(rdf_root: Any, namespace: str, name: str) -> list[str]:
    """The values of an XMP property, as attribute or element, in a Seq, Bag or Alt or not."""
    values = []
    for description in rdf_root.getElementsByTagNameNS(RDF, "Description"):
        if description.getAttributeNS(namespace, name):
            values.append(description.getAttributeNS(namespace, name))
        for element in description.getElementsByTagNameNS(namespace, name):
            items = element.getElementsByTagNameNS(RDF, "li") or [element]
            values += [node_text(item) for item in items]
    return [value.strip() for value in values if value.strip()]


def node_text(node: Any) -> str:
    """The text inside a minidom node."""
    return "".join(child.data for child in node.childNodes if child.nodeType == child.TEXT_NODE)


def html_metadata(data: bytes, file: Path) -> Metadata:
    """The CSL fields a saved web page's metadata states."""
    return page_metadata(htmltext.read_html(data, file))


def page_metadata(document: ET.Element) -> Metadata:
    """The CSL fields of a parsed page: citation_*, JSON-LD, Dublin Core, Open Graph, <title>."""
    metas = meta_values(document)
    candidates: list[Candidate] = [(name, metas.get(key), f"HTML {key}")
                                   for name, key in META_FIELDS]
    candidates.append(("URL", canonical_url(document), "HTML link rel=canonical"))
    candidates += list(json_ld_candidates(document))
    candidates += [(name, metas.get(key), f"HTML {key}") for name, key in LATE_META_FIELDS]
    candidates += [("title", document.findtext("head/title"), "HTML title element"),
                   ("language", document.get("lang"), "HTML lang attribute")]
    return merge(candidates)


def meta_values(document: ET.Element) -> dict[str, list[str]]:
    """The content of every <meta>, by its name or property, lowercased."""
    values: dict[str, list[str]] = {}
    for meta in document.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content:
            values.setdefault(key, []).append(content)
    return values


def canonical_url(document: ET.Element) -> str | None:
    """The href of <link rel="canonical">, if the page has one."""
    for link in document.iter("link"):
        href = (link.get("href") or "").strip()
        if "canonical" in link.get("rel", "").lower().split() and href:
            return href
    return None


def json_ld_candidates(document: ET.Element) -> Iterator[Candidate]:
    """Candidate fields from the page's schema.org Article, NewsArticle or Report."""
    nodes = list(json_ld_nodes(document))
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    for node in nodes:
        if not ARTICLE_TYPES & set(as_list(node.get("@type"))):
            continue
        authors = [thing_name(author, by_id) for author in as_list(node.get("author"))]
        yield "title", node.get("headline") or node.get("name"), "HTML JSON-LD headline"
        yield "author", [author for author in authors if author], "HTML JSON-LD author"
        yield "issued", node.get("datePublished"), "HTML JSON-LD datePublished"
        yield "publisher", thing_name(node.get("publisher"), by_id), "HTML JSON-LD publisher"
        yield "container-title", thing_name(node.get("isPartOf"), by_id), "HTML JSON-LD isPartOf"
        yield "URL", node.get("url"), "HTML JSON-LD url"
        yield "language", node.get("inLanguage"), "HTML JSON-LD inLanguage"


def json_ld_nodes(document: ET.Element) -> Iterator[dict[str, Any]]:
    """Every object of the page's JSON-LD scripts, @graph members included."""
    for script in document.iter("script"):
        if script.get("type", "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue
        yield from graph_nodes(data)


def graph_nodes(data: Any) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD value and of the @graph lists inside it."""
    for item in as_list(data):
        if isinstance(item, dict):
            yield item
            yield from graph_nodes(item.get("@graph"))


def as_list(value: Any) -> list[Any]:
    """A JSON-LD value that may be one item or a list, as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def thing_name(value: Any, by_id: dict[str, dict[str, Any]]) -> str | None:
    """The name of a schema.org Person or Organization, following an @id reference."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict) and "name" not in value:
        value = by_id.get(str(value.get("@id")), value)
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else None
