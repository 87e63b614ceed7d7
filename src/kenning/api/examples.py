"""Examples for the OpenAPI document: real requests and (abridged) real answers from the bundled lists."""

from __future__ import annotations

from typing import Any

from fastapi.openapi.models import Example

MATCH_REQUEST: dict[str, Any] = {
    "queries": {
        "q1": {"schema": "Person", "properties": {"name": ["Ivan Maslov"], "birthDate": ["1982-07-11"]}},
        "q2": {"schema": "Company", "properties": {"name": ["Wagner Group"], "jurisdiction": ["ru"]}},
    }
}

MATCH_REQUESTS: dict[str, Example] = {
    "person": {"summary": "A person with a birth date, and a company",
               "value": MATCH_REQUEST},
    "parts": {"summary": "Name parts, nationality and a passport number",
              "value": {"queries": {"customer-17": {"schema": "Person", "properties": {
                  "firstName": ["Sadio"], "lastName": ["Camara"], "nationality": ["Mali"],
                  "passportNumber": ["A1234567"]}}}}},
}

UNKNOWN_DATASET: dict[str, Any] = {"detail": "no dataset 'eu_fsf'; use one of: default, sanctions, gb_ofsi, "
                                             "un_sc, us_ofac_cons, us_ofac_sdn"}

_SEEN = "2026-11-23T21:17:46+00:00"

MASLOV_OFAC: dict[str, Any] = {
    "id": "us_ofac_sdn-40969", "caption": "MASLOV, Ivan Aleksandrovich", "schema": "Person",
    "properties": {"name": ["MASLOV, Ivan Aleksandrovich"], "birthDate": ["1982-07-11", "1980-01-03"],
                   "nationality": ["ru"], "passportNumber": ["731849424"], "program": ["RUSSIA-EO14024"]},
    "datasets": ["us_ofac_sdn"], "referents": [], "target": True,
    "first_seen": _SEEN, "last_seen": _SEEN, "last_change": _SEEN,
}

MATCH_RESPONSE: dict[str, Any] = {
    "responses": {"q1": {
        "status": 200,
        "results": [{
            **MASLOV_OFAC, "score": 0.9265, "match": True, "token": None,
            "features": {"name": 0.8592, "birth_date": 1.0},
            "explanations": {
                "name": {"detail": "'Ivan Maslov' ~ 'MASLOV, Ivan Aleksandrovich': maslov (1.00), ivan (1.00); "
                                   "listed name also has: aleksandrovich",
                         "score": 0.8592, "query": "Ivan Maslov", "candidate": "MASLOV, Ivan Aleksandrovich"},
                "birth_date": {"detail": "query 1982-07-11 and listed 1982-07-11: the same day (supports the match)",
                               "score": 1.0, "query": None, "candidate": None}},
            "kenning": {"dataset": "us_ofac_sdn", "source_id": "40969",
                        "matched_name": "'Ivan Maslov' ~ 'MASLOV, Ivan Aleksandrovich': maslov (1.00), ivan (1.00); "
                                        "listed name also has: aleksandrovich",
                        "explanation": "name: 'Ivan Maslov' ~ 'MASLOV, Ivan Aleksandrovich': ...; birth_date: query "
                                       "1982-07-11 and listed 1982-07-11: the same day (supports the match)",
                        "weights": {"name": 0.95, "birth_date": 0.6}, "same_as": ["gb_ofsi-16024"]}}],
        "total": {"value": 2, "relation": "eq"},
        "query": MATCH_REQUEST["queries"]["q1"] | {"id": None},
        "kenning": {"names": ["Ivan Maslov"], "birth_dates": ["1982-07-11"], "countries": [], "id_numbers": [],
                    "notes": []}}},
    "matcher": {
        "name": {"description": "Names: parts paired in any order (SURNAME, Given = Given Surname) by spelling, "
                                "sound and initials. ...", "coefficient": 0.95, "url": "/algorithms#name"},
        "birth_date": {"description": "Birth dates: the same day is strong support, ...", "coefficient": 0.6,
                       "url": "/algorithms#birth_date"}},
    "limit": 5,
    "kenning": {"algorithm": "kenning-v1", "threshold": 0.7, "cutoff": 0.5,
                "datasets": ["gb_ofsi", "un_sc", "us_ofac_cons", "us_ofac_sdn"], "notes": []},
}

SEARCH_RESPONSE: dict[str, Any] = {
    "limit": 10, "offset": 0, "total": {"value": 2, "relation": "eq"},
    "results": [{
        "id": "gb_ofsi-13968", "caption": "Yevgeniy Viktorovich PRIGOZHIN", "schema": "Person",
        "properties": {"name": ["Yevgeniy Viktorovich PRIGOZHIN"], "alias": ["Евгений Викторович ПРИГОЖИН"],
                       "birthDate": ["1961-06-01"], "nationality": ["ru"]},
        "datasets": ["gb_ofsi"], "referents": [], "target": True,
        "first_seen": _SEEN, "last_seen": _SEEN, "last_change": _SEEN,
        "kenning": {"score": 0.9405, "match": True,
                    "matched_name": "'Евгений Пригожин' ~ 'Evgeny PRIGOZHIN': prigozhin (1.00), yevgeny (1.00) "
                                    "(via alias)"}}],
    "facets": {"datasets": {"label": "Data sources", "values": [
        {"name": "gb_ofsi", "label": "UK OFSI Consolidated List of Financial Sanctions Targets", "count": 1},
        {"name": "us_ofac_sdn", "label": "OFAC Specially Designated Nationals and Blocked Persons (SDN) list",
         "count": 1}]}},
}

_SANCTION: dict[str, Any] = {
    "id": "us_ofac_sdn-40969-sanction", "schema": "Sanction",
    "properties": {"authority": ["US Department of the Treasury, Office of Foreign Assets Control"],
                   "entity": ["us_ofac_sdn-40969"], "program": ["RUSSIA-EO14024"],
                   "provisions": ["Blocking of property"]}}

ENTITY_RESPONSE: dict[str, Any] = {
    **MASLOV_OFAC,
    "properties": {**MASLOV_OFAC["properties"], "sanctions": [{**_SANCTION, "caption": "Sanction"}]},
    "kenning": {
        "dataset": "us_ofac_sdn", "source_id": "40969", "readable": {"nationality": ["Russia"]},
        "sanctions": [_SANCTION],
        "identifiers": [{"id": "us_ofac_sdn-40969-id-1", "schema": "Passport",
                         "properties": {"number": ["731849424"], "holder": ["us_ofac_sdn-40969"]}}],
        "relations": [{"id": "us_ofac_sdn-40969-link-22543", "schema": "UnknownLink", "role": "Linked To",
                       "direction": "outgoing", "other": {"id": "us_ofac_sdn-22543", "schema": "Organization",
                                                          "caption": "PRIVATE MILITARY COMPANY 'WAGNER'"}}],
        "records": [],
        "same_as": [{"id": "gb_ofsi-16024", "schema": "Person", "caption": "Ivan Aleksandrovitch MASLOV",
                     "score": 0.983, "method": "kenning-v1",
                     "evidence": {"birth_date": {"score": 1.0, "weight": 0.6,
                                                 "detail": "query 1982-07-11 and listed 1982-07-11: the same day"}}}],
        "news": []},
}

SCREEN_CSV = "name,schema,birth_date,country,ref\nIvan Maslov,Person,1982-07-11,,c-1\n,Person,,,c-2\n"
SCREEN_JSONL = '{"name": "Ivan Maslov", "schema": "Person", "birth_date": "1982-07-11", "ref": "c-1"}\n'
SCREEN_OUTPUT = (
    '{"line":2,"ref":"c-1","query":{"names":["Ivan Maslov"],"schema":"Person","birth_dates":["1982-07-11"],'
    '"countries":[],"id_numbers":[],"datasets":[],"exclude_datasets":[],"ref":"c-1"},"match":true,'
    '"results":[{"id":"gb_ofsi-16024","dataset":"gb_ofsi","source_id":"16024","schema":"Person",'
    '"caption":"Ivan Aleksandrovitch MASLOV","score":0.9265,"match":true,"matched_name":"...",'
    '"same_as":["us_ofac_sdn-40969"],"explanation":{"name":{"score":0.8592,"weight":0.95,"detail":"..."}}}]}\n'
    '{"line":3,"ref":"c-2","error":"the row has no name"}\n')

NO_KEYS: dict[str, Any] = {"detail": "write routes are disabled: no API keys are configured (set KENNING_API_KEYS)"}

HEALTH: dict[str, Any] = {
    "status": "ok", "store": {"reachable": True, "error": None},
    "index": {"loaded": True, "error": None, "entities": 21096, "names": 50778, "fingerprint": "e492b1a98eab6d4b0691"},
    "lists": {"us_ofac_sdn": {"version": 1, "publication_date": "2024-05-03", "loaded_at": _SEEN,
                              "entities": 14965, "sha256": "5f0c...",
                              "freshness": {"published": "2024-05-03", "age_days": 944, "interval_days": 7,
                                            "overdue": True, "retired": None, "successor": None,
                                            "state": "overdue",
                                            "line": "published 2024-05-03, 944 days old; overdue: this list is "
                                                    "published at least every 7 days (run `kenning lists update`)"}}},
}

ALGORITHMS: dict[str, Any] = {
    "algorithms": [{
        "name": "kenning-v1", "threshold": 0.7,
        "description": "kenning-v1: name similarity, then qualifiers that confirm or refute it. ...",
        "features": MATCH_RESPONSE["matcher"],
        "docs": {"name": "kenning-v1", "description": "...", "config": {}, "features": MATCH_RESPONSE["matcher"]}}],
    "default": "kenning-v1", "best": "kenning-v1",
}

UPDATE: dict[str, Any] = {
    "results": [
        {"dataset": "un_sc", "status": "loaded", "edition": "UN consolidated XML (CONSOLIDATED_LIST/INDIVIDUALS, "
                                                           "ENTITIES)",
         "skipped": [],
         "downloads": [{"role": "main", "url": "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
                        "path": "/var/lib/kenning/downloads/un_sc/20261124T060000Z/0/consolidated.xml",
                        "sha256": "7db8...", "size": 2211840, "failed_attempts": ["...: HTTP 503"]}],
         "load": {"status": "loaded", "current": True, "seconds": 1.9, "version": 5, "dataset": "un_sc",
                  "publication_date": "2026-11-20", "entity_count": 1004},
         "error": None, "kept_version": None, "message": "loaded: version 5, published 2026-11-20"},
        {"dataset": "eu_fsf", "status": "failed", "edition": None, "downloads": [],
         "skipped": ["EU FSF XML 1.1 (export/sanctionEntity): https://webgate.ec.europa.eu/...: HTTP 503 "
                     "(gave up after 4 attempts)"],
         "load": None, "error": "https://webgate.ec.europa.eu/...: HTTP 503 (gave up after 4 attempts)",
         "kept_version": {"version": 3, "dataset": "eu_fsf", "publication_date": "2026-11-19"},
         "message": "update failed, kept the current version 3 (published 2026-11-19): ..."}],
    "changed": True, "relinked": {"links": 4329, "method": "kenning-v1"},
    "lists": {"un_sc": {"version": 5, "publication_date": "2026-11-20", "entities": 1004}},
}

NEWS_BODIES: dict[str, Example] = {
    "text": {"summary": "A plain-text report with its headline, date and publisher",
             "value": {"text": "The US Treasury on Monday sanctioned Ivan Maslov, the head of the Wagner Group "
                               "in Mali, and three Malian officials.",
                       "title": "US sanctions Wagner's man in Mali", "published": "2023-05-25",
                       "outlet": "Example Wire"}},
    "url": {"summary": "A page to fetch (public addresses only)",
            "value": {"url": "https://home.treasury.gov/news/press-releases/jy1513"}},
    "html": {"summary": "An HTML page", "value": {"html": "<html><head><title>Sanctions</title></head><body>"
                                                          "<article><p>...</p></article></body></html>"}},
}

PRIVATE_URL: dict[str, Any] = {"detail": "http://127.0.0.1/: refused, 127.0.0.1 is a loopback address "
                                         "(set allow_private / KENNING_ALLOW_PRIVATE_URLS to allow it)"}
NEWS_ADDED: dict[str, Any] = {
    "articles": [{"item": "posted:6e37610f1cf62abbc945", "article_id": "82e36ac3045ca979",
                  "title": "Treasury Targets Malian Officials Facilitating Wagner Group", "status": "added",
                  "story_id": "story-6768e3bfc2619e4b", "new_story": False, "duplicate_of": None, "kind": None,
                  "similarity": None, "mentions": 154, "links": 54, "events": 10}],
    "failures": [],
}

_TREASURY = {"id": "82e36ac3045ca979", "title": "Treasury Targets Malian Officials Facilitating Wagner Group",
             "outlet": "U.S. Department of the Treasury", "published": "2023-07-24",
             "url": "https://home.treasury.gov/news/press-releases/jy1645"}

STORIES: dict[str, Any] = {
    "total": 1,
    "stories": [{"id": "story-6768e3bfc2619e4b", "title": "The US has placed sanctions on three top Malian officials…",
                 "first_date": "2023-07-24", "last_date": "2023-07-24", "size": 2,
                 "outlets": ["U.S. Department of the Treasury"], "updated_at": "2026-11-23T22:13:15.309545",
                 "articles": [{**_TREASURY, "score": 0.4141, "anchor": None,
                               "evidence": {"with": "6768e3bfc2619e4b", "text": 0.2082, "event": 1.0}}]}],
}

STORY: dict[str, Any] = {
    "story_id": "story-6768e3bfc2619e4b",
    "articles": [{**_TREASURY, "source": "posted:6e37610f1cf62abbc945"}],
    "counts": {"agreed": 8, "complementary": 7, "conflicting": 1, "single-source": 52},
    "events": [{"key": "us-2023-07-24", "authority": "United States", "authority_country": "us",
                "date": "2023-07-24", "background": False, "sources": ["6768e3bfc2619e4b", "82e36ac3045ca979"],
                "targets": [{"key": "t2", "name": "Sadio Camara", "entity_id": "us_ofac_sdn-42618", "sources": {
                    "6768e3bfc2619e4b": {"words": "defence minister", "role": "defence minister", "role_only": True},
                    "82e36ac3045ca979": {"words": "Camara", "role": "Minister of Defense", "role_only": False}}}]}],
    "facts": ["..."],
    "story": {"id": "story-6768e3bfc2619e4b", "size": 2},
}

ARTICLE: dict[str, Any] = {
    "article": {**_TREASURY, "text": "WASHINGTON — Today, the Department of the Treasury's Office of Foreign Assets "
                                     "Control (OFAC) designated ...", "language": "en"},
    "result": {"mentions": ["..."], "events": ["..."], "claims": ["..."]},
    "added_at": "2026-11-23T22:13:15.309545",
    "story": {"id": "story-6768e3bfc2619e4b", "anchor": None},
    "duplicates": [],
}

ENTITY_NEWS: list[dict[str, Any]] = [{
    "article": _TREASURY, "text": "Sadio Camara", "label": "PERSON", "start": 1331, "end": 1343, "score": 1.0,
    "entity_ids": ["us_ofac_sdn-42618"],
    "sentence": {"start": 1323, "end": 1403,
                 "text": "Colonel Sadio Camara (Camara), a Malian national, is Mali’s Minister of Defense."},
    "highlight": {"start": 8, "end": 20},
    "events": [{"event": 0, "authority": "Office of Foreign Assets Control", "authority_country": "us",
                "date": "2023-07-24", "date_approx": False, "background": False,
                "measures": ["designation", "asset freeze"], "role": "Minister of Defense",
                "entity_id": "us_ofac_sdn-42618"}]}]
