"""Checking a dataset against your own copy of a source document.

The sources are not shipped, only their fingerprints: each ``Document`` record
gives the SHA-256 of its text and how many paragraphs it has. [`verify`][sinorussia.verify]
takes a copy of the text and checks it against the record and the records
against it:

- the SHA-256 of the bytes as given equals ``Document.sha256``;
- the text is UTF-8 and has ``Document.paragraphs`` paragraphs;
- every paragraph a citation of the document names exists in the text;
- the ``quote`` of every quotation that cites the document as stated occurs
  verbatim in one of the paragraphs it cites.

**Paragraphs.** A document's paragraphs are its non-empty lines, in order,
numbered from 1: the text is split at line feeds (a carriage return before one
is dropped), and lines that are empty or hold only white space are skipped.

**Quotations.** A quote matches when it is an exact substring of a cited
paragraph; nothing is normalised, except that the typographic double quotes
(“ ”) of the paragraph are not part of the quote: the article wraps quoted
speech in them, and the stored quote is the words inside.

Beside the checks, the result lays every citation of the document out with the
text of the paragraphs it cites ([`CitedClaim`][sinorussia.CitedClaim]), so a person can check
each claim against its source in one reading. The paths of the citations
inside a record (``citations[0]``, ``date[1].citation``,
``participants[0].citations[0]``) follow the field plan.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar

import attrs

from ._dataset import Dataset
from ._errors import Ambiguous, ArgumentError, NotFound
from ._fields import FieldError
from ._load import load
from ._model import Citation, DateClaim, Document, Entity, Milestone, Participant, Statement
from ._plan import plan
from ._query import Collection
from ._types import RecordRef, ref
from ._vocab import Basis, StatementKind

R = TypeVar("R", bound=Entity)

__all__ = [
    "CitedClaim",
    "Mismatch",
    "Passage",
    "Verification",
    "document_of",
    "located",
    "paragraphs",
    "verify",
]

ClaimKind = Literal["record", "quote", "date", "part"]

_MARKS = str.maketrans("", "", "\u201c\u201d")
"""Deletes the typographic double quotes, which are not part of a stored quote."""


class Passage(NamedTuple):
    """One cited paragraph of the text.

    Attributes:
        number: The paragraph's number, from 1.
        text: Its text, or ``None`` when the text has no such paragraph.

    """

    number: int
    text: str | None


@attrs.frozen
class Mismatch:
    """One thing that does not check.

    Attributes:
        record: The id of the record it is in (the document's id for the
            checksum, the encoding and the paragraph count).
        field: Where in the record: ``sha256``, ``text`` (the encoding),
            ``paragraphs`` (the count), ``quote``, or the path of a citation
            (``citations[0]``, ``date[1].citation``).
        paragraph: The paragraph concerned, where there is one: the missing
            paragraph, or the one paragraph a quote was looked for in.
        message: What is wrong, in plain words.

    """

    record: str
    field: str
    paragraph: int | None
    message: str

    def __str__(self) -> str:
        where = "" if self.paragraph is None else f" ¶{self.paragraph}"
        return f"{self.record} {self.field}{where}: {self.message}"


@attrs.frozen
class CitedClaim:
    """One citation of the document, with what it supports and the text it cites.

    Attributes:
        record: The id of the record the citation is in.
        label: The record's label (its name, title or text).
        field: The path of the citation in the record: ``citations[0]``,
            ``date[1].citation``, ``participants[0].citations[0]``.
        kind: What the citation supports: ``record`` (the record itself),
            ``quote`` (a quotation's words), ``date`` (one value of a date),
            or ``part`` (a participant, a milestone).
        claim: That claim as text: the record's label, the quote, the date's
            EDTF value, or the participant (``who (role)``) or milestone.
        basis: The citation's basis.
        note: The citation's note (how it was inferred), if any.
        passages: The cited paragraphs, in the citation's order, with their text.

    """

    record: str
    label: str
    field: str
    kind: ClaimKind
    claim: str
    basis: Basis
    note: str | None
    passages: tuple[Passage, ...]


@attrs.frozen
class Verification:
    """What [`verify`][sinorussia.verify] found.

    Attributes:
        document: The id of the ``Document`` record checked against.
        sha256: The SHA-256 of the text given.
        expected_sha256: The SHA-256 the record gives.
        paragraphs: How many paragraphs the text has.
        records: The ids of the records reported on, in order.
        entries: Every citation of the document in those records, with the
            text of the paragraphs it cites, record by record.
        mismatches: Everything that does not check, the document's own
            (checksum, encoding, paragraph count) first.

    """

    document: str
    sha256: str
    expected_sha256: str
    paragraphs: int
    records: tuple[str, ...]
    entries: tuple[CitedClaim, ...]
    mismatches: tuple[Mismatch, ...]

    @property
    def sha256_ok(self) -> bool:
        """Whether the text's SHA-256 is the one the record gives."""
        return self.sha256 == self.expected_sha256

    @property
    def ok(self) -> bool:
        """Whether everything checks: no mismatch, the checksum included."""
        return not self.mismatches


def paragraphs(text: str) -> tuple[str, ...]:
    """The paragraphs of a text: its non-empty lines, in order (number ``n`` is ``[n - 1]``)."""
    lines = (line.removesuffix("\r") for line in text.split("\n"))
    return tuple(line for line in lines if line.strip())


def document_of(
    text: str | bytes,
    *,
    id: str,
    title: str,
    language: str = "en",
    url: str | None = None,
) -> Document:
    r"""The ``Document`` record of a text: its paragraph count and SHA-256.

    The record is the one ``verify`` checks the same text against: the
    SHA-256 is that of the bytes as given (of the text encoded as UTF-8 when
    it is a string), and the paragraphs are counted as ``verify`` counts them
    (the non-empty lines). Paste it into the ``documents`` section of a
    dataset file, and cite its paragraphs by those numbers.

    Args:
        text: The document's text, or its bytes (UTF-8).
        id: The record's id, a slug such as ``"my-report"``.
        title: A descriptive title.
        language: The BCP 47 tag of the text's language.
        url: Where the text was published, if anywhere.

    Returns:
        The record; it checks against ``text`` (``verify`` finds no
        mismatch of the document itself).

    Raises:
        ArgumentError: ``text`` is neither a string nor bytes, is not UTF-8,
            or has no paragraph (it is empty, or white space only); a string
            holds a character UTF-8 cannot encode (a lone surrogate); or
            ``id``, ``title``, ``language`` or ``url`` is not valid for a
            ``Document`` (the message says why).

    Examples:
        >>> record = sr.document_of("First.\n\nSecond.\n", id="notes", title="My notes")
        >>> record.paragraphs, record.sha256[:12]
        (2, '70cadc75512b')

    """
    if isinstance(text, str):
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ArgumentError(
                f"document_of(text): character {exc.start} (U+{ord(text[exc.start]):04X})"
                " cannot be written in UTF-8"
            ) from None
        decoded = text
    elif isinstance(text, bytes | bytearray | memoryview):
        data = bytes(text)
        try:
            decoded = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ArgumentError(
                f"document_of(text): the text is not UTF-8: byte {exc.start} cannot be decoded"
            ) from None
    else:
        raise ArgumentError(
            f"document_of(text): expected a string or bytes, got {type(text).__name__}"
        )
    count = len(paragraphs(decoded))
    if count == 0:
        raise ArgumentError(
            "document_of(text): the text has no paragraph (no line with anything but white space)"
        )
    try:
        return Document(
            id=id,
            title=title,
            language=language,
            paragraphs=count,
            sha256=hashlib.sha256(data).hexdigest(),
            url=url,
        )
    except FieldError as exc:
        raise ArgumentError(f"document_of({exc.field or 'text'}): {exc}") from None


def verify(
    source: str | os.PathLike[str] | bytes,
    dataset: Dataset | None = None,
    *,
    document: RecordRef | None = None,
    records: RecordRef | Iterable[RecordRef] | None = None,
) -> Verification:
    """Check a copy of a source document against a dataset, and lay out its citations.

    Args:
        source: The path of your copy of the document, or its bytes.
        dataset: The dataset to check; by default the bundled one (``load()``).
        document: The ``Document`` record the text is a copy of (its id, its
            title or the record); needed only when the dataset has more than
            one document.
        records: The records to report on: ids, names or records (a single
            one may be given alone); by default every record that cites the
            document. The checks of the document itself always run.

    Returns:
        The result; ``result.ok`` when everything checks.

    Raises:
        OSError: The file cannot be read.
        NotFound: No document ``document``, or no record of an id or name in
            ``records``; the dataset has no document.
        Ambiguous: ``document`` is not given and the dataset has several, or
            a name fits several records equally well.

    Examples:
        >>> result = sr.verify("my-copy-of-the-article.txt")  # doctest: +SKIP
        >>> result.ok, [str(m) for m in result.mismatches]  # doctest: +SKIP
        (True, [])

    """
    data = bytes(source) if isinstance(source, bytes) else Path(source).read_bytes()
    if dataset is None:
        dataset = load()
    record = _document(dataset, document, source)
    mismatches: list[Mismatch] = []

    digest = hashlib.sha256(data).hexdigest()
    if digest != record.sha256:
        mismatches.append(
            Mismatch(
                record.id,
                "sha256",
                None,
                f"the text's SHA-256 is {digest}; the record gives {record.sha256}",
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        mismatches.append(
            Mismatch(
                record.id,
                "text",
                None,
                f"the text is not UTF-8: byte {exc.start} cannot be decoded"
                " (the other checks read it with replacement characters)",
            )
        )
    texts = paragraphs(text)
    if len(texts) != record.paragraphs:
        mismatches.append(
            Mismatch(
                record.id,
                "paragraphs",
                None,
                f"the text has {len(texts)} paragraphs (non-empty lines);"
                f" the record gives {record.paragraphs}",
            )
        )

    chosen = _chosen(dataset, record.id, records)
    entries: list[CitedClaim] = []
    for entity in chosen:
        _check(entity, record.id, texts, entries, mismatches)
    return Verification(
        document=record.id,
        sha256=digest,
        expected_sha256=record.sha256,
        paragraphs=len(texts),
        records=tuple(entity.id for entity in chosen),
        entries=tuple(entries),
        mismatches=tuple(mismatches),
    )


def _document(
    dataset: Dataset, document: RecordRef | None, source: str | os.PathLike[str] | bytes
) -> Document:
    if document is not None:
        found: Document = _record(dataset.documents, document, "verify(document)")
        return found
    documents = list(dataset.documents)
    if len(documents) == 1:
        return documents[0]
    name = "<bytes>" if isinstance(source, bytes) else Path(source).name
    if not documents:
        raise NotFound(name, kind="Document record for")
    raise Ambiguous(name, kind="document", candidates=[d.id for d in documents])


def _chosen(
    dataset: Dataset, document: str, records: RecordRef | Iterable[RecordRef] | None
) -> list[Entity]:
    if records is None:
        return [
            record
            for record in dataset.records()
            if any(c.document == document for _, c, _ in located(record))
        ]
    given = [records] if isinstance(records, str | Entity) else list(records)
    chosen = [_record(dataset.all(), value, "verify(records)") for value in given]
    return list({record.id: record for record in chosen}.values())


def _record(pool: Collection[R], value: object, where: str) -> R:
    """A record of ``pool`` given as a record, an id, or a name or alias."""
    wanted = ref(value, where)
    found = pool.get(wanted, None)
    return pool.lookup(wanted) if found is None else found


def located(value: Any, prefix: str = "") -> Iterator[tuple[str, Citation, Any]]:
    """Every citation in a record with its path and what it supports, by the field plan.

    The same citations as `_plan.citations`, in the same order,
    each as ``(path, citation, subject)``: the subject is the record or nested
    value whose citations it is, or the ``DateClaim`` it supports.
    """
    for step in plan(type(value)):
        kind = step.kind
        name = prefix + step.name
        if kind == "citations":
            for index, citation in enumerate(getattr(value, step.name)):
                yield f"{name}[{index}]", citation, value
        elif kind == "citation":
            yield name, getattr(value, step.name), value
        elif kind == "dating":
            dating = getattr(value, step.name)
            if dating is not None:
                for index, claim in enumerate(dating.claims):
                    yield f"{name}[{index}].citation", claim.citation, claim
        elif kind == "nested":
            for index, item in enumerate(getattr(value, step.name)):
                yield from located(item, f"{name}[{index}].")


def _quote_of(record: Entity) -> str | None:
    """The quote of a quotation; ``None`` for any other record."""
    if isinstance(record, Statement) and record.kind is StatementKind.QUOTATION:
        return record.quote
    return None


def _claim(record: Entity, subject: Any) -> tuple[ClaimKind, str]:
    if isinstance(subject, DateClaim):
        return "date", subject.value.edtf
    if subject is record:
        quote = _quote_of(record)
        if quote is not None:
            return "quote", quote
        return "record", record.label
    if isinstance(subject, Participant):
        return "part", f"{subject.who} ({subject.role.value})"
    if isinstance(subject, Milestone):
        return "part", subject.title
    return "part", repr(subject)


def _check(
    record: Entity,
    document: str,
    texts: tuple[str, ...],
    entries: list[CitedClaim],
    mismatches: list[Mismatch],
) -> None:
    count = len(texts)
    for path, citation, subject in located(record):
        if citation.document != document:
            continue
        for number in citation.paragraphs:
            if number > count:
                mismatches.append(
                    Mismatch(
                        record.id,
                        path,
                        number,
                        f"cites paragraph {number}, but the text has {count}",
                    )
                )
        kind, claim = _claim(record, subject)
        entries.append(
            CitedClaim(
                record=record.id,
                label=record.label,
                field=path,
                kind=kind,
                claim=claim,
                basis=citation.basis,
                note=citation.note,
                passages=tuple(
                    Passage(n, texts[n - 1] if n <= count else None) for n in citation.paragraphs
                ),
            )
        )
    quote = _quote_of(record)
    if isinstance(record, Statement) and quote is not None:
        stated = [
            n
            for c in record.citations
            if c.document == document and c.basis is Basis.STATED
            for n in c.paragraphs
        ]
        if stated:
            mismatch = _quote(record.id, quote, list(dict.fromkeys(stated)), texts)
            if mismatch is not None:
                mismatches.append(mismatch)


def _quote(record: str, quote: str, numbers: list[int], texts: tuple[str, ...]) -> Mismatch | None:
    """A mismatch unless ``quote`` occurs in one of the paragraphs ``numbers``."""
    searched = [(n, texts[n - 1]) for n in numbers if n <= len(texts)]
    for _, text in searched:
        if quote in text or quote in text.translate(_MARKS):
            return None
    where = ", ".join(f"¶{n}" for n in numbers)
    message = f"the quote “{quote}” is not in {where}"
    hint = _divergence(quote, searched)
    if hint:
        message += f"; {hint}"
    return Mismatch(record, "quote", numbers[0] if len(numbers) == 1 else None, message)


def _divergence(quote: str, searched: list[tuple[int, str]]) -> str:
    """Where the quote parts from the paragraph that shares its longest beginning."""
    best, number, position = 0, 0, 0
    for n, text in searched:
        plain = text.translate(_MARKS)
        low, high = 0, len(quote)  # the longest prefix that occurs: found by bisection
        while low < high:
            middle = (low + high + 1) // 2
            if quote[:middle] in plain:
                low = middle
            else:
                high = middle - 1
        if low > best:
            best, number, position = low, n, plain.index(quote[:low])
    if best < 10:
        return ""
    plain = dict(searched)[number].translate(_MARKS)
    before = quote[:best]
    return (
        f"it follows ¶{number} for {best} characters, up to “{_tail(before)}”,"
        f" then reads “{_head(quote[best:])}” where ¶{number} reads"
        f" “{_head(plain[position + best :])}”"
    )


def _head(text: str, size: int = 30) -> str:
    return text if len(text) <= size else text[:size] + "…"


def _tail(text: str, size: int = 30) -> str:
    return text if len(text) <= size else "…" + text[-size:]
