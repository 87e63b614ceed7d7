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

MATCH_RESPONSE: dict[str, Any] = {}

SEARCH_RESPONSE: dict[str, Any] = {}
ENTITY_RESPONSE: dict[str, Any] = {}
SCREEN_CSV = "name,schema,birth_date,country,ref\nIvan Maslov,Person,1982-07-11,,c-1\nJane Example,Person,,gb,c-2\n"
SCREEN_JSONL = '{"name": "Ivan Maslov", "schema": "Person", "birth_date": "1982-07-11", "ref": "c-1"}\n'
SCREEN_OUTPUT = ""
NO_KEYS: dict[str, Any] = {"detail": "write routes are disabled: no API keys are configured (set KENNING_API_KEYS)"}
HEALTH: dict[str, Any] = {}
ALGORITHMS: dict[str, Any] = {}
UPDATE: dict[str, Any] = {}
