"""The structure functions of the fast path of loading, written by `_fast`.

Written by ``python -m sinorussia._fast`` from the field plan: do not edit. A
test checks that this is what `_fast` writes for the model as it is, and
`_fast` uses it only then (see `SOURCE_CHECK`).
"""

# fmt: off
# ruff: noqa
from __future__ import annotations

from typing import Any

SOURCE_CHECK = (89746, 4242554149)
"""The length and the CRC-32 of the code of ``factory`` (UTF-8) as `_fast` writes it."""

def factory(E: dict[str, Any]) -> Any:
    """The function that structures one document, with caches of its own."""
    A_Citation_document = E['A_Citation_document']
    A_Citation_note = E['A_Citation_note']
    A_Citation_paragraphs = E['A_Citation_paragraphs']
    A_Citation_source = E['A_Citation_source']
    A_Country_aliases = E['A_Country_aliases']
    A_Country_alpha2 = E['A_Country_alpha2']
    A_Country_alpha3 = E['A_Country_alpha3']
    A_Country_citations = E['A_Country_citations']
    A_Country_id = E['A_Country_id']
    A_Country_name = E['A_Country_name']
    A_Country_official_name = E['A_Country_official_name']
    A_Country_wikidata = E['A_Country_wikidata']
    A_Document_id = E['A_Document_id']
    A_Document_language = E['A_Document_language']
    A_Document_paragraphs = E['A_Document_paragraphs']
    A_Document_sha256 = E['A_Document_sha256']
    A_Document_title = E['A_Document_title']
    A_Document_url = E['A_Document_url']
    A_Happening_about = E['A_Happening_about']
    A_Happening_citations = E['A_Happening_citations']
    A_Happening_id = E['A_Happening_id']
    A_Happening_origin = E['A_Happening_origin']
    A_Happening_place = E['A_Happening_place']
    A_Happening_title = E['A_Happening_title']
    A_Leader_aliases = E['A_Leader_aliases']
    A_Leader_citations = E['A_Leader_citations']
    A_Leader_description = E['A_Leader_description']
    A_Leader_id = E['A_Leader_id']
    A_Leader_name = E['A_Leader_name']
    A_Leader_nationality = E['A_Leader_nationality']
    A_Leader_wikidata = E['A_Leader_wikidata']
    A_Meeting_citations = E['A_Meeting_citations']
    A_Meeting_commemorates = E['A_Meeting_commemorates']
    A_Meeting_count = E['A_Meeting_count']
    A_Meeting_id = E['A_Meeting_id']
    A_Meeting_place = E['A_Meeting_place']
    A_Meeting_title = E['A_Meeting_title']
    A_Milestone_citations = E['A_Milestone_citations']
    A_Milestone_title = E['A_Milestone_title']
    A_Office_citations = E['A_Office_citations']
    A_Office_id = E['A_Office_id']
    A_Office_organisation = E['A_Office_organisation']
    A_Office_person = E['A_Office_person']
    A_Office_post = E['A_Office_post']
    A_Office_posted_to = E['A_Office_posted_to']
    A_Organisation_aliases = E['A_Organisation_aliases']
    A_Organisation_citations = E['A_Organisation_citations']
    A_Organisation_country = E['A_Organisation_country']
    A_Organisation_id = E['A_Organisation_id']
    A_Organisation_members = E['A_Organisation_members']
    A_Organisation_name = E['A_Organisation_name']
    A_Organisation_wikidata = E['A_Organisation_wikidata']
    A_Participant_who = E['A_Participant_who']
    A_Person_aliases = E['A_Person_aliases']
    A_Person_citations = E['A_Person_citations']
    A_Person_description = E['A_Person_description']
    A_Person_id = E['A_Person_id']
    A_Person_name = E['A_Person_name']
    A_Person_nationality = E['A_Person_nationality']
    A_Person_wikidata = E['A_Person_wikidata']
    A_Place_aliases = E['A_Place_aliases']
    A_Place_citations = E['A_Place_citations']
    A_Place_id = E['A_Place_id']
    A_Place_name = E['A_Place_name']
    A_Place_wikidata = E['A_Place_wikidata']
    A_Place_within = E['A_Place_within']
    A_Project_agreements = E['A_Project_agreements']
    A_Project_aliases = E['A_Project_aliases']
    A_Project_citations = E['A_Project_citations']
    A_Project_id = E['A_Project_id']
    A_Project_location = E['A_Project_location']
    A_Project_name = E['A_Project_name']
    A_Project_parties = E['A_Project_parties']
    A_Quantity_measure = E['A_Quantity_measure']
    A_Quantity_unit = E['A_Quantity_unit']
    A_Quantity_value = E['A_Quantity_value']
    A_Statement_about = E['A_Statement_about']
    A_Statement_citations = E['A_Statement_citations']
    A_Statement_id = E['A_Statement_id']
    A_Statement_occasion = E['A_Statement_occasion']
    A_Statement_place = E['A_Statement_place']
    A_Statement_quote = E['A_Statement_quote']
    A_Statement_speaker = E['A_Statement_speaker']
    A_Statement_text = E['A_Statement_text']
    A_Statement_topics = E['A_Statement_topics']
    A_Treaty_aliases = E['A_Treaty_aliases']
    A_Treaty_citations = E['A_Treaty_citations']
    A_Treaty_concerns = E['A_Treaty_concerns']
    A_Treaty_id = E['A_Treaty_id']
    A_Treaty_name = E['A_Treaty_name']
    A_Treaty_parties = E['A_Treaty_parties']
    A_Treaty_place = E['A_Treaty_place']
    A_Treaty_signed_at = E['A_Treaty_signed_at']
    A_Treaty_topics = E['A_Treaty_topics']
    B_Citation = E['B_Citation']
    B_Country = E['B_Country']
    B_Document = E['B_Document']
    B_Happening = E['B_Happening']
    B_Leader = E['B_Leader']
    B_Meeting = E['B_Meeting']
    B_Milestone = E['B_Milestone']
    B_Office = E['B_Office']
    B_Organisation = E['B_Organisation']
    B_Person = E['B_Person']
    B_Place = E['B_Place']
    B_Project = E['B_Project']
    B_Statement = E['B_Statement']
    B_Treaty = E['B_Treaty']
    C_s_Citation = E['C_s_Citation']
    C_s_Country = E['C_s_Country']
    C_s_DateClaim = E['C_s_DateClaim']
    C_s_DateClaim_fresh = E['C_s_DateClaim_fresh']
    C_s_Document = E['C_s_Document']
    C_s_Happening = E['C_s_Happening']
    C_s_Leader = E['C_s_Leader']
    C_s_Meeting = E['C_s_Meeting']
    C_s_Milestone = E['C_s_Milestone']
    C_s_Office = E['C_s_Office']
    C_s_Organisation = E['C_s_Organisation']
    C_s_Participant = E['C_s_Participant']
    C_s_Person = E['C_s_Person']
    C_s_Place = E['C_s_Place']
    C_s_Project = E['C_s_Project']
    C_s_Quantity = E['C_s_Quantity']
    C_s_Statement = E['C_s_Statement']
    C_s_Treaty = E['C_s_Treaty']
    D_s_Citation_confidence = E['D_s_Citation_confidence']
    D_s_Citation_document = E['D_s_Citation_document']
    D_s_Citation_note = E['D_s_Citation_note']
    D_s_Citation_paragraphs = E['D_s_Citation_paragraphs']
    D_s_Citation_source = E['D_s_Citation_source']
    D_s_Country_aliases = E['D_s_Country_aliases']
    D_s_Country_alpha2 = E['D_s_Country_alpha2']
    D_s_Country_alpha3 = E['D_s_Country_alpha3']
    D_s_Country_official_name = E['D_s_Country_official_name']
    D_s_Country_wikidata = E['D_s_Country_wikidata']
    D_s_Document_date = E['D_s_Document_date']
    D_s_Document_url = E['D_s_Document_url']
    D_s_Happening_about = E['D_s_Happening_about']
    D_s_Happening_date = E['D_s_Happening_date']
    D_s_Happening_figures = E['D_s_Happening_figures']
    D_s_Happening_origin = E['D_s_Happening_origin']
    D_s_Happening_participants = E['D_s_Happening_participants']
    D_s_Happening_place = E['D_s_Happening_place']
    D_s_Leader_aliases = E['D_s_Leader_aliases']
    D_s_Leader_description = E['D_s_Leader_description']
    D_s_Leader_nationality = E['D_s_Leader_nationality']
    D_s_Leader_wikidata = E['D_s_Leader_wikidata']
    D_s_Meeting_commemorates = E['D_s_Meeting_commemorates']
    D_s_Meeting_count = E['D_s_Meeting_count']
    D_s_Meeting_date = E['D_s_Meeting_date']
    D_s_Meeting_participants = E['D_s_Meeting_participants']
    D_s_Meeting_place = E['D_s_Meeting_place']
    D_s_Milestone_date = E['D_s_Milestone_date']
    D_s_Office_attested = E['D_s_Office_attested']
    D_s_Office_end = E['D_s_Office_end']
    D_s_Office_posted_to = E['D_s_Office_posted_to']
    D_s_Office_start = E['D_s_Office_start']
    D_s_Organisation_aliases = E['D_s_Organisation_aliases']
    D_s_Organisation_country = E['D_s_Organisation_country']
    D_s_Organisation_members = E['D_s_Organisation_members']
    D_s_Organisation_wikidata = E['D_s_Organisation_wikidata']
    D_s_Participant_citations = E['D_s_Participant_citations']
    D_s_Participant_role = E['D_s_Participant_role']
    D_s_Person_aliases = E['D_s_Person_aliases']
    D_s_Person_description = E['D_s_Person_description']
    D_s_Person_nationality = E['D_s_Person_nationality']
    D_s_Person_wikidata = E['D_s_Person_wikidata']
    D_s_Place_aliases = E['D_s_Place_aliases']
    D_s_Place_wikidata = E['D_s_Place_wikidata']
    D_s_Place_within = E['D_s_Place_within']
    D_s_Project_agreements = E['D_s_Project_agreements']
    D_s_Project_aliases = E['D_s_Project_aliases']
    D_s_Project_location = E['D_s_Project_location']
    D_s_Project_milestones = E['D_s_Project_milestones']
    D_s_Project_parties = E['D_s_Project_parties']
    D_s_Quantity_unit = E['D_s_Quantity_unit']
    D_s_Statement_about = E['D_s_Statement_about']
    D_s_Statement_date = E['D_s_Statement_date']
    D_s_Statement_figures = E['D_s_Statement_figures']
    D_s_Statement_occasion = E['D_s_Statement_occasion']
    D_s_Statement_place = E['D_s_Statement_place']
    D_s_Statement_quote = E['D_s_Statement_quote']
    D_s_Statement_speaker = E['D_s_Statement_speaker']
    D_s_Statement_topics = E['D_s_Statement_topics']
    D_s_Treaty_aliases = E['D_s_Treaty_aliases']
    D_s_Treaty_concerns = E['D_s_Treaty_concerns']
    D_s_Treaty_in_force = E['D_s_Treaty_in_force']
    D_s_Treaty_parties = E['D_s_Treaty_parties']
    D_s_Treaty_place = E['D_s_Treaty_place']
    D_s_Treaty_signatories = E['D_s_Treaty_signatories']
    D_s_Treaty_signed = E['D_s_Treaty_signed']
    D_s_Treaty_signed_at = E['D_s_Treaty_signed_at']
    D_s_Treaty_topics = E['D_s_Treaty_topics']
    E_Citation_basis = E['E_Citation_basis']
    E_Citation_confidence = E['E_Citation_confidence']
    E_Happening_kind = E['E_Happening_kind']
    E_Meeting_kind = E['E_Meeting_kind']
    E_Milestone_status = E['E_Milestone_status']
    E_Office_role = E['E_Office_role']
    E_Office_status = E['E_Office_status']
    E_Organisation_kind = E['E_Organisation_kind']
    E_Participant_role = E['E_Participant_role']
    E_Place_kind = E['E_Place_kind']
    E_Project_sector = E['E_Project_sector']
    E_Project_status = E['E_Project_status']
    E_Statement_kind = E['E_Statement_kind']
    E_Treaty_kind = E['E_Treaty_kind']
    K_Citation = E['K_Citation']
    K_Happening = E['K_Happening']
    K_Leader = E['K_Leader']
    K_Meeting = E['K_Meeting']
    K_Office = E['K_Office']
    K_Organisation = E['K_Organisation']
    K_Participant = E['K_Participant']
    K_Person = E['K_Person']
    K_Place = E['K_Place']
    K_Project = E['K_Project']
    K_Statement = E['K_Statement']
    K_Treaty = E['K_Treaty']
    MIN_Document_paragraphs = E['MIN_Document_paragraphs']
    MIN_Meeting_count = E['MIN_Meeting_count']
    P_Citation = E['P_Citation']
    P_Happening = E['P_Happening']
    P_Meeting = E['P_Meeting']
    P_Office = E['P_Office']
    P_Project = E['P_Project']
    P_Statement = E['P_Statement']
    P_Treaty = E['P_Treaty']
    R_Country = E['R_Country']
    R_Document = E['R_Document']
    R_Happening = E['R_Happening']
    R_Leader = E['R_Leader']
    R_Meeting = E['R_Meeting']
    R_Office = E['R_Office']
    R_Organisation = E['R_Organisation']
    R_Person = E['R_Person']
    R_Place = E['R_Place']
    R_Project = E['R_Project']
    R_Statement = E['R_Statement']
    R_Treaty = E['R_Treaty']
    S_DateClaim_citation = E['S_DateClaim_citation']
    S_DateClaim_value = E['S_DateClaim_value']
    S_Dating_best = E['S_Dating_best']
    S_Dating_claims = E['S_Dating_claims']
    S_Participant_citations = E['S_Participant_citations']
    S_Participant_role = E['S_Participant_role']
    S_Participant_who = E['S_Participant_who']
    S_Quantity_measure = E['S_Quantity_measure']
    S_Quantity_unit = E['S_Quantity_unit']
    S_Quantity_value = E['S_Quantity_value']
    V_Citation_document = E['V_Citation_document']
    V_Citation_note = E['V_Citation_note']
    V_Citation_paragraphs = E['V_Citation_paragraphs']
    V_Citation_source = E['V_Citation_source']
    V_Country_aliases = E['V_Country_aliases']
    V_Country_alpha2 = E['V_Country_alpha2']
    V_Country_alpha3 = E['V_Country_alpha3']
    V_Country_citations = E['V_Country_citations']
    V_Country_id = E['V_Country_id']
    V_Country_name = E['V_Country_name']
    V_Country_official_name = E['V_Country_official_name']
    V_Country_wikidata = E['V_Country_wikidata']
    V_Document_id = E['V_Document_id']
    V_Document_language = E['V_Document_language']
    V_Document_paragraphs = E['V_Document_paragraphs']
    V_Document_sha256 = E['V_Document_sha256']
    V_Document_title = E['V_Document_title']
    V_Document_url = E['V_Document_url']
    V_Happening_about = E['V_Happening_about']
    V_Happening_citations = E['V_Happening_citations']
    V_Happening_id = E['V_Happening_id']
    V_Happening_origin = E['V_Happening_origin']
    V_Happening_place = E['V_Happening_place']
    V_Happening_title = E['V_Happening_title']
    V_Leader_aliases = E['V_Leader_aliases']
    V_Leader_citations = E['V_Leader_citations']
    V_Leader_description = E['V_Leader_description']
    V_Leader_id = E['V_Leader_id']
    V_Leader_name = E['V_Leader_name']
    V_Leader_nationality = E['V_Leader_nationality']
    V_Leader_wikidata = E['V_Leader_wikidata']
    V_Meeting_citations = E['V_Meeting_citations']
    V_Meeting_commemorates = E['V_Meeting_commemorates']
    V_Meeting_count = E['V_Meeting_count']
    V_Meeting_id = E['V_Meeting_id']
    V_Meeting_place = E['V_Meeting_place']
    V_Meeting_title = E['V_Meeting_title']
    V_Milestone_citations = E['V_Milestone_citations']
    V_Milestone_title = E['V_Milestone_title']
    V_Office_citations = E['V_Office_citations']
    V_Office_id = E['V_Office_id']
    V_Office_organisation = E['V_Office_organisation']
    V_Office_person = E['V_Office_person']
    V_Office_post = E['V_Office_post']
    V_Office_posted_to = E['V_Office_posted_to']
    V_Organisation_aliases = E['V_Organisation_aliases']
    V_Organisation_citations = E['V_Organisation_citations']
    V_Organisation_country = E['V_Organisation_country']
    V_Organisation_id = E['V_Organisation_id']
    V_Organisation_members = E['V_Organisation_members']
    V_Organisation_name = E['V_Organisation_name']
    V_Organisation_wikidata = E['V_Organisation_wikidata']
    V_Participant_who = E['V_Participant_who']
    V_Person_aliases = E['V_Person_aliases']
    V_Person_citations = E['V_Person_citations']
    V_Person_description = E['V_Person_description']
    V_Person_id = E['V_Person_id']
    V_Person_name = E['V_Person_name']
    V_Person_nationality = E['V_Person_nationality']
    V_Person_wikidata = E['V_Person_wikidata']
    V_Place_aliases = E['V_Place_aliases']
    V_Place_citations = E['V_Place_citations']
    V_Place_id = E['V_Place_id']
    V_Place_name = E['V_Place_name']
    V_Place_wikidata = E['V_Place_wikidata']
    V_Place_within = E['V_Place_within']
    V_Project_agreements = E['V_Project_agreements']
    V_Project_aliases = E['V_Project_aliases']
    V_Project_citations = E['V_Project_citations']
    V_Project_id = E['V_Project_id']
    V_Project_location = E['V_Project_location']
    V_Project_name = E['V_Project_name']
    V_Project_parties = E['V_Project_parties']
    V_Quantity_measure = E['V_Quantity_measure']
    V_Quantity_unit = E['V_Quantity_unit']
    V_Quantity_value = E['V_Quantity_value']
    V_Statement_about = E['V_Statement_about']
    V_Statement_citations = E['V_Statement_citations']
    V_Statement_id = E['V_Statement_id']
    V_Statement_occasion = E['V_Statement_occasion']
    V_Statement_place = E['V_Statement_place']
    V_Statement_quote = E['V_Statement_quote']
    V_Statement_speaker = E['V_Statement_speaker']
    V_Statement_text = E['V_Statement_text']
    V_Statement_topics = E['V_Statement_topics']
    V_Treaty_aliases = E['V_Treaty_aliases']
    V_Treaty_citations = E['V_Treaty_citations']
    V_Treaty_concerns = E['V_Treaty_concerns']
    V_Treaty_id = E['V_Treaty_id']
    V_Treaty_name = E['V_Treaty_name']
    V_Treaty_parties = E['V_Treaty_parties']
    V_Treaty_place = E['V_Treaty_place']
    V_Treaty_signed_at = E['V_Treaty_signed_at']
    V_Treaty_topics = E['V_Treaty_topics']
    _BAIL = E['_BAIL']
    _DateInterval = E['_DateInterval']
    _Dating = E['_Dating']
    _M = E['_M']
    _OPEN = E['_OPEN']
    _PartialDate = E['_PartialDate']
    _Seen = E['_Seen']
    _UNKNOWN = E['_UNKNOWN']
    _count = E['_count']
    _lone = E['_lone']
    _new = E['_new']
    _single = E['_single']
    _slug = E['_slug']
    _value_id = E['_value_id']

    members = 0
    inside = 0
    _ids: dict[Any, Any] = {}
    _whens: dict[Any, Any] = {}
    _cited: list[Any] = []
    _several: list[Any] = []
    F_Citation_document: dict[Any, Any] = {}
    I_s_Citation: dict[Any, Any] = {}
    I1_s_Citation: dict[Any, Any] = {}
    F_Organisation_country: dict[Any, Any] = {}
    F_Organisation_members: dict[Any, Any] = {}
    F_Place_within: dict[Any, Any] = {}
    F_Person_nationality: dict[Any, Any] = {}
    F_Office_person: dict[Any, Any] = {}
    F_Office_organisation: dict[Any, Any] = {}
    F_Office_posted_to: dict[Any, Any] = {}
    F_Participant_who: dict[Any, Any] = {}
    I_s_Participant: dict[Any, Any] = {}
    I1_s_Participant: dict[Any, Any] = {}
    F_Meeting_place: dict[Any, Any] = {}
    F_Meeting_commemorates: dict[Any, Any] = {}
    F_Happening_place: dict[Any, Any] = {}
    F_Happening_origin: dict[Any, Any] = {}
    F_Happening_about: dict[Any, Any] = {}
    F_Treaty_parties: dict[Any, Any] = {}
    F_Treaty_place: dict[Any, Any] = {}
    F_Treaty_signed_at: dict[Any, Any] = {}
    F_Project_parties: dict[Any, Any] = {}
    F_Project_location: dict[Any, Any] = {}
    F_Project_agreements: dict[Any, Any] = {}
    F_Statement_speaker: dict[Any, Any] = {}
    F_Statement_about: dict[Any, Any] = {}
    F_Statement_place: dict[Any, Any] = {}
    F_Statement_occasion: dict[Any, Any] = {}
    F_Leader_nationality: dict[Any, Any] = {}

    def _id(v: Any) -> Any:
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        return _ids.setdefault(v, v)

    def _when(v: Any) -> Any:
        # parse_edtf(v), with the ends of an interval found as single dates.
        if v.__class__ is not str: raise _BAIL
        if "/" not in v: return _single(v)
        start, _, end = v.partition("/")
        if "/" in end: raise _BAIL
        return _DateInterval(_end(start), _end(end))

    def _end(v: str) -> Any:
        if v == "..": return _OPEN
        if not v: return _UNKNOWN
        found = _whens.get(v)
        if found is None: found = _whens[v] = _single(v)
        return found

    def _strs(v: list[Any]) -> tuple[Any, ...]:
        for x in v:
            if x.__class__ is not str: raise _BAIL
            if not x.isascii() and not x.isprintable() and _lone(x) is not None: raise _BAIL
        return tuple(v)

    def _ints(v: list[Any]) -> tuple[Any, ...]:
        for x in v:
            if x.__class__ is not int: raise _BAIL
        return tuple(v)

    def s_Citation_build(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 1
        c = 0
        v = d['basis']
        f_basis = E_Citation_basis.get(v)
        if f_basis is None: raise _BAIL
        v = d.get('document', _M)
        if v is _M: f_document = D_s_Citation_document
        else:
            n += 1
            if v is None: f_document = None
            else:
                f_document = F_Citation_document.get(v)
                if f_document is None: f_document = F_Citation_document[v] = _id(v)
        v = d.get('paragraphs', _M)
        if v is _M: f_paragraphs = D_s_Citation_paragraphs
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_paragraphs = _ints(v)
            V_Citation_paragraphs(None, A_Citation_paragraphs, f_paragraphs)
        v = d.get('note', _M)
        if v is _M: f_note = D_s_Citation_note
        else:
            n += 1
            if v is None: f_note = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Citation_note(None, A_Citation_note, v)
                c += v.count(':')
                f_note = v
        v = d.get('source', _M)
        if v is _M: f_source = D_s_Citation_source
        else:
            n += 1
            if v is None: f_source = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Citation_source(None, A_Citation_source, v)
                c += v.count(':')
                f_source = v
        v = d.get('confidence', _M)
        if v is _M: f_confidence = D_s_Citation_confidence
        else:
            n += 1
            if v is None: f_confidence = None
            else:
                f_confidence = E_Citation_confidence.get(v)
                if f_confidence is None: raise _BAIL
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Citation)
        o.basis = f_basis
        o.document = f_document
        o.paragraphs = f_paragraphs
        o.note = f_note
        o.source = f_source
        o.confidence = f_confidence
        o.__class__ = C_s_Citation
        P_Citation(o)
        _cited.append(o)
        return o
    def s_Citation(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is dict and len(d) == 1:
            h = I1_s_Citation.get(d.get('basis', _M))
            if h is not None:
                members += 1
                return h
        if d.__class__ is not dict: return s_Citation_build(d)
        k_paragraphs = d.get('paragraphs', _M)
        if k_paragraphs.__class__ is list:
            for y in k_paragraphs:
                if y.__class__ is not int: raise _BAIL
            k_paragraphs = tuple(k_paragraphs)
        k_s_Citation = (d['basis'], d.get('document', _M), k_paragraphs, d.get('note', _M), d.get('source', _M), d.get('confidence', _M),)
        h = I_s_Citation.get(k_s_Citation)
        if h is None: h = s_Citation_new(d, k_s_Citation)
        elif len(d) != h[1]: raise _BAIL
        else:
            members += h[1]
            inside += h[2]
        return h[0]

    def s_Citation_new(d: Any, k: Any) -> Any:
        nonlocal members, inside
        m = members
        c = inside
        h = I_s_Citation[k] = (s_Citation_build(d), members - m, inside - c)
        if h[1] == 1: I1_s_Citation[d['basis']] = h[0]
        return h

    def s_DateClaim(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 2
        v = d['value']
        f_value = _whens.get(v)
        if f_value is None: f_value = _whens[v] = _when(v)
        v = d['citation']
        if v.__class__ is not dict: f_citation = s_Citation(v)
        elif len(v) == 1:
            f_citation = I1_s_Citation.get(v.get('basis', _M))
            if f_citation is None: f_citation = s_Citation(v)
            else: members += 1
        else:
            k_paragraphs = v.get('paragraphs', _M)
            if k_paragraphs.__class__ is list:
                for y in k_paragraphs:
                    if y.__class__ is not int: raise _BAIL
                k_paragraphs = tuple(k_paragraphs)
            k_s_Citation = (v['basis'], v.get('document', _M), k_paragraphs, v.get('note', _M), v.get('source', _M), v.get('confidence', _M),)
            h = I_s_Citation.get(k_s_Citation)
            if h is None: h = s_Citation_new(v, k_s_Citation)
            elif len(v) != h[1]: raise _BAIL
            else:
                members += h[1]
                inside += h[2]
            f_citation = h[0]
        if len(d) != n: raise _BAIL
        members += n
        o = _new(C_s_DateClaim)
        S_DateClaim_value(o, f_value)
        S_DateClaim_citation(o, f_citation)
        return o

    def s_DateClaim_fresh(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 2
        v = d['value']
        f_value = _when(v)
        v = d['citation']
        if v.__class__ is not dict: f_citation = s_Citation(v)
        elif len(v) == 1:
            f_citation = I1_s_Citation.get(v.get('basis', _M))
            if f_citation is None: f_citation = s_Citation(v)
            else: members += 1
        else:
            k_paragraphs = v.get('paragraphs', _M)
            if k_paragraphs.__class__ is list:
                for y in k_paragraphs:
                    if y.__class__ is not int: raise _BAIL
                k_paragraphs = tuple(k_paragraphs)
            k_s_Citation = (v['basis'], v.get('document', _M), k_paragraphs, v.get('note', _M), v.get('source', _M), v.get('confidence', _M),)
            h = I_s_Citation.get(k_s_Citation)
            if h is None: h = s_Citation_new(v, k_s_Citation)
            elif len(v) != h[1]: raise _BAIL
            else:
                members += h[1]
                inside += h[2]
            f_citation = h[0]
        if len(d) != n: raise _BAIL
        members += n
        o = _new(C_s_DateClaim_fresh)
        S_DateClaim_value(o, f_value)
        S_DateClaim_citation(o, f_citation)
        return o

    def s_Document(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 5
        c = 0
        v = d['id']
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        f_id = v
        v = d['title']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Document_title(None, A_Document_title, v)
        c += v.count(':')
        f_title = v
        v = d['language']
        if v.__class__ is not str: raise _BAIL
        if not v.isascii() and not v.isprintable() and _lone(v) is not None: raise _BAIL
        V_Document_language(None, A_Document_language, v)
        c += v.count(':')
        f_language = v
        v = d['paragraphs']
        if v.__class__ is not int: raise _BAIL
        f_paragraphs = v
        if v < MIN_Document_paragraphs: V_Document_paragraphs(None, A_Document_paragraphs, f_paragraphs)
        v = d['sha256']
        if v.__class__ is not str: raise _BAIL
        if not v.isascii() and not v.isprintable() and _lone(v) is not None: raise _BAIL
        V_Document_sha256(None, A_Document_sha256, v)
        c += v.count(':')
        f_sha256 = v
        v = d.get('date', _M)
        if v is _M: f_date = D_s_Document_date
        else:
            n += 1
            if v is None: f_date = None
            else:
                if v.__class__ is not list or not v: raise _BAIL
                if len(v) == 1:
                    x = s_DateClaim(v[0])
                    f_date = _new(_Dating)
                    S_Dating_claims(f_date, (x,))
                    S_Dating_best(f_date, x.value)
                else:
                    counted = members, inside
                    x = tuple(map(s_DateClaim, v))
                    if len(x) != len(set(map(_value_id, x))):
                        members, inside = counted
                        x = tuple(map(s_DateClaim_fresh, v))
                    f_date = _Dating(x)
                    _several.append(f_date)
        v = d.get('url', _M)
        if v is _M: f_url = D_s_Document_url
        else:
            n += 1
            if v is None: f_url = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Document_url(None, A_Document_url, v)
                c += v.count(':')
                f_url = v
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Document)
        o.id = f_id
        o.title = f_title
        o.language = f_language
        o.paragraphs = f_paragraphs
        o.sha256 = f_sha256
        o.date = f_date
        o.url = f_url
        o.__class__ = C_s_Document
        return o

    def s_Country(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 3
        c = 0
        v = d['id']
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        f_id = v
        v = d['citations']
        if v.__class__ is not list: raise _BAIL
        t = []
        for x in v:
            if x.__class__ is dict:
                if len(x) == 1:
                    h = I1_s_Citation.get(x.get('basis', _M))
                    if h is not None:
                        members += 1
                        t.append(h)
                        continue
                else:
                    k_paragraphs = x.get('paragraphs', _M)
                    if k_paragraphs.__class__ is list:
                        for y in k_paragraphs:
                            if y.__class__ is not int: raise _BAIL
                        k_paragraphs = tuple(k_paragraphs)
                    k_s_Citation = (x['basis'], x.get('document', _M), k_paragraphs, x.get('note', _M), x.get('source', _M), x.get('confidence', _M),)
                    h = I_s_Citation.get(k_s_Citation)
                    if h is None: h = s_Citation_new(x, k_s_Citation)
                    elif len(x) != h[1]: raise _BAIL
                    else:
                        members += h[1]
                        inside += h[2]
                    t.append(h[0])
                    continue
            t.append(s_Citation(x))
        f_citations = tuple(t)
        if not f_citations: raise _BAIL
        v = d['name']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Country_name(None, A_Country_name, v)
        c += v.count(':')
        f_name = v
        v = d.get('official_name', _M)
        if v is _M: f_official_name = D_s_Country_official_name
        else:
            n += 1
            if v is None: f_official_name = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Country_official_name(None, A_Country_official_name, v)
                c += v.count(':')
                f_official_name = v
        v = d.get('alpha2', _M)
        if v is _M: f_alpha2 = D_s_Country_alpha2
        else:
            n += 1
            if v is None: f_alpha2 = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not v.isascii() and not v.isprintable() and _lone(v) is not None: raise _BAIL
                V_Country_alpha2(None, A_Country_alpha2, v)
                c += v.count(':')
                f_alpha2 = v
        v = d.get('alpha3', _M)
        if v is _M: f_alpha3 = D_s_Country_alpha3
        else:
            n += 1
            if v is None: f_alpha3 = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not v.isascii() and not v.isprintable() and _lone(v) is not None: raise _BAIL
                V_Country_alpha3(None, A_Country_alpha3, v)
                c += v.count(':')
                f_alpha3 = v
        v = d.get('aliases', _M)
        if v is _M: f_aliases = D_s_Country_aliases
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_aliases = _strs(v)
            for x in f_aliases: c += x.count(':')
            V_Country_aliases(None, A_Country_aliases, f_aliases)
        v = d.get('wikidata', _M)
        if v is _M: f_wikidata = D_s_Country_wikidata
        else:
            n += 1
            if v is None: f_wikidata = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not v.isascii() and not v.isprintable() and _lone(v) is not None: raise _BAIL
                V_Country_wikidata(None, A_Country_wikidata, v)
                c += v.count(':')
                f_wikidata = v
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Country)
        o.id = f_id
        o.citations = f_citations
        o.name = f_name
        o.official_name = f_official_name
        o.alpha2 = f_alpha2
        o.alpha3 = f_alpha3
        o.aliases = f_aliases
        o.wikidata = f_wikidata
        o.__class__ = C_s_Country
        return o

    def s_Organisation(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 4
        c = 0
        v = d['id']
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        f_id = v
        v = d['citations']
        if v.__class__ is not list: raise _BAIL
        t = []
        for x in v:
            if x.__class__ is dict:
                if len(x) == 1:
                    h = I1_s_Citation.get(x.get('basis', _M))
                    if h is not None:
                        members += 1
                        t.append(h)
                        continue
                else:
                    k_paragraphs = x.get('paragraphs', _M)
                    if k_paragraphs.__class__ is list:
                        for y in k_paragraphs:
                            if y.__class__ is not int: raise _BAIL
                        k_paragraphs = tuple(k_paragraphs)
                    k_s_Citation = (x['basis'], x.get('document', _M), k_paragraphs, x.get('note', _M), x.get('source', _M), x.get('confidence', _M),)
                    h = I_s_Citation.get(k_s_Citation)
                    if h is None: h = s_Citation_new(x, k_s_Citation)
                    elif len(x) != h[1]: raise _BAIL
                    else:
                        members += h[1]
                        inside += h[2]
                    t.append(h[0])
                    continue
            t.append(s_Citation(x))
        f_citations = tuple(t)
        if not f_citations: raise _BAIL
        v = d['name']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Organisation_name(None, A_Organisation_name, v)
        c += v.count(':')
        f_name = v
        v = d['kind']
        f_kind = E_Organisation_kind.get(v)
        if f_kind is None: raise _BAIL
        v = d.get('country', _M)
        if v is _M: f_country = D_s_Organisation_country
        else:
            n += 1
            if v is None: f_country = None
            else:
                f_country = F_Organisation_country.get(v)
                if f_country is None: f_country = F_Organisation_country[v] = _id(v)
        v = d.get('members', _M)
        if v is _M: f_members = D_s_Organisation_members
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_members = _strs(v)
            for x in f_members: c += x.count(':')
            F_Organisation_members.update(zip(f_members, f_members))
            V_Organisation_members(None, A_Organisation_members, f_members)
        v = d.get('aliases', _M)
        if v is _M: f_aliases = D_s_Organisation_aliases
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_aliases = _strs(v)
            for x in f_aliases: c += x.count(':')
            V_Organisation_aliases(None, A_Organisation_aliases, f_aliases)
        v = d.get('wikidata', _M)
        if v is _M: f_wikidata = D_s_Organisation_wikidata
        else:
            n += 1
            if v is None: f_wikidata = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not v.isascii() and not v.isprintable() and _lone(v) is not None: raise _BAIL
                V_Organisation_wikidata(None, A_Organisation_wikidata, v)
                c += v.count(':')
                f_wikidata = v
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Organisation)
        o.id = f_id
        o.citations = f_citations
        o.name = f_name
        o.kind = f_kind
        o.country = f_country
        o.members = f_members
        o.aliases = f_aliases
        o.wikidata = f_wikidata
        o.__class__ = C_s_Organisation
        return o

    def s_Place(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 4
        c = 0
        v = d['id']
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        f_id = v
        v = d['citations']
        if v.__class__ is not list: raise _BAIL
        t = []
        for x in v:
            if x.__class__ is dict:
                if len(x) == 1:
                    h = I1_s_Citation.get(x.get('basis', _M))
                    if h is not None:
                        members += 1
                        t.append(h)
                        continue
                else:
                    k_paragraphs = x.get('paragraphs', _M)
                    if k_paragraphs.__class__ is list:
                        for y in k_paragraphs:
                            if y.__class__ is not int: raise _BAIL
                        k_paragraphs = tuple(k_paragraphs)
                    k_s_Citation = (x['basis'], x.get('document', _M), k_paragraphs, x.get('note', _M), x.get('source', _M), x.get('confidence', _M),)
                    h = I_s_Citation.get(k_s_Citation)
                    if h is None: h = s_Citation_new(x, k_s_Citation)
                    elif len(x) != h[1]: raise _BAIL
                    else:
                        members += h[1]
                        inside += h[2]
                    t.append(h[0])
                    continue
            t.append(s_Citation(x))
        f_citations = tuple(t)
        if not f_citations: raise _BAIL
        v = d['name']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Place_name(None, A_Place_name, v)
        c += v.count(':')
        f_name = v
        v = d['kind']
        f_kind = E_Place_kind.get(v)
        if f_kind is None: raise _BAIL
        v = d.get('within', _M)
        if v is _M: f_within = D_s_Place_within
        else:
            n += 1
            if v is None: f_within = None
            else:
                f_within = F_Place_within.get(v)
                if f_within is None: f_within = F_Place_within[v] = _id(v)
        v = d.get('aliases', _M)
        if v is _M: f_aliases = D_s_Place_aliases
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_aliases = _strs(v)
            for x in f_aliases: c += x.count(':')
            V_Place_aliases(None, A_Place_aliases, f_aliases)
        v = d.get('wikidata', _M)
        if v is _M: f_wikidata = D_s_Place_wikidata
        else:
            n += 1
            if v is None: f_wikidata = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not v.isascii() and not v.isprintable() and _lone(v) is not None: raise _BAIL
                V_Place_wikidata(None, A_Place_wikidata, v)
                c += v.count(':')
                f_wikidata = v
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Place)
        o.id = f_id
        o.citations = f_citations
        o.name = f_name
        o.kind = f_kind
        o.within = f_within
        o.aliases = f_aliases
        o.wikidata = f_wikidata
        o.__class__ = C_s_Place
        return o

    def s_Person(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 3
        c = 0
        v = d['id']
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        f_id = v
        v = d['citations']
        if v.__class__ is not list: raise _BAIL
        t = []
        for x in v:
            if x.__class__ is dict:
                if len(x) == 1:
                    h = I1_s_Citation.get(x.get('basis', _M))
                    if h is not None:
                        members += 1
                        t.append(h)
                        continue
                else:
                    k_paragraphs = x.get('paragraphs', _M)
                    if k_paragraphs.__class__ is list:
                        for y in k_paragraphs:
                            if y.__class__ is not int: raise _BAIL
                        k_paragraphs = tuple(k_paragraphs)
                    k_s_Citation = (x['basis'], x.get('document', _M), k_paragraphs, x.get('note', _M), x.get('source', _M), x.get('confidence', _M),)
                    h = I_s_Citation.get(k_s_Citation)
                    if h is None: h = s_Citation_new(x, k_s_Citation)
                    elif len(x) != h[1]: raise _BAIL
                    else:
                        members += h[1]
                        inside += h[2]
                    t.append(h[0])
                    continue
            t.append(s_Citation(x))
        f_citations = tuple(t)
        if not f_citations: raise _BAIL
        v = d['name']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Person_name(None, A_Person_name, v)
        c += v.count(':')
        f_name = v
        v = d.get('aliases', _M)
        if v is _M: f_aliases = D_s_Person_aliases
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_aliases = _strs(v)
            for x in f_aliases: c += x.count(':')
            V_Person_aliases(None, A_Person_aliases, f_aliases)
        v = d.get('nationality', _M)
        if v is _M: f_nationality = D_s_Person_nationality
        else:
            n += 1
            if v is None: f_nationality = None
            else:
                f_nationality = F_Person_nationality.get(v)
                if f_nationality is None: f_nationality = F_Person_nationality[v] = _id(v)
        v = d.get('description', _M)
        if v is _M: f_description = D_s_Person_description
        else:
            n += 1
            if v is None: f_description = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Person_description(None, A_Person_description, v)
                c += v.count(':')
                f_description = v
        v = d.get('wikidata', _M)
        if v is _M: f_wikidata = D_s_Person_wikidata
        else:
            n += 1
            if v is None: f_wikidata = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not v.isascii() and not v.isprintable() and _lone(v) is not None: raise _BAIL
                V_Person_wikidata(None, A_Person_wikidata, v)
                c += v.count(':')
                f_wikidata = v
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Person)
        o.id = f_id
        o.citations = f_citations
        o.name = f_name
        o.aliases = f_aliases
        o.nationality = f_nationality
        o.description = f_description
        o.wikidata = f_wikidata
        o.__class__ = C_s_Person
        return o

    def s_Office(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 7
        c = 0
        v = d['id']
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        f_id = v
        v = d['citations']
        if v.__class__ is not list: raise _BAIL
        t = []
        for x in v:
            if x.__class__ is dict:
                if len(x) == 1:
                    h = I1_s_Citation.get(x.get('basis', _M))
                    if h is not None:
                        members += 1
                        t.append(h)
                        continue
                else:
                    k_paragraphs = x.get('paragraphs', _M)
                    if k_paragraphs.__class__ is list:
                        for y in k_paragraphs:
                            if y.__class__ is not int: raise _BAIL
                        k_paragraphs = tuple(k_paragraphs)
                    k_s_Citation = (x['basis'], x.get('document', _M), k_paragraphs, x.get('note', _M), x.get('source', _M), x.get('confidence', _M),)
                    h = I_s_Citation.get(k_s_Citation)
                    if h is None: h = s_Citation_new(x, k_s_Citation)
                    elif len(x) != h[1]: raise _BAIL
                    else:
                        members += h[1]
                        inside += h[2]
                    t.append(h[0])
                    continue
            t.append(s_Citation(x))
        f_citations = tuple(t)
        if not f_citations: raise _BAIL
        v = d['person']
        f_person = F_Office_person.get(v)
        if f_person is None: f_person = F_Office_person[v] = _id(v)
        v = d['post']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Office_post(None, A_Office_post, v)
        c += v.count(':')
        f_post = v
        v = d['role']
        f_role = E_Office_role.get(v)
        if f_role is None: raise _BAIL
        v = d['organisation']
        f_organisation = F_Office_organisation.get(v)
        if f_organisation is None: f_organisation = F_Office_organisation[v] = _id(v)
        v = d.get('posted_to', _M)
        if v is _M: f_posted_to = D_s_Office_posted_to
        else:
            n += 1
            if v is None: f_posted_to = None
            else:
                f_posted_to = F_Office_posted_to.get(v)
                if f_posted_to is None: f_posted_to = F_Office_posted_to[v] = _id(v)
        v = d.get('start', _M)
        if v is _M: f_start = D_s_Office_start
        else:
            n += 1
            if v is None: f_start = None
            else:
                if v.__class__ is not list or not v: raise _BAIL
                if len(v) == 1:
                    x = s_DateClaim(v[0])
                    f_start = _new(_Dating)
                    S_Dating_claims(f_start, (x,))
                    S_Dating_best(f_start, x.value)
                else:
                    counted = members, inside
                    x = tuple(map(s_DateClaim, v))
                    if len(x) != len(set(map(_value_id, x))):
                        members, inside = counted
                        x = tuple(map(s_DateClaim_fresh, v))
                    f_start = _Dating(x)
                    _several.append(f_start)
        v = d.get('end', _M)
        if v is _M: f_end = D_s_Office_end
        else:
            n += 1
            if v is None: f_end = None
            else:
                if v.__class__ is not list or not v: raise _BAIL
                if len(v) == 1:
                    x = s_DateClaim(v[0])
                    f_end = _new(_Dating)
                    S_Dating_claims(f_end, (x,))
                    S_Dating_best(f_end, x.value)
                else:
                    counted = members, inside
                    x = tuple(map(s_DateClaim, v))
                    if len(x) != len(set(map(_value_id, x))):
                        members, inside = counted
                        x = tuple(map(s_DateClaim_fresh, v))
                    f_end = _Dating(x)
                    _several.append(f_end)
        v = d['status']
        f_status = E_Office_status.get(v)
        if f_status is None: raise _BAIL
        v = d.get('attested', _M)
        if v is _M: f_attested = D_s_Office_attested
        else:
            n += 1
            if v is None: f_attested = None
            else:
                if v.__class__ is not list or not v: raise _BAIL
                if len(v) == 1:
                    x = s_DateClaim(v[0])
                    f_attested = _new(_Dating)
                    S_Dating_claims(f_attested, (x,))
                    S_Dating_best(f_attested, x.value)
                else:
                    counted = members, inside
                    x = tuple(map(s_DateClaim, v))
                    if len(x) != len(set(map(_value_id, x))):
                        members, inside = counted
                        x = tuple(map(s_DateClaim_fresh, v))
                    f_attested = _Dating(x)
                    _several.append(f_attested)
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Office)
        o.id = f_id
        o.citations = f_citations
        o.person = f_person
        o.post = f_post
        o.role = f_role
        o.organisation = f_organisation
        o.posted_to = f_posted_to
        o.start = f_start
        o.end = f_end
        o.status = f_status
        o.attested = f_attested
        o.__class__ = C_s_Office
        P_Office(o)
        return o

    def s_Participant_build(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 1
        v = d['who']
        f_who = F_Participant_who.get(v)
        if f_who is None: f_who = F_Participant_who[v] = _id(v)
        v = d.get('role', _M)
        if v is _M: f_role = D_s_Participant_role
        else:
            n += 1
            f_role = E_Participant_role.get(v)
            if f_role is None: raise _BAIL
        v = d.get('citations', _M)
        if v is _M: f_citations = D_s_Participant_citations
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            t = []
            for x in v:
                if x.__class__ is dict:
                    if len(x) == 1:
                        h = I1_s_Citation.get(x.get('basis', _M))
                        if h is not None:
                            members += 1
                            t.append(h)
                            continue
                    else:
                        k_paragraphs = x.get('paragraphs', _M)
                        if k_paragraphs.__class__ is list:
                            for y in k_paragraphs:
                                if y.__class__ is not int: raise _BAIL
                            k_paragraphs = tuple(k_paragraphs)
                        k_s_Citation = (x['basis'], x.get('document', _M), k_paragraphs, x.get('note', _M), x.get('source', _M), x.get('confidence', _M),)
                        h = I_s_Citation.get(k_s_Citation)
                        if h is None: h = s_Citation_new(x, k_s_Citation)
                        elif len(x) != h[1]: raise _BAIL
                        else:
                            members += h[1]
                            inside += h[2]
                        t.append(h[0])
                        continue
                t.append(s_Citation(x))
            f_citations = tuple(t)
        if len(d) != n: raise _BAIL
        members += n
        o = _new(C_s_Participant)
        S_Participant_who(o, f_who)
        S_Participant_role(o, f_role)
        S_Participant_citations(o, f_citations)
        return o
    def s_Participant(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is dict and len(d) == 1:
            h = I1_s_Participant.get(d.get('who', _M))
            if h is not None:
                members += 1
                return h
        if d.__class__ is not dict or 'citations' in d: return s_Participant_build(d)
        k_s_Participant = (d['who'], d.get('role', _M),)
        h = I_s_Participant.get(k_s_Participant)
        if h is None: h = s_Participant_new(d, k_s_Participant)
        elif len(d) != h[1]: raise _BAIL
        else:
            members += h[1]
        return h[0]

    def s_Participant_new(d: Any, k: Any) -> Any:
        nonlocal members, inside
        m = members
        c = inside
        h = I_s_Participant[k] = (s_Participant_build(d), members - m, inside - c)
        if h[1] == 1: I1_s_Participant[d['who']] = h[0]
        return h

    def s_Meeting(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 4
        c = 0
        v = d['id']
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        f_id = v
        v = d['citations']
        if v.__class__ is not list: raise _BAIL
        t = []
        for x in v:
            if x.__class__ is dict:
                if len(x) == 1:
                    h = I1_s_Citation.get(x.get('basis', _M))
                    if h is not None:
                        members += 1
                        t.append(h)
                        continue
                else:
                    k_paragraphs = x.get('paragraphs', _M)
                    if k_paragraphs.__class__ is list:
                        for y in k_paragraphs:
                            if y.__class__ is not int: raise _BAIL
                        k_paragraphs = tuple(k_paragraphs)
                    k_s_Citation = (x['basis'], x.get('document', _M), k_paragraphs, x.get('note', _M), x.get('source', _M), x.get('confidence', _M),)
                    h = I_s_Citation.get(k_s_Citation)
                    if h is None: h = s_Citation_new(x, k_s_Citation)
                    elif len(x) != h[1]: raise _BAIL
                    else:
                        members += h[1]
                        inside += h[2]
                    t.append(h[0])
                    continue
            t.append(s_Citation(x))
        f_citations = tuple(t)
        if not f_citations: raise _BAIL
        v = d['title']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Meeting_title(None, A_Meeting_title, v)
        c += v.count(':')
        f_title = v
        v = d['kind']
        f_kind = E_Meeting_kind.get(v)
        if f_kind is None: raise _BAIL
        v = d.get('participants', _M)
        if v is _M: f_participants = D_s_Meeting_participants
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            t = []
            for x in v:
                if x.__class__ is dict:
                    if len(x) == 1:
                        h = I1_s_Participant.get(x.get('who', _M))
                        if h is not None:
                            members += 1
                            t.append(h)
                            continue
                    elif not 'citations' in x:
                        k_s_Participant = (x['who'], x.get('role', _M),)
                        h = I_s_Participant.get(k_s_Participant)
                        if h is None: h = s_Participant_new(x, k_s_Participant)
                        elif len(x) != h[1]: raise _BAIL
                        else:
                            members += h[1]
                        t.append(h[0])
                        continue
                t.append(s_Participant(x))
            f_participants = tuple(t)
        v = d.get('place', _M)
        if v is _M: f_place = D_s_Meeting_place
        else:
            n += 1
            if v is None: f_place = None
            else:
                f_place = F_Meeting_place.get(v)
                if f_place is None: f_place = F_Meeting_place[v] = _id(v)
        v = d.get('date', _M)
        if v is _M: f_date = D_s_Meeting_date
        else:
            n += 1
            if v is None: f_date = None
            else:
                if v.__class__ is not list or not v: raise _BAIL
                if len(v) == 1:
                    x = s_DateClaim(v[0])
                    f_date = _new(_Dating)
                    S_Dating_claims(f_date, (x,))
                    S_Dating_best(f_date, x.value)
                else:
                    counted = members, inside
                    x = tuple(map(s_DateClaim, v))
                    if len(x) != len(set(map(_value_id, x))):
                        members, inside = counted
                        x = tuple(map(s_DateClaim_fresh, v))
                    f_date = _Dating(x)
                    _several.append(f_date)
        v = d.get('count', _M)
        if v is _M: f_count = D_s_Meeting_count
        else:
            n += 1
            if v is None: f_count = None
            else:
                if v.__class__ is not int: raise _BAIL
                f_count = v
                if v < MIN_Meeting_count: V_Meeting_count(None, A_Meeting_count, f_count)
        v = d.get('commemorates', _M)
        if v is _M: f_commemorates = D_s_Meeting_commemorates
        else:
            n += 1
            if v is None: f_commemorates = None
            else:
                f_commemorates = F_Meeting_commemorates.get(v)
                if f_commemorates is None: f_commemorates = F_Meeting_commemorates[v] = _id(v)
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Meeting)
        o.id = f_id
        o.citations = f_citations
        o.title = f_title
        o.kind = f_kind
        o.participants = f_participants
        o.place = f_place
        o.date = f_date
        o.count = f_count
        o.commemorates = f_commemorates
        o.__class__ = C_s_Meeting
        P_Meeting(o)
        return o

    def s_Quantity(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 2
        c = 0
        v = d['measure']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Quantity_measure(None, A_Quantity_measure, v)
        c += v.count(':')
        f_measure = v
        v = d['value']
        if v.__class__ is not int and (v.__class__ is not float or v - v != 0.0): raise _BAIL
        f_value = v
        V_Quantity_value(None, A_Quantity_value, f_value)
        v = d.get('unit', _M)
        if v is _M: f_unit = D_s_Quantity_unit
        else:
            n += 1
            if v is None: f_unit = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Quantity_unit(None, A_Quantity_unit, v)
                c += v.count(':')
                f_unit = v
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(C_s_Quantity)
        S_Quantity_measure(o, f_measure)
        S_Quantity_value(o, f_value)
        S_Quantity_unit(o, f_unit)
        return o

    def s_Happening(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 4
        c = 0
        v = d['id']
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        f_id = v
        v = d['citations']
        if v.__class__ is not list: raise _BAIL
        t = []
        for x in v:
            if x.__class__ is dict:
                if len(x) == 1:
                    h = I1_s_Citation.get(x.get('basis', _M))
                    if h is not None:
                        members += 1
                        t.append(h)
                        continue
                else:
                    k_paragraphs = x.get('paragraphs', _M)
                    if k_paragraphs.__class__ is list:
                        for y in k_paragraphs:
                            if y.__class__ is not int: raise _BAIL
                        k_paragraphs = tuple(k_paragraphs)
                    k_s_Citation = (x['basis'], x.get('document', _M), k_paragraphs, x.get('note', _M), x.get('source', _M), x.get('confidence', _M),)
                    h = I_s_Citation.get(k_s_Citation)
                    if h is None: h = s_Citation_new(x, k_s_Citation)
                    elif len(x) != h[1]: raise _BAIL
                    else:
                        members += h[1]
                        inside += h[2]
                    t.append(h[0])
                    continue
            t.append(s_Citation(x))
        f_citations = tuple(t)
        if not f_citations: raise _BAIL
        v = d['title']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Happening_title(None, A_Happening_title, v)
        c += v.count(':')
        f_title = v
        v = d['kind']
        f_kind = E_Happening_kind.get(v)
        if f_kind is None: raise _BAIL
        v = d.get('participants', _M)
        if v is _M: f_participants = D_s_Happening_participants
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            t = []
            for x in v:
                if x.__class__ is dict:
                    if len(x) == 1:
                        h = I1_s_Participant.get(x.get('who', _M))
                        if h is not None:
                            members += 1
                            t.append(h)
                            continue
                    elif not 'citations' in x:
                        k_s_Participant = (x['who'], x.get('role', _M),)
                        h = I_s_Participant.get(k_s_Participant)
                        if h is None: h = s_Participant_new(x, k_s_Participant)
                        elif len(x) != h[1]: raise _BAIL
                        else:
                            members += h[1]
                        t.append(h[0])
                        continue
                t.append(s_Participant(x))
            f_participants = tuple(t)
        v = d.get('place', _M)
        if v is _M: f_place = D_s_Happening_place
        else:
            n += 1
            if v is None: f_place = None
            else:
                f_place = F_Happening_place.get(v)
                if f_place is None: f_place = F_Happening_place[v] = _id(v)
        v = d.get('origin', _M)
        if v is _M: f_origin = D_s_Happening_origin
        else:
            n += 1
            if v is None: f_origin = None
            else:
                f_origin = F_Happening_origin.get(v)
                if f_origin is None: f_origin = F_Happening_origin[v] = _id(v)
        v = d.get('date', _M)
        if v is _M: f_date = D_s_Happening_date
        else:
            n += 1
            if v is None: f_date = None
            else:
                if v.__class__ is not list or not v: raise _BAIL
                if len(v) == 1:
                    x = s_DateClaim(v[0])
                    f_date = _new(_Dating)
                    S_Dating_claims(f_date, (x,))
                    S_Dating_best(f_date, x.value)
                else:
                    counted = members, inside
                    x = tuple(map(s_DateClaim, v))
                    if len(x) != len(set(map(_value_id, x))):
                        members, inside = counted
                        x = tuple(map(s_DateClaim_fresh, v))
                    f_date = _Dating(x)
                    _several.append(f_date)
        v = d.get('about', _M)
        if v is _M: f_about = D_s_Happening_about
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_about = _strs(v)
            for x in f_about: c += x.count(':')
            F_Happening_about.update(zip(f_about, f_about))
            V_Happening_about(None, A_Happening_about, f_about)
        v = d.get('figures', _M)
        if v is _M: f_figures = D_s_Happening_figures
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_figures = tuple(map(s_Quantity, v))
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Happening)
        o.id = f_id
        o.citations = f_citations
        o.title = f_title
        o.kind = f_kind
        o.participants = f_participants
        o.place = f_place
        o.origin = f_origin
        o.date = f_date
        o.about = f_about
        o.figures = f_figures
        o.__class__ = C_s_Happening
        P_Happening(o)
        return o

    def s_Treaty(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 4
        c = 0
        v = d['id']
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        f_id = v
        v = d['citations']
        if v.__class__ is not list: raise _BAIL
        t = []
        for x in v:
            if x.__class__ is dict:
                if len(x) == 1:
                    h = I1_s_Citation.get(x.get('basis', _M))
                    if h is not None:
                        members += 1
                        t.append(h)
                        continue
                else:
                    k_paragraphs = x.get('paragraphs', _M)
                    if k_paragraphs.__class__ is list:
                        for y in k_paragraphs:
                            if y.__class__ is not int: raise _BAIL
                        k_paragraphs = tuple(k_paragraphs)
                    k_s_Citation = (x['basis'], x.get('document', _M), k_paragraphs, x.get('note', _M), x.get('source', _M), x.get('confidence', _M),)
                    h = I_s_Citation.get(k_s_Citation)
                    if h is None: h = s_Citation_new(x, k_s_Citation)
                    elif len(x) != h[1]: raise _BAIL
                    else:
                        members += h[1]
                        inside += h[2]
                    t.append(h[0])
                    continue
            t.append(s_Citation(x))
        f_citations = tuple(t)
        if not f_citations: raise _BAIL
        v = d['name']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Treaty_name(None, A_Treaty_name, v)
        c += v.count(':')
        f_name = v
        v = d['kind']
        f_kind = E_Treaty_kind.get(v)
        if f_kind is None: raise _BAIL
        v = d.get('aliases', _M)
        if v is _M: f_aliases = D_s_Treaty_aliases
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_aliases = _strs(v)
            for x in f_aliases: c += x.count(':')
            V_Treaty_aliases(None, A_Treaty_aliases, f_aliases)
        v = d.get('parties', _M)
        if v is _M: f_parties = D_s_Treaty_parties
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_parties = _strs(v)
            for x in f_parties: c += x.count(':')
            F_Treaty_parties.update(zip(f_parties, f_parties))
            V_Treaty_parties(None, A_Treaty_parties, f_parties)
        v = d.get('signed', _M)
        if v is _M: f_signed = D_s_Treaty_signed
        else:
            n += 1
            if v is None: f_signed = None
            else:
                if v.__class__ is not list or not v: raise _BAIL
                if len(v) == 1:
                    x = s_DateClaim(v[0])
                    f_signed = _new(_Dating)
                    S_Dating_claims(f_signed, (x,))
                    S_Dating_best(f_signed, x.value)
                else:
                    counted = members, inside
                    x = tuple(map(s_DateClaim, v))
                    if len(x) != len(set(map(_value_id, x))):
                        members, inside = counted
                        x = tuple(map(s_DateClaim_fresh, v))
                    f_signed = _Dating(x)
                    _several.append(f_signed)
        v = d.get('place', _M)
        if v is _M: f_place = D_s_Treaty_place
        else:
            n += 1
            if v is None: f_place = None
            else:
                f_place = F_Treaty_place.get(v)
                if f_place is None: f_place = F_Treaty_place[v] = _id(v)
        v = d.get('signatories', _M)
        if v is _M: f_signatories = D_s_Treaty_signatories
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            t = []
            for x in v:
                if x.__class__ is dict:
                    if len(x) == 1:
                        h = I1_s_Participant.get(x.get('who', _M))
                        if h is not None:
                            members += 1
                            t.append(h)
                            continue
                    elif not 'citations' in x:
                        k_s_Participant = (x['who'], x.get('role', _M),)
                        h = I_s_Participant.get(k_s_Participant)
                        if h is None: h = s_Participant_new(x, k_s_Participant)
                        elif len(x) != h[1]: raise _BAIL
                        else:
                            members += h[1]
                        t.append(h[0])
                        continue
                t.append(s_Participant(x))
            f_signatories = tuple(t)
        v = d.get('in_force', _M)
        if v is _M: f_in_force = D_s_Treaty_in_force
        else:
            n += 1
            if v is None: f_in_force = None
            else:
                if v.__class__ is not list or not v: raise _BAIL
                if len(v) == 1:
                    x = s_DateClaim(v[0])
                    f_in_force = _new(_Dating)
                    S_Dating_claims(f_in_force, (x,))
                    S_Dating_best(f_in_force, x.value)
                else:
                    counted = members, inside
                    x = tuple(map(s_DateClaim, v))
                    if len(x) != len(set(map(_value_id, x))):
                        members, inside = counted
                        x = tuple(map(s_DateClaim_fresh, v))
                    f_in_force = _Dating(x)
                    _several.append(f_in_force)
        v = d.get('concerns', _M)
        if v is _M: f_concerns = D_s_Treaty_concerns
        else:
            n += 1
            if v is None: f_concerns = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Treaty_concerns(None, A_Treaty_concerns, v)
                c += v.count(':')
                f_concerns = v
        v = d.get('topics', _M)
        if v is _M: f_topics = D_s_Treaty_topics
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_topics = _strs(v)
            for x in f_topics: c += x.count(':')
            V_Treaty_topics(None, A_Treaty_topics, f_topics)
        v = d.get('signed_at', _M)
        if v is _M: f_signed_at = D_s_Treaty_signed_at
        else:
            n += 1
            if v is None: f_signed_at = None
            else:
                f_signed_at = F_Treaty_signed_at.get(v)
                if f_signed_at is None: f_signed_at = F_Treaty_signed_at[v] = _id(v)
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Treaty)
        o.id = f_id
        o.citations = f_citations
        o.name = f_name
        o.kind = f_kind
        o.aliases = f_aliases
        o.parties = f_parties
        o.signed = f_signed
        o.place = f_place
        o.signatories = f_signatories
        o.in_force = f_in_force
        o.concerns = f_concerns
        o.topics = f_topics
        o.signed_at = f_signed_at
        o.__class__ = C_s_Treaty
        P_Treaty(o)
        return o

    def s_Milestone(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 3
        c = 0
        v = d['title']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Milestone_title(None, A_Milestone_title, v)
        c += v.count(':')
        f_title = v
        v = d['status']
        f_status = E_Milestone_status.get(v)
        if f_status is None: raise _BAIL
        v = d.get('date', _M)
        if v is _M: f_date = D_s_Milestone_date
        else:
            n += 1
            if v is None: f_date = None
            else:
                if v.__class__ is not list or not v: raise _BAIL
                if len(v) == 1:
                    x = s_DateClaim(v[0])
                    f_date = _new(_Dating)
                    S_Dating_claims(f_date, (x,))
                    S_Dating_best(f_date, x.value)
                else:
                    counted = members, inside
                    x = tuple(map(s_DateClaim, v))
                    if len(x) != len(set(map(_value_id, x))):
                        members, inside = counted
                        x = tuple(map(s_DateClaim_fresh, v))
                    f_date = _Dating(x)
                    _several.append(f_date)
        v = d['citations']
        if v.__class__ is not list: raise _BAIL
        t = []
        for x in v:
            if x.__class__ is dict:
                if len(x) == 1:
                    h = I1_s_Citation.get(x.get('basis', _M))
                    if h is not None:
                        members += 1
                        t.append(h)
                        continue
                else:
                    k_paragraphs = x.get('paragraphs', _M)
                    if k_paragraphs.__class__ is list:
                        for y in k_paragraphs:
                            if y.__class__ is not int: raise _BAIL
                        k_paragraphs = tuple(k_paragraphs)
                    k_s_Citation = (x['basis'], x.get('document', _M), k_paragraphs, x.get('note', _M), x.get('source', _M), x.get('confidence', _M),)
                    h = I_s_Citation.get(k_s_Citation)
                    if h is None: h = s_Citation_new(x, k_s_Citation)
                    elif len(x) != h[1]: raise _BAIL
                    else:
                        members += h[1]
                        inside += h[2]
                    t.append(h[0])
                    continue
            t.append(s_Citation(x))
        f_citations = tuple(t)
        if not f_citations: raise _BAIL
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Milestone)
        o.title = f_title
        o.status = f_status
        o.date = f_date
        o.citations = f_citations
        o.__class__ = C_s_Milestone
        return o

    def s_Project(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 5
        c = 0
        v = d['id']
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        f_id = v
        v = d['citations']
        if v.__class__ is not list: raise _BAIL
        t = []
        for x in v:
            if x.__class__ is dict:
                if len(x) == 1:
                    h = I1_s_Citation.get(x.get('basis', _M))
                    if h is not None:
                        members += 1
                        t.append(h)
                        continue
                else:
                    k_paragraphs = x.get('paragraphs', _M)
                    if k_paragraphs.__class__ is list:
                        for y in k_paragraphs:
                            if y.__class__ is not int: raise _BAIL
                        k_paragraphs = tuple(k_paragraphs)
                    k_s_Citation = (x['basis'], x.get('document', _M), k_paragraphs, x.get('note', _M), x.get('source', _M), x.get('confidence', _M),)
                    h = I_s_Citation.get(k_s_Citation)
                    if h is None: h = s_Citation_new(x, k_s_Citation)
                    elif len(x) != h[1]: raise _BAIL
                    else:
                        members += h[1]
                        inside += h[2]
                    t.append(h[0])
                    continue
            t.append(s_Citation(x))
        f_citations = tuple(t)
        if not f_citations: raise _BAIL
        v = d['name']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Project_name(None, A_Project_name, v)
        c += v.count(':')
        f_name = v
        v = d['sector']
        f_sector = E_Project_sector.get(v)
        if f_sector is None: raise _BAIL
        v = d['status']
        f_status = E_Project_status.get(v)
        if f_status is None: raise _BAIL
        v = d.get('aliases', _M)
        if v is _M: f_aliases = D_s_Project_aliases
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_aliases = _strs(v)
            for x in f_aliases: c += x.count(':')
            V_Project_aliases(None, A_Project_aliases, f_aliases)
        v = d.get('parties', _M)
        if v is _M: f_parties = D_s_Project_parties
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_parties = _strs(v)
            for x in f_parties: c += x.count(':')
            F_Project_parties.update(zip(f_parties, f_parties))
            V_Project_parties(None, A_Project_parties, f_parties)
        v = d.get('location', _M)
        if v is _M: f_location = D_s_Project_location
        else:
            n += 1
            if v is None: f_location = None
            else:
                f_location = F_Project_location.get(v)
                if f_location is None: f_location = F_Project_location[v] = _id(v)
        v = d.get('milestones', _M)
        if v is _M: f_milestones = D_s_Project_milestones
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_milestones = tuple(map(s_Milestone, v))
        v = d.get('agreements', _M)
        if v is _M: f_agreements = D_s_Project_agreements
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_agreements = _strs(v)
            for x in f_agreements: c += x.count(':')
            F_Project_agreements.update(zip(f_agreements, f_agreements))
            V_Project_agreements(None, A_Project_agreements, f_agreements)
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Project)
        o.id = f_id
        o.citations = f_citations
        o.name = f_name
        o.sector = f_sector
        o.status = f_status
        o.aliases = f_aliases
        o.parties = f_parties
        o.location = f_location
        o.milestones = f_milestones
        o.agreements = f_agreements
        o.__class__ = C_s_Project
        P_Project(o)
        return o

    def s_Statement(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 4
        c = 0
        v = d['id']
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        f_id = v
        v = d['citations']
        if v.__class__ is not list: raise _BAIL
        t = []
        for x in v:
            if x.__class__ is dict:
                if len(x) == 1:
                    h = I1_s_Citation.get(x.get('basis', _M))
                    if h is not None:
                        members += 1
                        t.append(h)
                        continue
                else:
                    k_paragraphs = x.get('paragraphs', _M)
                    if k_paragraphs.__class__ is list:
                        for y in k_paragraphs:
                            if y.__class__ is not int: raise _BAIL
                        k_paragraphs = tuple(k_paragraphs)
                    k_s_Citation = (x['basis'], x.get('document', _M), k_paragraphs, x.get('note', _M), x.get('source', _M), x.get('confidence', _M),)
                    h = I_s_Citation.get(k_s_Citation)
                    if h is None: h = s_Citation_new(x, k_s_Citation)
                    elif len(x) != h[1]: raise _BAIL
                    else:
                        members += h[1]
                        inside += h[2]
                    t.append(h[0])
                    continue
            t.append(s_Citation(x))
        f_citations = tuple(t)
        if not f_citations: raise _BAIL
        v = d['kind']
        f_kind = E_Statement_kind.get(v)
        if f_kind is None: raise _BAIL
        v = d.get('speaker', _M)
        if v is _M: f_speaker = D_s_Statement_speaker
        else:
            n += 1
            if v is None: f_speaker = None
            else:
                f_speaker = F_Statement_speaker.get(v)
                if f_speaker is None: f_speaker = F_Statement_speaker[v] = _id(v)
        v = d['text']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Statement_text(None, A_Statement_text, v)
        c += v.count(':')
        f_text = v
        v = d.get('quote', _M)
        if v is _M: f_quote = D_s_Statement_quote
        else:
            n += 1
            if v is None: f_quote = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Statement_quote(None, A_Statement_quote, v)
                c += v.count(':')
                f_quote = v
        v = d.get('topics', _M)
        if v is _M: f_topics = D_s_Statement_topics
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_topics = _strs(v)
            for x in f_topics: c += x.count(':')
            V_Statement_topics(None, A_Statement_topics, f_topics)
        v = d.get('about', _M)
        if v is _M: f_about = D_s_Statement_about
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_about = _strs(v)
            for x in f_about: c += x.count(':')
            F_Statement_about.update(zip(f_about, f_about))
            V_Statement_about(None, A_Statement_about, f_about)
        v = d.get('date', _M)
        if v is _M: f_date = D_s_Statement_date
        else:
            n += 1
            if v is None: f_date = None
            else:
                if v.__class__ is not list or not v: raise _BAIL
                if len(v) == 1:
                    x = s_DateClaim(v[0])
                    f_date = _new(_Dating)
                    S_Dating_claims(f_date, (x,))
                    S_Dating_best(f_date, x.value)
                else:
                    counted = members, inside
                    x = tuple(map(s_DateClaim, v))
                    if len(x) != len(set(map(_value_id, x))):
                        members, inside = counted
                        x = tuple(map(s_DateClaim_fresh, v))
                    f_date = _Dating(x)
                    _several.append(f_date)
        v = d.get('place', _M)
        if v is _M: f_place = D_s_Statement_place
        else:
            n += 1
            if v is None: f_place = None
            else:
                f_place = F_Statement_place.get(v)
                if f_place is None: f_place = F_Statement_place[v] = _id(v)
        v = d.get('occasion', _M)
        if v is _M: f_occasion = D_s_Statement_occasion
        else:
            n += 1
            if v is None: f_occasion = None
            else:
                f_occasion = F_Statement_occasion.get(v)
                if f_occasion is None: f_occasion = F_Statement_occasion[v] = _id(v)
        v = d.get('figures', _M)
        if v is _M: f_figures = D_s_Statement_figures
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_figures = tuple(map(s_Quantity, v))
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Statement)
        o.id = f_id
        o.citations = f_citations
        o.kind = f_kind
        o.speaker = f_speaker
        o.text = f_text
        o.quote = f_quote
        o.topics = f_topics
        o.about = f_about
        o.date = f_date
        o.place = f_place
        o.occasion = f_occasion
        o.figures = f_figures
        o.__class__ = C_s_Statement
        P_Statement(o)
        return o

    def s_Leader(d: Any) -> Any:
        nonlocal members, inside
        if d.__class__ is not dict: raise _BAIL
        n = 3
        c = 0
        v = d['id']
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        f_id = v
        v = d['citations']
        if v.__class__ is not list: raise _BAIL
        t = []
        for x in v:
            if x.__class__ is dict:
                if len(x) == 1:
                    h = I1_s_Citation.get(x.get('basis', _M))
                    if h is not None:
                        members += 1
                        t.append(h)
                        continue
                else:
                    k_paragraphs = x.get('paragraphs', _M)
                    if k_paragraphs.__class__ is list:
                        for y in k_paragraphs:
                            if y.__class__ is not int: raise _BAIL
                        k_paragraphs = tuple(k_paragraphs)
                    k_s_Citation = (x['basis'], x.get('document', _M), k_paragraphs, x.get('note', _M), x.get('source', _M), x.get('confidence', _M),)
                    h = I_s_Citation.get(k_s_Citation)
                    if h is None: h = s_Citation_new(x, k_s_Citation)
                    elif len(x) != h[1]: raise _BAIL
                    else:
                        members += h[1]
                        inside += h[2]
                    t.append(h[0])
                    continue
            t.append(s_Citation(x))
        f_citations = tuple(t)
        if not f_citations: raise _BAIL
        v = d['name']
        if v.__class__ is not str: raise _BAIL
        if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Leader_name(None, A_Leader_name, v)
        c += v.count(':')
        f_name = v
        v = d.get('aliases', _M)
        if v is _M: f_aliases = D_s_Leader_aliases
        else:
            n += 1
            if v.__class__ is not list: raise _BAIL
            f_aliases = _strs(v)
            for x in f_aliases: c += x.count(':')
            V_Leader_aliases(None, A_Leader_aliases, f_aliases)
        v = d.get('nationality', _M)
        if v is _M: f_nationality = D_s_Leader_nationality
        else:
            n += 1
            if v is None: f_nationality = None
            else:
                f_nationality = F_Leader_nationality.get(v)
                if f_nationality is None: f_nationality = F_Leader_nationality[v] = _id(v)
        v = d.get('description', _M)
        if v is _M: f_description = D_s_Leader_description
        else:
            n += 1
            if v is None: f_description = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not (" " < v[:1] < "\x7f" and v.isprintable()): V_Leader_description(None, A_Leader_description, v)
                c += v.count(':')
                f_description = v
        v = d.get('wikidata', _M)
        if v is _M: f_wikidata = D_s_Leader_wikidata
        else:
            n += 1
            if v is None: f_wikidata = None
            else:
                if v.__class__ is not str: raise _BAIL
                if not v.isascii() and not v.isprintable() and _lone(v) is not None: raise _BAIL
                V_Leader_wikidata(None, A_Leader_wikidata, v)
                c += v.count(':')
                f_wikidata = v
        if len(d) != n: raise _BAIL
        members += n
        if c: inside += c
        o = _new(B_Leader)
        o.id = f_id
        o.citations = f_citations
        o.name = f_name
        o.aliases = f_aliases
        o.nationality = f_nationality
        o.description = f_description
        o.wikidata = f_wikidata
        o.__class__ = C_s_Leader
        return o

    FUNCTIONS = {R_Document: s_Document, R_Country: s_Country, R_Organisation: s_Organisation, R_Place: s_Place, R_Person: s_Person, R_Office: s_Office, R_Meeting: s_Meeting, R_Happening: s_Happening, R_Treaty: s_Treaty, R_Project: s_Project, R_Statement: s_Statement, R_Leader: s_Leader}

    def run(document: Any, fallback: Any, sections: Any, arrays: Any) -> Any:
        nonlocal members, inside
        classes = dict(sections)
        found = {}
        f = version = _M
        members = inside = count = 0
        fell = False
        for name, items in document:
            count += 1
            if name == "format":
                f = items
                continue
            if name == "version":
                version = items
                continue
            cls = classes.get(name)
            if cls is None: return None
            function = FUNCTIONS.get(cls)
            if function is None or items.__class__ not in arrays: return None
            out = []
            for item in items:
                members_before, inside_before = members, inside
                try:
                    record = function(item)
                except Exception:
                    members, inside = members_before, inside_before
                    fell = True
                    record = fallback(item, cls)
                    more, colons = _count(item)
                    members += more
                    inside += colons
                out.append(record)
            found[name] = tuple(out)
        if f.__class__ is not int or f != 2: return None
        if version.__class__ is not str: return None
        if not version.isascii() and not version.isprintable() and _lone(version) is not None:
            return None
        members += count
        inside += version.count(":")
        seen = None if fell else _Seen({(K_Citation, 'document'): F_Citation_document, (K_Organisation, 'country'): F_Organisation_country, (K_Organisation, 'members'): F_Organisation_members, (K_Place, 'within'): F_Place_within, (K_Person, 'nationality'): F_Person_nationality, (K_Office, 'person'): F_Office_person, (K_Office, 'organisation'): F_Office_organisation, (K_Office, 'posted_to'): F_Office_posted_to, (K_Participant, 'who'): F_Participant_who, (K_Meeting, 'place'): F_Meeting_place, (K_Meeting, 'commemorates'): F_Meeting_commemorates, (K_Happening, 'place'): F_Happening_place, (K_Happening, 'origin'): F_Happening_origin, (K_Happening, 'about'): F_Happening_about, (K_Treaty, 'parties'): F_Treaty_parties, (K_Treaty, 'place'): F_Treaty_place, (K_Treaty, 'signed_at'): F_Treaty_signed_at, (K_Project, 'parties'): F_Project_parties, (K_Project, 'location'): F_Project_location, (K_Project, 'agreements'): F_Project_agreements, (K_Statement, 'speaker'): F_Statement_speaker, (K_Statement, 'about'): F_Statement_about, (K_Statement, 'place'): F_Statement_place, (K_Statement, 'occasion'): F_Statement_occasion, (K_Leader, 'nationality'): F_Leader_nationality}, _cited, _several)
        return version, {name: found.get(name, ()) for name, _ in sections}, members, inside, seen

    return run
